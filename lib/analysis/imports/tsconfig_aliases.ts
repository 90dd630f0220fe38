import { parseLooseJson } from "./loose_json.ts";
import { dirname, joinPath } from "./repo_paths.ts";

/** One `compilerOptions.paths` entry; `targets` are repository paths that may hold one `*`. */
export interface TsPathPattern {
  prefix: string;
  suffix: string;
  wildcard: boolean;
  targets: string[];
}

/** The root tsconfig.json/jsconfig.json aliases: `baseUrl` as a repository folder, and `paths`. */
export interface TsAliases {
  baseUrl: string | null;
  /** Exact patterns first, then wildcards by longest prefix, the order TypeScript tries them in. */
  patterns: TsPathPattern[];
}

type ReadText = (path: string) => Promise<string | null>;
interface Options {
  baseUrl?: string;
  paths?: Record<string, unknown>;
  pathsDir?: string;
}

// Deep enough for real `extends` chains, shallow enough to stop a cycle.
const MAX_EXTENDS = 5;

/** Reads the root tsconfig.json (else jsconfig.json) and its relative `extends`; null without aliases. */
export async function loadTsAliases(paths: ReadonlySet<string>, readText: ReadText): Promise<TsAliases | null> {
  const config = ["tsconfig.json", "jsconfig.json"].find((name) => paths.has(name));
  if (!config) return null;
  const options = await readOptions(config, paths, readText, 0);
  const baseUrl = options.baseUrl ?? null;
  // TypeScript: `paths` are relative to baseUrl when set, else to the file declaring them.
  const pathsBase = baseUrl ?? options.pathsDir ?? "";
  const patterns: TsPathPattern[] = [];
  for (const [key, value] of Object.entries(options.paths ?? {})) {
    if (!Array.isArray(value)) continue;
    const targets = value.filter((t): t is string => typeof t === "string")
      .map((t) => joinPath(pathsBase, t)).filter((t): t is string => t !== null);
    const star = key.indexOf("*");
    const wildcard = star >= 0;
    patterns.push({
      prefix: wildcard ? key.slice(0, star) : key,
      suffix: wildcard ? key.slice(star + 1) : "",
      wildcard,
      targets,
    });
  }
  patterns.sort((a, b) => Number(a.wildcard) - Number(b.wildcard) || b.prefix.length - a.prefix.length);
  return baseUrl === null && patterns.length === 0 ? null : { baseUrl, patterns };
}

async function readOptions(
  path: string,
  paths: ReadonlySet<string>,
  readText: ReadText,
  depth: number,
): Promise<Options> {
  const text = await readText(path);
  const json = text === null ? null : parseLooseJson(text);
  if (!json || typeof json !== "object") return {};
  const { extends: parents, compilerOptions } = json as { extends?: unknown; compilerOptions?: unknown };
  const dir = dirname(path);
  let options: Options = {};
  // Only repository files: package-named bases (`@tsconfig/node20`) live in node_modules.
  for (const parent of [parents].flat()) {
    if (typeof parent !== "string" || !parent.startsWith(".") || depth >= MAX_EXTENDS) continue;
    const base = joinPath(dir, parent);
    const file = base === null ? undefined : [base, `${base}.json`].find((p) => paths.has(p));
    if (file) options = { ...options, ...await readOptions(file, paths, readText, depth + 1) };
  }
  const own = (compilerOptions && typeof compilerOptions === "object" ? compilerOptions : {}) as Record<
    string,
    unknown
  >;
  if (typeof own.baseUrl === "string") options.baseUrl = joinPath(dir, own.baseUrl) ?? undefined;
  if (own.paths && typeof own.paths === "object") {
    options.paths = own.paths as Record<string, unknown>;
    options.pathsDir = dir;
  }
  return options;
}
