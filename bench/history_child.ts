/**
 * One history analysis in its own process, as the worker runs the stage:
 * fetch `maxCommits` of history into a fresh mirror, then git log → rows in
 * Postgres → metrics. Prints one JSON line with the times, what was read and
 * this process's peak memory (the embedded Postgres is a process of its own).
 * Usage: DATA_DIR=… deno run -A bench/history_child.ts GIT_DIR MAX_COMMITS
 */
import { openAppDatabase } from "../lib/db/connect.ts";
import { readConfig } from "../lib/env.ts";
import { fetchCommit } from "../lib/git/clone.ts";
import { analyzeHistory } from "../lib/history/analyze_history.ts";
import { submitAnalysis } from "../lib/pipeline/submit.ts";
import { normalizeRepoUrl } from "../lib/repo/url.ts";

const [gitDir, max] = Deno.args;
const maxCommits = Number(max);
const database = await openAppDatabase(readConfig(), { share: true });
const mirror = await Deno.makeTempDir({ prefix: "codevoyage-bench-mirror-" });
try {
  const repo = normalizeRepoUrl(gitDir, { allowLocal: true });
  const { id } = await submitAnalysis(database.db, { repo, ref: null, queue: false });
  let started = performance.now();
  const checkout = await fetchCommit(repo.url, null, mirror, { timeoutMs: 600_000, depth: maxCommits + 1 });
  const fetchMs = performance.now() - started;
  started = performance.now();
  const history = await analyzeHistory(database.db, id, checkout.dir, checkout.commit, { maxCommits });
  const historyMs = performance.now() - started;
  const status = await Deno.readTextFile("/proc/self/status");
  const peakKib = Number(status.match(/^VmHWM:\s+(\d+)/m)?.[1] ?? 0);
  console.log(JSON.stringify({
    fetchMs: Math.round(fetchMs),
    historyMs: Math.round(historyMs),
    commits: history.commits,
    authors: history.authors,
    bots: history.bots,
    merges: history.merges,
    truckFactor: history.truckFactor,
    peakKib,
  }));
} finally {
  await Deno.remove(mirror, { recursive: true });
  await database.close();
}
