import { fileOr, type Resolution, toExternal, UNRESOLVED } from "./resolution.ts";
import type { RawImport } from "./raw_import.ts";
import { nearest } from "./repo_paths.ts";
import { findBySuffix, findDirsBySuffix, firstFileIn, type ResolverContext } from "./resolver_context.ts";

/**
 * C# (`using X.Y;`, also `global using`, `using static X.Y.Z;` and `using A = X.Y;`): namespaces
 * are not files, so this is best effort by folder convention; `X.Y` may be laid out as `X/Y`
 * or, for a project folder, as `X.Y` (any split: `X.Y/Z`, `X/Y/Z`).
 * - A file ending in `X/Y.cs` (a class, as `using static` names) → that file.
 * - Else a folder ending in `X/Y` (or `X.Y`) holding `.cs` files → its first `.cs` file by sorted
 *   path, standing for the namespace (as Java and Go packages are); not for one-word namespaces.
 * - Else a file `Y.cs` directly under a folder named `X` (last two segments) → that file.
 * - Otherwise external with the whole namespace (`System.Text`).
 */
export function resolveCsharp(context: ResolverContext, fromPath: string, raw: RawImport): Resolution {
  const name = raw.module.trim().replace(/^global\s+/, "").replace(/^using\s+/, "").replace(/^static\s+/, "")
    .replace(/^[A-Za-z_][\w]*\s*=\s*/, "").replace(/\s*;$/, "").replace(/<.*$/, "");
  const segments = name.split(".").map((s) => s.trim()).filter((s) => s !== "");
  if (segments.length === 0) return UNRESOLVED;
  return fileOr(namespaceFile(context, fromPath, segments), toExternal(segments.join(".")));
}

function namespaceFile(context: ResolverContext, fromPath: string, segments: string[]): string | null {
  const layouts = segments.map((_, i) => [segments.slice(0, i + 1).join("."), ...segments.slice(i + 1)].join("/"));
  for (const layout of layouts.slice(0, -1)) {
    const file = nearest(findBySuffix(context, `${layout}.cs`), fromPath);
    if (file) return file;
  }
  // A one-word namespace (`System`) would match any folder of that name: too loose.
  for (const layout of segments.length > 1 ? layouts : []) {
    const dirs = findDirsBySuffix(context, layout).filter((dir) => csFile(context, dir) !== null);
    const dir = nearest(dirs, fromPath);
    if (dir !== null) return csFile(context, dir);
  }
  return segments.length > 1 ? nearest(findBySuffix(context, `${segments.slice(-2).join("/")}.cs`), fromPath) : null;
}

function csFile(context: ResolverContext, dir: string): string | null {
  return firstFileIn(context, dir, "cs", (p) => p.endsWith(".cs"));
}
