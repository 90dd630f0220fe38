import { fileOr, type Resolution, toExternal, UNRESOLVED } from "./resolution.ts";
import type { RawImport } from "./raw_import.ts";
import { child, dirname, joinPath, nearest } from "./repo_paths.ts";
import { findBySuffix, firstExisting, type ResolverContext } from "./resolver_context.ts";

/**
 * PHP:
 * - `require`/`include` (any kind but `use`) `'x.php'` → relative to the including file's
 *   folder, then to the repository root (the usual include_path); a leading `/` is read as
 *   relative too, since `__DIR__ . '/x.php'` reaches us as `/x.php`; missing → unresolved.
 * - `use App\Models\User;` (also `use function …`/`use const …`, `as` aliases, `{…}` groups cut
 *   off) → through composer.json `autoload`/`autoload-dev` PSR-4 prefixes (longest first) when
 *   one matches and the file exists; else a file ending in `App/Models/User.php`, then in
 *   `Models/User.php` (the nearest of several).
 * - Unresolved `use` → external with the first namespace segment (`Symfony`).
 */
export function resolvePhp(context: ResolverContext, fromPath: string, raw: RawImport): Resolution {
  const module = raw.module.trim();
  if (raw.kind !== "use") {
    const relative = module.replace(/^\/+/, "");
    const candidates = [joinPath(dirname(fromPath), relative), joinPath("", relative)];
    return fileOr(firstExisting(context, candidates.filter((c): c is string => c !== null)), UNRESOLVED);
  }
  const name = module.replace(/^use\s+/, "").replace(/^(function|const)\s+/, "").replace(/\s+as\s+.*$/, "")
    .replace(/\\?\{.*$/, "").replace(/[;\s]+$/, "").replace(/^\\+/, "").replace(/\\+$/, "");
  const segments = name.split("\\").filter((s) => s !== "");
  if (segments.length === 0) return UNRESOLVED;
  return fileOr(classFile(context, fromPath, segments), toExternal(segments[0]));
}

function classFile(context: ResolverContext, fromPath: string, segments: string[]): string | null {
  const qualified = segments.join("\\");
  for (const { prefix, dirs } of context.psr4) {
    if (!qualified.startsWith(prefix)) continue;
    const relative = `${qualified.slice(prefix.length).replaceAll("\\", "/")}.php`;
    const found = firstExisting(context, dirs.map((dir) => child(dir, relative)));
    if (found) return found;
  }
  const suffixes = [segments.join("/"), segments.slice(-2).join("/")];
  for (const suffix of suffixes) {
    const found = nearest(findBySuffix(context, `${suffix}.php`), fromPath);
    if (found) return found;
  }
  return null;
}
