import { fileOr, type Resolution, toExternal, UNRESOLVED } from "./resolution.ts";
import type { RawImport } from "./raw_import.ts";
import { dirname, joinPath, nearest } from "./repo_paths.ts";
import { findBySuffix, type ResolverContext } from "./resolver_context.ts";

/**
 * C, C++ and headers (`#include "x.h"` is kind `include`, `#include <x>` is `include_system`;
 * quotes or angle brackets around the module are tolerated):
 * - `"x.h"` → `x.h` next to the including file (`..` allowed), else a file ending in
 *   `include/x.h` (the nearest one), else the single file in the repository ending in `/x.h`;
 *   when several end so, the one sharing the most folders with the includer if it is the only
 *   such one; otherwise unresolved (a generated or third-party header we cannot place).
 * - `<x>` → the repository file ending in `/x` when exactly one does (a vendored or project
 *   header reached through `-I`), else external `<x>`.
 */
export function resolveC(context: ResolverContext, fromPath: string, raw: RawImport): Resolution {
  const header = raw.module.trim().replace(/^["<]|[">]$/g, "");
  if (header === "") return UNRESOLVED;
  if (raw.kind === "include_system") {
    const matches = searchable(header) ? findBySuffix(context, header) : [];
    return matches.length === 1 ? fileOr(matches[0], UNRESOLVED) : toExternal(`<${header}>`);
  }
  const local = joinPath(dirname(fromPath), header);
  if (local !== null && context.paths.has(local)) return fileOr(local, UNRESOLVED);
  if (!searchable(header)) return UNRESOLVED;
  const fromInclude = nearest(findBySuffix(context, `include/${header}`), fromPath);
  if (fromInclude) return fileOr(fromInclude, UNRESOLVED);
  return fileOr(nearest(findBySuffix(context, header), fromPath, true), UNRESOLVED);
}

// A suffix search only makes sense for a plain downward path.
function searchable(header: string): boolean {
  return !header.startsWith("/") && !header.split("/").some((part) => part === ".." || part === ".");
}
