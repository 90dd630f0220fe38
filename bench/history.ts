/**
 * History reading on the 50,000-commit synthetic history (issue #4): plain
 * `git log --numstat --no-renames` against our streaming reader (renames
 * followed), in the same run, as a ratio, with the reader's peak memory.
 * Rows in Postgres and metrics are not built yet: this measures the reader.
 */
import path from "node:path";
import { Figures, kibToMb, ms } from "./figures.ts";
import { ROOT } from "./project.ts";
import type { SyntheticHistory } from "./synthetic_history.ts";

/** Times plain git log and our reader over the same history. */
export async function benchHistory(history: SyntheticHistory): Promise<Figures> {
  const figures = new Figures("history");
  figures.add("repository", `${history.commits} commits, ${history.merges} merges, ${history.renames} renames`);
  const plain = await timeGitLog(history.dir);
  figures.add("plain git log --numstat --no-renames (output read and discarded)", ms(plain));
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", path.join(ROOT, "bench", "history_child.ts"), history.dir, "main", String(history.commits)],
    stdout: "piped",
    stderr: "piped",
  });
  const output = await child.output();
  if (!output.success) throw new Error(`history reader failed: ${new TextDecoder().decode(output.stderr)}`);
  const result = JSON.parse(new TextDecoder().decode(output.stdout).trim().split("\n").pop()!) as {
    commits: number;
    changes: number;
    merges: number;
    ms: number;
    peakKib: number;
  };
  figures.add(
    "readGitLog: commits / merges / file changes",
    `${result.commits} / ${result.merges} / ${result.changes}`,
  );
  figures.add("readGitLog (renames followed), whole history", ms(result.ms));
  figures.add("ratio to plain git log (reader only)", `${(result.ms / plain).toFixed(2)}×`);
  figures.add("peak memory of the reader process (VmHWM)", kibToMb(result.peakKib));
  figures.add("ingestion into Postgres + metrics (target ≤ 1.5× git log)", "not built yet");
  return figures;
}

async function timeGitLog(dir: string): Promise<number> {
  const started = performance.now();
  const child = new Deno.Command("git", {
    args: ["log", "--numstat", "--no-renames", "main"],
    cwd: dir,
    env: { GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
    stdout: "piped",
    stderr: "null",
  }).spawn();
  for await (const _ of child.stdout) { /* read and discard, as a consumer would */ }
  const status = await child.status;
  if (!status.success) throw new Error("git log failed");
  return performance.now() - started;
}
