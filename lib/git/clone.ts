import { getLogger } from "../log.ts";
import { AnalysisError } from "../pipeline/analysis_error.ts";
import { type GitResult, runGit } from "./run_git.ts";

const log = getLogger("git");

/** One commit fetched into a bare repository in a temporary folder (nothing is checked out). */
export interface Checkout {
  /** The bare repository (git dir). */
  dir: string;
  commit: string;
}

/**
 * Fetches one commit (the default branch's head, or `ref`: branch, tag or
 * SHA) of `url` into a bare repository in the empty folder `dir`, shallowly.
 * Nothing is checked out: files are read from the object store (BlobReader),
 * which is faster and means no path or symlink of the repository ever reaches
 * the file system. Local repositories (`file://`) are fetched by path.
 */
export async function shallowClone(
  url: string,
  ref: string | null,
  dir: string,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<Checkout> {
  const local = url.startsWith("file://");
  const source = local ? url.slice("file://".length) : url;
  const deadline = Date.now() + options.timeoutMs;
  const git = async (args: string[]): Promise<GitResult> => {
    const result = await runGit(args, {
      cwd: dir,
      timeoutMs: Math.max(1000, deadline - Date.now()),
      protocol: local ? "file" : "https",
      signal: options.signal,
    });
    if (result.interrupted === "aborted") throw new AnalysisError("canceled", "The analysis was canceled");
    if (result.interrupted === "timeout") {
      throw new AnalysisError(
        "clone_timeout",
        `Fetching the repository took longer than ${options.timeoutMs / 1000} s`,
      );
    }
    if (result.code === 127) throw new AnalysisError("git_missing", "git is not installed on this server");
    return result;
  };
  await git(["init", "--bare", "--quiet", "--template=", "."]);
  const fetched = await git([
    "fetch",
    "--quiet",
    "--depth=1",
    "--no-tags",
    "--no-recurse-submodules",
    source,
    ref ?? "HEAD",
  ]);
  if (fetched.code !== 0) throw classifyFetchError(fetched.stderr, url, ref);
  const head = await git(["rev-parse", "--verify", "FETCH_HEAD^{commit}"]);
  if (head.code !== 0) {
    log.warn("git rev-parse FETCH_HEAD failed: {stderr}", { stderr: head.stderr });
    throw new AnalysisError("checkout_failed", "The fetched ref is not a commit");
  }
  return { dir, commit: head.stdout.trim() };
}

function classifyFetchError(stderr: string, url: string, ref: string | null): AnalysisError {
  const text = stderr.toLowerCase();
  if (ref === null && text.includes("couldn't find remote ref")) {
    return new AnalysisError("repo_empty", `The repository at ${url} has no commits to analyse`);
  }
  if (text.includes("couldn't find remote ref") || text.includes("not our ref")) {
    return new AnalysisError("ref_not_found", `The repository has no branch, tag or commit named '${ref}'`);
  }
  if (
    text.includes("repository not found") || text.includes("does not appear to be a git repository") ||
    text.includes("not found") || text.includes("does not exist")
  ) {
    return new AnalysisError("repo_not_found", `No git repository was found at ${url}`);
  }
  if (text.includes("could not read username") || text.includes("authentication failed")) {
    return new AnalysisError("auth_required", `${url} asks for credentials: it is private or does not exist`);
  }
  if (text.includes("could not resolve host")) {
    return new AnalysisError("host_unreachable", `The host of ${url} could not be found`, { transient: true });
  }
  // git's own words can name internal hosts, ports and proxies: they go to the log, not to the user.
  log.warn("git fetch failed: {stderr}", { stderr });
  return new AnalysisError("clone_failed", `git could not fetch ${url}; the server's log has the details`);
}
