/** Folder of a repository path: "" for a file at the root. */
export function dirname(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

/** Last segment of a repository path. */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** `dir/name`, without a stray slash when either is "" (the root, or no name). */
export function child(dir: string, name: string): string {
  return dir === "" ? name : name === "" ? dir : `${dir}/${name}`;
}

/** Joins `relative` onto `dir`, folding `.` and `..`; null when it climbs above the root. */
export function joinPath(dir: string, relative: string): string | null {
  const parts = dir === "" ? [] : dir.split("/");
  for (const part of relative.split("/")) {
    if (part === "" || part === ".") continue;
    if (part !== "..") parts.push(part);
    else if (parts.length === 0) return null;
    else parts.pop();
  }
  return parts.join("/");
}

/** `dir` and each folder above it, nearest first, ending with the root (""). */
export function* ancestors(dir: string): Generator<string> {
  let current = dir;
  while (current !== "") {
    yield current;
    current = dirname(current);
  }
  yield "";
}

/** Whether `path` is `suffix` or ends with `/suffix` (a whole-segment suffix). */
export function hasPathSuffix(path: string, suffix: string): boolean {
  return path === suffix || (path.endsWith(suffix) && path[path.length - suffix.length - 1] === "/");
}

function sharedFolders(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let shared = 0;
  for (let i = 0; i < limit && a[i] === b[i]; i++) if (a[i] === "/") shared++;
  return shared;
}

/**
 * The candidate sharing the most leading folders with `fromPath` (the first of
 * equals, candidates being sorted); with `strict`, null when that best is tied.
 */
export function nearest(candidates: readonly string[], fromPath: string, strict = false): string | null {
  let best: string | null = null;
  let bestScore = -1;
  let tied = false;
  for (const candidate of candidates) {
    const score = sharedFolders(candidate, fromPath);
    if (score > bestScore) [best, bestScore, tied] = [candidate, score, false];
    else if (score === bestScore) tied = true;
  }
  return strict && tied ? null : best;
}
