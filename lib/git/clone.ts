import { AnalysisError } from "../pipeline/analysis_error.ts";
import { runCommand } from "../process.ts";

/** A checkout of one commit in a temporary folder. */
export interface Checkout {
  dir: string;
  commit: string;
}

/**
 * The environment git runs in: no prompts, no user or system config, no
 * protocols but the one we expect. (Issue 6 hardens this further.)
 */
function gitEnv(home: string, protocol: "https" | "file"): Record<string, string> {
  return {
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    HOME: home,
    GIT_TERMINAL_PROMPT: "0",
    GIT_ASKPASS: "/bin/false",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_ALLOW_PROTOCOL: protocol,
    LC_ALL: "C",
  };
}

/**
 * Fetches one commit (the default branch's head, or `ref`: branch, tag or
 * SHA) of `url` into `dir`, shallowly, and checks it out.
 */
export async function shallowClone(
  url: string,
  ref: string | null,
  dir: string,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<Checkout> {
  const env = gitEnv(dir, url.startsWith("file://") ? "file" : "https");
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const git = async (args: string[]) => {
    const result = await runCommand("git", ["-c", "core.hooksPath=/dev/null", ...args], {
      cwd: dir,
      env,
      clearEnv: true,
      signal,
    }).catch((error) => {
      if (timeout.aborted) {
        throw new AnalysisError("clone_timeout", `Cloning took longer than ${options.timeoutMs / 1000} s`);
      }
      if (options.signal?.aborted) throw new AnalysisError("canceled", "The analysis was canceled");
      throw error;
    });
    if (result.code === 127) throw new AnalysisError("git_missing", "git is not installed on this server");
    return result;
  };
  await git(["init", "--quiet", "--template=", "."]);
  const fetched = await git([
    "fetch",
    "--quiet",
    "--depth=1",
    "--no-tags",
    "--no-recurse-submodules",
    url,
    ref ?? "HEAD",
  ]);
  if (fetched.code !== 0) throw classifyFetchError(fetched.stderr, url, ref);
  const checkout = await git(["checkout", "--quiet", "--detach", "FETCH_HEAD"]);
  if (checkout.code !== 0) {
    throw new AnalysisError("checkout_failed", `git checkout failed: ${lastLine(checkout.stderr)}`);
  }
  const head = await git(["rev-parse", "HEAD"]);
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
    return new AnalysisError(
      "auth_required",
      `${url} asks for credentials: it is private or does not exist`,
    );
  }
  if (text.includes("could not resolve host")) {
    return new AnalysisError("host_unreachable", `The host of ${url} could not be resolved`, { transient: true });
  }
  return new AnalysisError("clone_failed", `git could not fetch ${url}: ${lastLine(stderr)}`);
}

function lastLine(text: string): string {
  const lines = text.trim().split("\n").filter(Boolean);
  return (lines.at(-1) ?? "no output").slice(0, 300);
}
