import fs from "node:fs/promises";
import path from "node:path";
import { pathExists } from "../fs.ts";
import { getLogger } from "../log.ts";
import { AnalysisError } from "../pipeline/analysis_error.ts";
import { pinnedRemoteConfig } from "./remote_guard.ts";
import { type GitCredential, type GitResult, runGit } from "./run_git.ts";

const log = getLogger("git");

/** One commit fetched into a bare repository (nothing is checked out). */
export interface Checkout {
  /** The bare repository (git dir). */
  dir: string;
  commit: string;
}

/**
 * Fetches one commit (the default branch's head, or `ref`: branch, tag or
 * SHA) of `url` shallowly into the bare repository `dir`, creating it when
 * the folder is empty. Nothing is checked out: files are read from the object
 * store (BlobReader), which is faster and means no path or symlink of the
 * repository ever reaches the file system. Local repositories (`file://`)
 * are fetched by path.
 *
 * `dir` may be a mirror kept from an earlier fetch of the same URL: the last
 * commit fetched stays under `refs/codevoyage/latest`, so git asks only for
 * the objects it lacks and a re-analysis after a few commits fetches little.
 * `depth` commits of history are fetched (1 by default); a deeper fetch
 * deepens the mirror.
 * The caller makes sure one fetch at a time runs in a mirror. `pin` names a
 * ref that keeps the fetched commit's objects until the caller deletes it.
 * `credential` answers an https server that asks (a private repository).
 */
export async function fetchCommit(
  url: string,
  ref: string | null,
  dir: string,
  options: {
    timeoutMs: number;
    signal?: AbortSignal;
    pin?: string;
    depth?: number;
    maxBytes?: number;
    credential?: GitCredential;
  },
): Promise<Checkout> {
  const local = url.startsWith("file://");
  const source = local ? url.slice("file://".length) : url;
  const deadline = Date.now() + options.timeoutMs;
  // The fetch stops when it has received more than maxBytes (a pack file grows while it arrives).
  const tooLarge = new AbortController();
  // `remote`: this run talks to the server, and gets the credential.
  const git = async (args: string[], config: string[] = [], remote = false): Promise<GitResult> => {
    const signals = [tooLarge.signal, ...(options.signal ? [options.signal] : [])];
    const result = await runGit(args, {
      cwd: dir,
      timeoutMs: Math.max(1000, deadline - Date.now()),
      protocol: local ? "file" : "https",
      signal: AbortSignal.any(signals),
      config,
      credential: remote ? options.credential : undefined,
    });
    if (result.interrupted === "aborted" && tooLarge.signal.aborted) {
      throw new AnalysisError(
        "repo_too_large",
        `The repository is larger than ${Math.round(options.maxBytes! / 1e6)} MB, the most this server fetches`,
      );
    }
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
  if (await pathExists(path.join(dir, "HEAD")) && !await isBareRepository(dir)) {
    // A mirror a crash or a full disk damaged is not worth repairing: it starts again.
    log.warn("the mirror {dir} is damaged; starting it again", { dir });
    for (const entry of await fs.readdir(dir)) await fs.rm(path.join(dir, entry), { recursive: true, force: true });
  }
  if (await pathExists(path.join(dir, "HEAD"))) {
    // Only one fetch runs here at a time: a lock file is what a killed git left behind.
    for (const lock of ["shallow.lock", "packed-refs.lock", "refs/codevoyage/latest.lock"]) {
      await fs.rm(path.join(dir, lock), { force: true });
    }
  } else {
    await git(["init", "--bare", "--quiet", "--template=", "."]);
    // No automatic gc: it could prune objects another analysis is reading.
    await git(["config", "gc.auto", "0"]);
  }
  if (ref !== null && FULL_SHA.test(ref) && await hasCommit(dir, ref, options.depth ?? 1)) {
    // Fetched before with enough history (by an earlier analysis or attempt): nothing to ask the server.
    return await record(ref);
  }
  // Checked here, right before git connects, and git is held to the address checked.
  const pinned = await pinnedRemoteConfig(url);
  const watch = options.maxBytes ? watchPackSize(dir, options.maxBytes, () => tooLarge.abort()) : null;
  const packedBefore = options.maxBytes ? await packBytes(dir) : 0;
  const fetched = await git(
    [
      "fetch",
      "--quiet",
      `--depth=${options.depth ?? 1}`,
      "--no-tags",
      "--no-recurse-submodules",
      "--no-write-fetch-head",
      source,
      `+${ref ?? "HEAD"}:refs/codevoyage/fetched`,
    ],
    [...pinned, "-c", "fetch.unpackLimit=1"],
    true,
  ).finally(() => watch?.stop());
  if (fetched.code !== 0) throw classifyFetchError(fetched.stderr, url, ref, options.credential !== undefined);
  // A fetch faster than the watch's polling is measured once it is done (everything arrives as a pack).
  if (options.maxBytes && await packBytes(dir) - packedBefore > options.maxBytes) {
    throw new AnalysisError(
      "repo_too_large",
      `The repository is larger than ${Math.round(options.maxBytes / 1e6)} MB, the most this server fetches`,
    );
  }
  const head = await git(["rev-parse", "--verify", "refs/codevoyage/fetched^{commit}"]);
  if (head.code !== 0) {
    log.warn("git rev-parse after fetch failed: {stderr}", { stderr: head.stderr });
    throw new AnalysisError("checkout_failed", "The fetched ref is not a commit");
  }
  return await record(head.stdout.trim(), true);

  async function record(commit: string, fetchedNow = false): Promise<Checkout> {
    const updates = fetchedNow ? [["refs/codevoyage/latest", commit], ["-d", "refs/codevoyage/fetched"]] : [];
    if (options.pin) updates.push([`refs/codevoyage/pins/${options.pin}`, commit]);
    for (const update of updates) {
      const result = await git(["update-ref", ...update]);
      if (result.code !== 0) {
        log.warn("git update-ref failed: {stderr}", { stderr: result.stderr });
        throw new AnalysisError("checkout_failed", "The fetched commit could not be recorded");
      }
    }
    return { dir, commit };
  }
}

/** A complete commit id (SHA-1 or SHA-256). */
export const FULL_SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** True when the mirror has `commit` with at least `depth` commits of history (or all of it). */
async function hasCommit(dir: string, commit: string, depth: number): Promise<boolean> {
  const run = (args: string[]) => runGit(args, { cwd: dir, timeoutMs: 30_000 });
  if ((await run(["cat-file", "-e", `${commit}^{commit}`])).code !== 0) return false;
  if (depth <= 1) return true;
  const count = await run(["rev-list", "--count", `--max-count=${depth}`, commit]);
  if (count.code === 0 && Number(count.stdout.trim()) >= depth) return true;
  // Fewer commits than asked: enough only if none of them is a shallow boundary (the history is complete).
  const shallow = await fs.readFile(path.join(dir, "shallow"), "utf8").catch(() => "");
  if (!shallow.trim()) return true;
  const boundaries = new Set(shallow.trim().split("\n"));
  const reachable = await run(["rev-list", `--max-count=${depth}`, commit]);
  return reachable.code === 0 && !reachable.stdout.trim().split("\n").some((sha) => boundaries.has(sha));
}

/** Removes a pin set by `fetchCommit`: the commit's objects may go at the mirror's next clean-up. */
export async function unpin(dir: string, pin: string): Promise<void> {
  const result = await runGit(["update-ref", "-d", `refs/codevoyage/pins/${pin}`], { cwd: dir, timeoutMs: 10_000 });
  if (result.code !== 0) log.warn("git update-ref -d failed: {stderr}", { stderr: result.stderr });
}

/** The bytes of the mirror's pack files. */
async function packBytes(dir: string): Promise<number> {
  let total = 0;
  for await (const entry of await fs.opendir(path.join(dir, "objects", "pack")).catch(() => [])) {
    if (entry.name.endsWith(".pack")) total += (await fs.stat(path.join(dir, "objects", "pack", entry.name))).size;
  }
  return total;
}

/** Polls the size of the packs being received; calls `exceeded` once they pass `maxBytes`. */
function watchPackSize(dir: string, maxBytes: number, exceeded: () => void): { stop(): void } {
  const timer = setInterval(async () => {
    let total = 0;
    for await (const entry of await fs.opendir(path.join(dir, "objects", "pack")).catch(() => [])) {
      if (entry.name.startsWith("tmp_")) total += (await fs.stat(path.join(dir, "objects", "pack", entry.name))).size;
    }
    if (total > maxBytes) exceeded();
  }, 200);
  return { stop: () => clearInterval(timer) };
}

async function isBareRepository(dir: string): Promise<boolean> {
  const result = await runGit(["rev-parse", "--is-bare-repository"], { cwd: dir, timeoutMs: 10_000 });
  return result.code === 0 && result.stdout.trim() === "true";
}

/**
 * What a failed fetch or ls-remote means for the user: not found, no such ref,
 * credentials, unreachable … `withCredential`: a credential was offered.
 */
export function classifyFetchError(
  stderr: string,
  url: string,
  ref: string | null,
  withCredential = false,
): AnalysisError {
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
    return new AnalysisError(
      "auth_required",
      withCredential
        ? `${url} refused the credentials given: the token is wrong, expired or has no access to it`
        : `${url} asks for credentials: it is private or does not exist`,
    );
  }
  if (text.includes("could not resolve host")) {
    return new AnalysisError("host_unreachable", `The host of ${url} could not be found`, { transient: true });
  }
  // git's own words can name internal hosts, ports and proxies: they go to the log, not to the user.
  log.warn("git fetch failed: {stderr}", { stderr });
  return new AnalysisError("clone_failed", `git could not fetch ${url}; the server's log has the details`);
}
