import { SYSTEM_PATH } from "../env.ts";
import { type CommandResult, runCommand } from "../process.ts";

/** How a git run ended when it did not simply exit. */
export type GitInterruption = "timeout" | "aborted";

/** A git result, with why it was stopped if it was. */
export interface GitResult extends CommandResult {
  interrupted: GitInterruption | null;
}

/** A clean environment for git: no prompts, no user or system config, one protocol, no server secrets. */
export function gitEnvironment(cwd: string, protocol: "https" | "file"): Record<string, string> {
  return {
    PATH: SYSTEM_PATH,
    HOME: cwd,
    GIT_TERMINAL_PROMPT: "0",
    GIT_ASKPASS: "/bin/false",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_ALLOW_PROTOCOL: protocol,
    LC_ALL: "C",
  };
}

/**
 * Runs git with a clean environment (no prompts, no user or system config, only
 * `protocol`) under GNU `timeout`, which kills git's whole process group: a
 * stalled `git-remote-https` child cannot outlive the deadline or a cancel.
 */
export async function runGit(
  args: string[],
  options: {
    cwd: string;
    timeoutMs: number;
    protocol?: "https" | "file";
    signal?: AbortSignal;
    /** More `-c name=value` settings, before the subcommand (the pinned address of a remote). */
    config?: string[];
  },
): Promise<GitResult> {
  const env = gitEnvironment(options.cwd, options.protocol ?? "file");
  const seconds = Math.max(1, Math.ceil(options.timeoutMs / 1000));
  const command = runCommand("timeout", [
    "--kill-after=5",
    `${seconds}s`,
    "git",
    "-c",
    "core.hooksPath=/dev/null",
    // A server that trickles bytes is as stuck as one that sends none.
    "-c",
    "http.lowSpeedLimit=1000",
    "-c",
    "http.lowSpeedTime=30",
    ...(options.config ?? []),
    ...args,
  ], { cwd: options.cwd, env, clearEnv: true, signal: options.signal });
  let result: CommandResult;
  try {
    result = await command;
  } catch (error) {
    // A signal aborted before the spawn rejects instead of killing a running git.
    if (options.signal?.aborted) return { code: 130, stdout: "", stderr: "", interrupted: "aborted" };
    throw error;
  }
  const interrupted = options.signal?.aborted
    ? "aborted"
    : result.code === 124 || result.code === 137
    ? "timeout"
    : null;
  return { ...result, interrupted };
}
