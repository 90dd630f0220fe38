import { fileOr, type Resolution, toExternal, toFile, UNRESOLVED } from "./resolution.ts";
import type { RawImport } from "./raw_import.ts";
import { child, dirname, joinPath } from "./repo_paths.ts";
import { firstExisting, type ResolverContext } from "./resolver_context.ts";

/**
 * Python (`import a.b.c`, `from a.b import c`, given as the dotted module):
 * - `a.b.c` → `a/b/c.py`, `a/b/c/__init__.py` (then `.pyi` stubs), tried from: the importing
 *   file's nearest folder without `__init__.py` (its script folder or package root), the
 *   repository root, `src/`, then every folder holding a top-level package named `a`.
 * - When no root has `a.b.c` itself, `a.b` is tried the same way: the parser may hand over
 *   `from a.b import c` as `a.b.c`, where `c` is a name defined in `a/b.py`.
 * - Relative (`.x`, `..mod`, `.`): one dot is the importing file's package, each further dot a
 *   folder up; `.x` → `x.py` or `x/__init__.py` there, else that package's `__init__.py` (`x`
 *   being a name defined in it); `.` → `__init__.py`; nothing found → unresolved.
 * - Otherwise external with the top-level name (`numpy` from `numpy.linalg`), unless that
 *   top-level package or module is in the repository: then unresolved (a broken local import).
 */
export function resolvePython(context: ResolverContext, fromPath: string, raw: RawImport): Resolution {
  const module = raw.module.trim();
  const dots = module.match(/^\.*/)![0].length;
  const segments = module.slice(dots).split(".").filter((s) => s !== "");
  if (dots > 0) return fileOr(resolveRelative(context, fromPath, dots, segments), UNRESOLVED);
  if (segments.length === 0) return UNRESOLVED;
  const roots = searchRoots(context, fromPath, segments[0]);
  for (let length = segments.length; length >= Math.max(1, segments.length - 1); length--) {
    for (const root of roots) {
      const found = moduleFile(context, root, segments.slice(0, length));
      if (found) return toFile(found);
    }
  }
  // A missing submodule of one of our own packages is a broken local import, not a dependency.
  const local = roots.some((root) => moduleFile(context, root, segments.slice(0, 1)) !== null);
  return local ? UNRESOLVED : toExternal(segments[0]);
}

function resolveRelative(context: ResolverContext, fromPath: string, dots: number, segments: string[]): string | null {
  let pkg: string | null = dirname(fromPath);
  for (let up = 1; up < dots && pkg !== null; up++) pkg = joinPath(pkg, "..");
  if (pkg === null) return null;
  if (segments.length > 0) {
    const found = moduleFile(context, pkg, segments) ??
      (segments.length > 1 ? moduleFile(context, pkg, segments.slice(0, -1)) : null);
    if (found) return found;
  }
  return firstExisting(context, [child(pkg, "__init__.py"), child(pkg, "__init__.pyi")]);
}

function searchRoots(context: ResolverContext, fromPath: string, topName: string): string[] {
  let scriptRoot = dirname(fromPath);
  while (scriptRoot !== "" && context.paths.has(child(scriptRoot, "__init__.py"))) scriptRoot = dirname(scriptRoot);
  return [...new Set([scriptRoot, "", "src", ...(context.pythonRoots.get(topName) ?? [])])];
}

function moduleFile(context: ResolverContext, root: string, segments: string[]): string | null {
  const base = child(root, segments.join("/"));
  return firstExisting(context, [`${base}.py`, `${base}/__init__.py`, `${base}.pyi`, `${base}/__init__.pyi`]);
}
