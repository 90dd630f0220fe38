import { fileOr, type Resolution, toExternal, UNRESOLVED } from "./resolution.ts";
import type { RawImport } from "./raw_import.ts";
import { child, dirname, joinPath, nearest } from "./repo_paths.ts";
import { firstFileIn, type ResolverContext } from "./resolver_context.ts";

// Hosts whose import paths name a repository as host/owner/repo.
const THREE_PART_HOSTS = new Set(["github.com", "gitlab.com", "bitbucket.org", "golang.org", "codeberg.org"]);

/**
 * Go (`import "path"`): Go imports packages, which are folders. The edge goes to the package
 * folder's first non-test `.go` file by sorted path, standing for the whole package.
 * - A path under a `module` declared by any go.mod (longest module path wins; when several
 *   go.mod files declare it, the one nearest the importing file) → that folder under the
 *   go.mod's folder; a folder without non-test `.go` files → unresolved.
 * - `./x` and `../x` (GOPATH-era relative imports) → that folder next to the importing file.
 * - No dot in the first element (`fmt`, `net/http`, cgo's `C`) → external standard library,
 *   the whole import path.
 * - Otherwise external with the module-ish path: host/owner/repo for github.com, gitlab.com,
 *   bitbucket.org, golang.org (`golang.org/x/net`) and codeberg.org, host/first element elsewhere
 *   (`go.uber.org/zap`), plus a following `/vN` major-version element.
 */
export function resolveGo(context: ResolverContext, fromPath: string, raw: RawImport): Resolution {
  const path = raw.module.trim().replace(/^"|"$/g, "");
  if (path.startsWith(".")) {
    const dir = joinPath(dirname(fromPath), path);
    return fileOr(dir === null ? null : packageFile(context, dir), UNRESOLVED);
  }
  const parts = path.split("/");
  for (let length = parts.length; length >= 1; length--) {
    const roots = context.goModules.get(parts.slice(0, length).join("/"));
    if (!roots) continue;
    const rest = parts.slice(length).join("/");
    const files = roots.map((root) => packageFile(context, child(root, rest))).filter((f): f is string => f !== null);
    return fileOr(nearest(files, fromPath), UNRESOLVED);
  }
  if (!parts[0].includes(".")) return toExternal(path);
  let length = THREE_PART_HOSTS.has(parts[0]) ? 3 : 2;
  if (/^v\d+$/.test(parts[length] ?? "")) length++;
  return toExternal(parts.slice(0, length).join("/"));
}

function packageFile(context: ResolverContext, dir: string): string | null {
  return firstFileIn(context, dir, "go", (p) => p.endsWith(".go") && !p.endsWith("_test.go"));
}
