/**
 * History ingestion on the 50,000-commit synthetic history (issue #4): git
 * log → rows in Postgres → metrics, end to end, against plain
 * `git log --numstat --no-renames` on the same repository in the same run,
 * and the stage's peak memory at growing caps (it should stay flat).
 */
import path from "node:path";
import { Figures, kibToMb, ms } from "./figures.ts";
import { childEnv, makeBenchDataDir, removeBenchDataDir, ROOT } from "./project.ts";
import type { SyntheticHistory } from "./synthetic_history.ts";

interface ChildResult {
  fetchMs: number;
  historyMs: number;
  commits: number;
  authors: number;
  bots: number;
  merges: number;
  truckFactor: number;
  peakKib: number;
}

/** Times plain git log, then the history stage at 10,000, 25,000 and all commits. */
export async function benchHistory(history: SyntheticHistory): Promise<Figures> {
  const figures = new Figures("history");
  figures.add("repository", `${history.commits} commits, ${history.merges} merges, ${history.renames} renames`);
  const plain = await timeGitLog(history.dir);
  figures.add("plain git log --numstat --no-renames (output read and discarded)", ms(plain));
  const dataDir = await makeBenchDataDir("history");
  try {
    const peaks: string[] = [];
    let full: ChildResult | null = null;
    for (const cap of [10_000, 25_000, history.commits]) {
      const result = await runChild(history.dir, cap, dataDir);
      peaks.push(`${cap}: ${kibToMb(result.peakKib)}`);
      full = result;
    }
    const last = full!;
    figures.add(
      "read: commits / merges / people / bots",
      `${last.commits} / ${last.merges} / ${last.authors} / ${last.bots}`,
    );
    figures.add("fetch of the history into a new mirror (not in the ratio)", ms(last.fetchMs));
    figures.add("history stage: git log → rows → metrics (renames followed)", ms(last.historyMs));
    const ratio = last.historyMs / plain;
    figures.add(
      "ratio to plain git log",
      `${ratio.toFixed(2)}×  [target ≤ 1.5×: ${ratio <= 1.5 ? "met" : "MISSED"}]`,
    );
    figures.add("peak memory of the stage's process by commits read (VmHWM)", peaks.join(", "));
    const peak = last.peakKib / 1024;
    figures.add(
      "peak memory at all commits",
      `${kibToMb(last.peakKib)}  [target < 300 MB: ${peak < 300 ? "met" : "MISSED"}]`,
    );
  } finally {
    await removeBenchDataDir(dataDir);
  }
  return figures;
}

async function runChild(gitDir: string, cap: number, dataDir: string): Promise<ChildResult> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", path.join(ROOT, "bench", "history_child.ts"), gitDir, String(cap)],
    env: childEnv({ DATA_DIR: dataDir, LOG_LEVEL: "warning" }),
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!output.success) throw new Error(`history child failed: ${new TextDecoder().decode(output.stderr)}`);
  return JSON.parse(new TextDecoder().decode(output.stdout).trim().split("\n").pop()!) as ChildResult;
}

async function timeGitLog(dir: string): Promise<number> {
  const started = performance.now();
  const child = new Deno.Command("git", {
    args: ["log", "--numstat", "--no-renames", "HEAD"],
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
