/** Small helpers over child processes, shared by every adapter that spawns one. */

/** The outcome of a finished command. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program to completion and collects its output as text. */
export async function runCommand(
  program: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; clearEnv?: boolean; signal?: AbortSignal } = {},
): Promise<CommandResult> {
  try {
    const output = await new Deno.Command(program, {
      args,
      cwd: options.cwd,
      env: options.env,
      clearEnv: options.clearEnv,
      signal: options.signal,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const decoder = new TextDecoder();
    return { code: output.code, stdout: decoder.decode(output.stdout), stderr: decoder.decode(output.stderr) };
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      return { code: 127, stdout: "", stderr: `${program}: command not found` };
    }
    throw error;
  }
}

/** True when a process with this pid exists (Linux /proc). */
export function isProcessAlive(pid: number): boolean {
  try {
    Deno.statSync(`/proc/${pid}`);
    return true;
  } catch {
    return false;
  }
}
