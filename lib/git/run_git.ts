import { SYSTEM_PATH } from "../env.ts";
import { AnalysisError } from "../pipeline/analysis_error.ts";
import { type CommandResult, runCommand } from "../process.ts";

/** How a git run ended when it did not simply exit. */
export type GitInterruption = "timeout" | "aborted";

/** A git result, with why it was stopped if it was. */
export interface GitResult extends CommandResult {
  interrupted: GitInterruption | null;
}

/** What git answers an https server that asks who we are (a token is the password). */
export interface GitCredential {
  username: string;
  password: string;
}

/**
 * The credential helper git runs (through `sh`) when a server asks: it prints
 * the two values from its environment. They never appear in an argument list
 * (`ps` shows those to every user) nor in a URL or a file; a process's
 * environment is readable by its own user only. `store` and `erase` do nothing.
 */
const CREDENTIAL_HELPER = `!f() { test "$1" = get || return 0; ` +
  `printf 'username=%s\\npassword=%s\\n' "$CODEVOYAGE_GIT_USERNAME" "$CODEVOYAGE_GIT_PASSWORD"; }; f`;

/**
 * A clean environment for git: no prompts, no user or system config, one
 * protocol, no server secrets. A credential is given to https runs only.
 */
export function gitEnvironment(
  cwd: string,
  protocol: "https" | "file",
  credential?: GitCredential,
): Record<string, string> {
  const env: Record<string, string> = {
    PATH: SYSTEM_PATH,
    HOME: cwd,
    GIT_TERMINAL_PROMPT: "0",
    GIT_ASKPASS: "/bin/false",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_ALLOW_PROTOCOL: protocol,
    LC_ALL: "C",
  };
  if (!credential || protocol !== "https") return env;
  // A line break would let a value add lines of its own to git's credential protocol.
  if (/[\r\n\0]/.test(credential.username + credential.password)) {
    throw new AnalysisError("auth_required", "The saved credential contains a line break; enter it again");
  }
  return {
    ...env,
    // Configuration through the environment (git >= 2.31): an empty helper first drops any other helper.
    GIT_CONFIG_COUNT: "2",
    GIT_CONFIG_KEY_0: "credential.helper",
    GIT_CONFIG_VALUE_0: "",
    GIT_CONFIG_KEY_1: "credential.helper",
    GIT_CONFIG_VALUE_1: CREDENTIAL_HELPER,
    CODEVOYAGE_GIT_USERNAME: credential.username,
    CODEVOYAGE_GIT_PASSWORD: credential.password,
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
    /** Answers an https server that asks for credentials (never put in argv, a URL or a message). */
    credential?: GitCredential;
  },
): Promise<GitResult> {
  const env = gitEnvironment(options.cwd, options.protocol ?? "file", options.credential);
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
