/**
 * `deno task bench`: start-up, end-to-end analysis, structure throughput on a
 * cold and a warm blob cache, line counting and peak memory, run in sequence;
 * prints figures as they come and one table at the end. Figures, not
 * pass/fail: it exits non-zero only when a benchmark could not run at all.
 */
import { benchAccounts } from "./accounts.ts";
import { benchAnalyze } from "./analyze.ts";
import { benchDashboard } from "./dashboard.ts";
import { benchCountLines } from "./count_lines.ts";
import { benchHistory } from "./history.ts";
import { benchPipeline } from "./pipeline.ts";
import { type Figure, Figures, mb, ms, printTable } from "./figures.ts";
import { makeBenchDataDir, removeBenchDataDir, ROOT } from "./project.ts";
import { benchStartup } from "./startup.ts";
import { StructureBench } from "./structure.ts";
import { syntheticHistory } from "./synthetic_history.ts";
import { type SyntheticRepo, syntheticRepo } from "./synthetic_repo.ts";

const table: Figure[] = [];
let failures = 0;
let interrupted = false;
const began = performance.now();

async function step(title: string, run: () => Promise<Figures>): Promise<void> {
  if (interrupted) return;
  console.log(`\n▶ ${title}`);
  try {
    table.push(...(await run()).all);
  } catch (error) {
    failures++;
    console.error(error);
    table.push({
      section: title,
      metric: "FAILED",
      value: error instanceof Error ? error.message.split("\n")[0] : "?",
    });
  }
}

console.log(`CodeVoyage benchmarks — deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} CPUs`);
// One DATA_DIR for everything: start-up measures initdb then reuse, and the
// analyses then run on the warm cluster, as a user's second command would.
const dataDir = await makeBenchDataDir("data");
// Ctrl-C reaches the children too and they stop their clusters; we finish the
// step under way, skip the rest, and still remove the DATA_DIR on the way out.
Deno.addSignalListener("SIGINT", () => {
  interrupted = true;
  console.error("\ninterrupted: skipping the remaining benchmarks");
});
try {
  await step("start-up", () => benchStartup(dataDir));
  await step("analyze own checkout", () => benchAnalyze("own checkout", ROOT, dataDir));
  let repo: SyntheticRepo | null = null;
  await step("synthetic repository", async () => {
    const figures = new Figures("synthetic repo");
    repo = await syntheticRepo((line) => console.log(`  ${line}`));
    figures.add("contents", `${repo.files} files, ${mb(repo.bytes)}`);
    figures.add("build (git init/add/commit/repack)", repo.buildMs === null ? "cached" : ms(repo.buildMs));
    return figures;
  });
  if (repo) {
    const { dir } = repo;
    // Its own DATA_DIR: the blob cache must start empty, whatever ran before.
    const structureDir = await makeBenchDataDir("structure");
    try {
      const structure = new StructureBench(dir, structureDir);
      await step("structure (--no-history) on the synthetic corpus, cold blob cache", () => structure.cold());
      await step("structure, re-analysis after one changed file", () => structure.reanalysis());
    } finally {
      await removeBenchDataDir(structureDir);
    }
    await step("countLines", () => benchCountLines(dir));
  }
  await step("pipeline: cache hits, kill and resume", () => benchPipeline());
  await step("accounts: sign-up and login latency, authenticated requests", () => benchAccounts());
  await step("dashboard: server render time of each page, this repository", () => benchDashboard());
  await step("history", async () => {
    const history = await syntheticHistory((line) => console.log(`  ${line}`));
    if (history.buildMs !== null) console.log(`  built in ${ms(history.buildMs)}`);
    return await benchHistory(history);
  });
} finally {
  await removeBenchDataDir(dataDir);
}

console.log(`\nAll benchmarks took ${ms(performance.now() - began)}.\n`);
printTable(table);
Deno.exit(interrupted ? 130 : failures > 0 ? 1 : 0);
