import { runGit } from "../git/run_git.ts";
import { AnalysisError } from "../pipeline/analysis_error.ts";

/** One entry of the git index: a tracked path with its blob and mode. */
export interface TrackedFile {
  path: string;
  /** The git blob SHA: the same content has the same SHA in every commit and repository. */
  blob: string;
  /** 100644/100755 files, 120000 symlinks, 160000 submodules. */
  mode: string;
  /** Bytes of the blob (0 for a submodule). */
  size: number;
}

/** Lists every file of `commit` (what git tracks, so .gitignore holds), sorted by path, with blob and size. */
export async function listTrackedFiles(gitDir: string, commit: string, signal?: AbortSignal): Promise<TrackedFile[]> {
  const listed = await runGit(["ls-tree", "-r", "-z", "--full-tree", "-l", commit], {
    cwd: gitDir,
    timeoutMs: 120_000,
    signal,
  });
  signal?.throwIfAborted();
  if (listed.code !== 0) throw new AnalysisError("scan_failed", "git could not list the repository's files");
  const files: TrackedFile[] = [];
  const seen = new Set<string>();
  for (const record of listed.stdout.split("\0")) {
    if (!record) continue;
    // "<mode> <type> <object> <padded size>\t<path>"; a submodule's size is "-".
    const tab = record.indexOf("\t");
    const [mode, , blob, size] = record.slice(0, tab).split(/ +/);
    const path = record.slice(tab + 1);
    // Two paths that are not valid UTF-8 can decode to one name: keep the first, the key must be unique.
    if (seen.has(path)) continue;
    seen.add(path);
    files.push({ path, blob, mode, size: Number(size) || 0 });
  }
  return files;
}
