import { runGit } from "../git/run_git.ts";
import { AnalysisError } from "../pipeline/analysis_error.ts";

/** One entry of the git index: a tracked path with its blob and mode. */
export interface TrackedFile {
  path: string;
  /** The git blob SHA: the same content has the same SHA in every commit and repository. */
  blob: string;
  /** 100644/100755 files, 120000 symlinks, 160000 submodules. */
  mode: string;
}

/** Lists the tracked files of a checkout (`git ls-files -s`, so .gitignore holds), sorted by path. */
export async function listTrackedFiles(dir: string, signal?: AbortSignal): Promise<TrackedFile[]> {
  const listed = await runGit(["ls-files", "-s", "-z"], { cwd: dir, timeoutMs: 120_000, signal });
  signal?.throwIfAborted();
  if (listed.code !== 0) throw new AnalysisError("scan_failed", "git could not list the repository's files");
  const files: TrackedFile[] = [];
  for (const record of listed.stdout.split("\0")) {
    if (!record) continue;
    // "<mode> <blob> <stage>\t<path>"
    const tab = record.indexOf("\t");
    const [mode, blob] = record.slice(0, tab).split(" ");
    files.push({ path: record.slice(tab + 1), blob, mode });
  }
  return files;
}
