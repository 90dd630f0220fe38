import { parseLooseJson } from "./loose_json.ts";
import { joinPath } from "./repo_paths.ts";

/** The `module` path a go.mod declares, or null. */
export function goModulePath(text: string): string | null {
  const match = text.match(/^\s*module\s+"?([^\s"/][^\s"]*)"?/m);
  return match ? match[1] : null;
}

/** The `[package] name` of a Cargo.toml as Rust code spells it (`-` becomes `_`), or null. */
export function cargoCrateName(text: string): string | null {
  let inPackage = false;
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed.startsWith("[")) inPackage = trimmed === "[package]";
    else if (inPackage) {
      const match = trimmed.match(/^name\s*=\s*["']([^"']+)["']/);
      if (match) return match[1].replaceAll("-", "_");
    }
  }
  return null;
}

/** A PSR-4 namespace prefix (with its trailing `\`) and the repository folders it maps to. */
export interface Psr4Mapping {
  prefix: string;
  dirs: string[];
}

/** The `autoload` and `autoload-dev` PSR-4 mappings of a composer.json in folder `dir`. */
export function composerPsr4(text: string, dir: string): Psr4Mapping[] {
  const json = parseLooseJson(text);
  const mappings: Psr4Mapping[] = [];
  for (const section of ["autoload", "autoload-dev"]) {
    const psr4 = field(field(json, section), "psr-4");
    if (!psr4 || typeof psr4 !== "object") continue;
    for (const [namespace, value] of Object.entries(psr4)) {
      const folders = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
      const dirs = folders.map((folder) => joinPath(dir, folder)).filter((d): d is string => d !== null);
      const prefix = namespace.replace(/^\\+/, "").replace(/\\*$/, "\\");
      if (dirs.length) mappings.push({ prefix: prefix === "\\" ? "" : prefix, dirs });
    }
  }
  return mappings;
}

function field(value: unknown, key: string): unknown {
  return value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
}
