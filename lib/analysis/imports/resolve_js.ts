import { fileOr, type Resolution, toExternal, UNRESOLVED } from "./resolution.ts";
import type { RawImport } from "./raw_import.ts";
import { child, dirname, joinPath } from "./repo_paths.ts";
import { firstExisting, type ResolverContext } from "./resolver_context.ts";

// The order TypeScript and bundlers try; `.d.ts` last so a source file wins over its declarations.
const EXTENSIONS = [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".json", ".d.ts"];
// TypeScript's ESM style: `./x.js` in source means the `./x.ts` that compiles to it.
const SOURCE_OF: Record<string, string[]> = {
  ".js": [".ts", ".tsx", ".d.ts"],
  ".jsx": [".tsx"],
  ".mjs": [".mts", ".d.mts"],
  ".cjs": [".cts", ".d.cts"],
};
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * JavaScript, TypeScript and TSX (`import`, `export … from`, `require`, `import()` alike):
 * - `./x`, `../y` (and root-relative `/z`) against the importing file's folder: the exact
 *   path, then `./x.js` read as `./x.ts`/`.tsx`/`.d.ts` (also `.jsx`→`.tsx`, `.mjs`→`.mts`,
 *   `.cjs`→`.cts`), then `x` + `.ts .tsx .js .jsx .mjs .cjs .mts .cts .json .d.ts`, then
 *   `x/index.<ext>`; `?query`/`#hash` suffixes are ignored; missing → unresolved.
 * - Root tsconfig.json/jsconfig.json `paths` (exact, then `*` patterns by longest prefix, each
 *   target in order) and then `baseUrl` are tried for other specifiers; a match is a target.
 * - Otherwise external: the package name (`lodash` from `lodash/fp`, `@scope/pkg` from
 *   `@scope/pkg/sub`), `node:fs` from `node:fs/promises`, `hono` from `npm:hono@4/jsx`,
 *   `jsr:@std/path` from `jsr:@std/path@1/join`, and any other URL (`https:`, `data:`) as-is.
 * - Specifiers that are no package name (`@/x`, `~/x`, `#x`) and match no alias: unresolved.
 */
export function resolveJs(context: ResolverContext, fromPath: string, raw: RawImport): Resolution {
  const specifier = raw.module.trim();
  if (specifier.startsWith(".") || specifier.startsWith("/")) {
    const base = specifier.startsWith("/") ? "" : dirname(fromPath);
    const path = joinPath(base, specifier.replace(/[?#].*$/, ""));
    return fileOr(path === null ? null : resolveJsFile(context, path), UNRESOLVED);
  }
  const aliased = resolveAlias(context, specifier);
  if (aliased) return fileOr(aliased, UNRESOLVED);
  const name = packageName(specifier);
  return name === null ? UNRESOLVED : toExternal(name);
}

/** The file a module path without its extension (or with a compiled one) stands for, or null. */
export function resolveJsFile(context: ResolverContext, path: string): string | null {
  const candidates = [path];
  for (const [compiled, sources] of Object.entries(SOURCE_OF)) {
    if (path.endsWith(compiled)) candidates.push(...sources.map((s) => path.slice(0, -compiled.length) + s));
  }
  if (path !== "") candidates.push(...EXTENSIONS.map((ext) => path + ext));
  candidates.push(...EXTENSIONS.map((ext) => child(path, `index${ext}`)));
  return firstExisting(context, candidates);
}

function resolveAlias(context: ResolverContext, specifier: string): string | null {
  const aliases = context.tsAliases;
  if (!aliases || SCHEME.test(specifier)) return null;
  for (const pattern of aliases.patterns) {
    const matches = pattern.wildcard
      ? specifier.length >= pattern.prefix.length + pattern.suffix.length &&
        specifier.startsWith(pattern.prefix) && specifier.endsWith(pattern.suffix)
      : specifier === pattern.prefix;
    if (!matches) continue;
    const star = specifier.slice(pattern.prefix.length, specifier.length - pattern.suffix.length);
    for (const target of pattern.targets) {
      const found = resolveJsFile(context, pattern.wildcard ? target.replace("*", star) : target);
      if (found) return found;
    }
    break; // TypeScript only tries the best-matching pattern before baseUrl.
  }
  if (aliases.baseUrl === null) return null;
  const path = joinPath(aliases.baseUrl, specifier);
  return path === null ? null : resolveJsFile(context, path);
}

/** The package (or URL) a non-relative specifier names, or null when it is no package name. */
export function packageName(specifier: string): string | null {
  const scheme = specifier.match(SCHEME)?.[1].toLowerCase();
  if (scheme === undefined) return bareName(specifier, false);
  const rest = specifier.slice(scheme.length + 1).replace(/^\/+/, "");
  if (scheme === "node") return rest ? `node:${rest.split("/")[0]}` : null;
  if (scheme === "npm") return bareName(rest, true);
  if (scheme === "jsr") {
    const name = bareName(rest, true);
    return name === null ? null : `jsr:${name}`;
  }
  return specifier;
}

function bareName(specifier: string, versioned: boolean): string | null {
  const parts = specifier.split("/");
  const scoped = parts[0].startsWith("@");
  let name = scoped ? `${parts[0]}/${parts[1] ?? ""}` : parts[0];
  if (versioned) name = name.replace(/(.)@.*$/, "$1");
  const valid = scoped ? /^@[^/@~#]+\/[^/@~#]+$/ : /^[^/@~#.][^/@~#]*$/;
  return valid.test(name) ? name : null;
}
