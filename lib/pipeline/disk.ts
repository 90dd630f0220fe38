import { runCommand } from "../process.ts";

/** Free megabytes on the file system holding `dir` (POSIX `df -Pk`), or null when it cannot be told. */
export async function freeDiskMb(dir: string): Promise<number | null> {
  const result = await runCommand("df", ["-Pk", dir]);
  if (result.code !== 0) return null;
  const line = result.stdout.trim().split("\n").at(-1) ?? "";
  const available = Number(line.split(/\s+/)[3]);
  return Number.isFinite(available) ? Math.floor(available / 1024) : null;
}
