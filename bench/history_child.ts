/**
 * Reads a whole history with readGitLog in its own process and prints one
 * JSON line: commits, file changes, milliseconds and the process's peak memory.
 * Usage: deno run -A bench/history_child.ts GIT_DIR REV MAX_COMMITS
 */
import { readGitLog } from "../lib/history/git_log.ts";

const [gitDir, rev, max] = Deno.args;
const started = performance.now();
let commits = 0;
let changes = 0;
let merges = 0;
for await (const commit of readGitLog(gitDir, { rev, maxCommits: Number(max) })) {
  commits++;
  changes += commit.changes.length;
  if (commit.parents.length > 1) merges++;
}
const elapsed = performance.now() - started;
const status = await Deno.readTextFile("/proc/self/status");
const peakKib = Number(status.match(/^VmHWM:\s+(\d+)/m)?.[1] ?? 0);
console.log(JSON.stringify({ commits, changes, merges, ms: Math.round(elapsed), peakKib }));
