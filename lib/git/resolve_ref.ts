import { AnalysisError } from "../pipeline/analysis_error.ts";
import { classifyFetchError, FULL_SHA } from "./clone.ts";
import { pinnedRemoteConfig } from "./remote_guard.ts";
import { type GitCredential, runGit } from "./run_git.ts";

/**
 * The commit `ref` names in the repository at `url` (the default branch's
 * head when null), asked with one `git ls-remote`: branches, then tags
 * (peeled to their commit). A full commit id is its own answer. Null when the
 * server cannot say — an abbreviated id, or a ref ls-remote does not list —
 * and fetching it will tell. Throws an AnalysisError (not found, no such ref,
 * credentials, unreachable, timeout) otherwise. `credential` answers an
 * https server that asks (a private repository).
 */
export async function resolveRef(
  url: string,
  ref: string | null,
  options: { timeoutMs: number; signal?: AbortSignal; credential?: GitCredential },
): Promise<string | null> {
  if (ref !== null && FULL_SHA.test(ref)) return ref;
  const local = url.startsWith("file://");
  const source = local ? url.slice("file://".length) : url;
  const patterns = ref === null ? ["HEAD"] : [`refs/heads/${ref}`, `refs/tags/${ref}`, `refs/tags/${ref}^{}`, ref];
  // The host is checked (no internal address) and git is held to the address checked.
  const config = await pinnedRemoteConfig(url);
  const cwd = await Deno.makeTempDir({ prefix: "codevoyage-ls-remote-" });
  try {
    const result = await runGit(["ls-remote", "--", source, ...patterns], {
      cwd,
      timeoutMs: options.timeoutMs,
      protocol: local ? "file" : "https",
      signal: options.signal,
      config,
      credential: options.credential,
    });
    if (result.interrupted === "aborted") throw new AnalysisError("canceled", "The analysis was canceled");
    if (result.interrupted === "timeout") {
      throw new AnalysisError(
        "resolve_timeout",
        `Finding the commit took longer than ${Math.round(options.timeoutMs / 1000)} s`,
        { transient: true },
      );
    }
    if (result.code === 127) throw new AnalysisError("git_missing", "git is not installed on this server");
    if (result.code !== 0) throw classifyFetchError(result.stderr, url, ref, options.credential !== undefined);
    const refs = new Map<string, string>();
    for (const line of result.stdout.split("\n")) {
      const [sha, name] = line.split("\t");
      if (sha && name) refs.set(name, sha);
    }
    if (ref === null) {
      const head = refs.get("HEAD");
      if (!head) throw new AnalysisError("repo_empty", `The repository at ${url} has no commits to analyse`);
      return head;
    }
    return refs.get(`refs/heads/${ref}`) ?? refs.get(`refs/tags/${ref}^{}`) ?? refs.get(`refs/tags/${ref}`) ??
      refs.get(ref) ?? null;
  } finally {
    await Deno.remove(cwd, { recursive: true }).catch(() => {});
  }
}
