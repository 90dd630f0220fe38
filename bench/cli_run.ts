/** `deno task cli` as a watched subprocess: its report, when each part of the run ended, and its memory peaks. */
import fs from "node:fs/promises";
import path from "node:path";
import { childEnv, ROOT } from "./project.ts";
import { type ProcessPeak, spawnWatched, tail } from "./watched_child.ts";

const GNU_TIME = "/usr/bin/time";
const HAS_GNU_TIME = await fs.stat(GNU_TIME).then((s) => s.isFile, () => false);

/** The parts of the CLI's report the benchmarks read. */
export interface ReportShape {
  analysis: { createdAt: string; finishedAt: string | null };
  summary: {
    files: number;
    functions: number;
    languages: Record<string, unknown>;
    categories: Record<string, number>;
  };
  files: { path: string; language: string | null; category: string; bytes: number; skipReason?: string }[];
  timings: Record<string, number>;
  stats: Record<string, number>;
}

/** One finished `cli analyze`. */
export interface CliRun {
  report: ReportShape;
  reportChars: number;
  wallMs: number;
  /** Epoch milliseconds of the spawn, of the report file's last write and of the exit. */
  spawnedAt: number;
  writtenAt: number;
  exitedAt: number;
  /** VmHWM of the deno process running cli.ts (the parse workers are its threads); null without /proc. */
  cliPeakKiB: number | null;
  postgresPeakKiB: number | null;
  gitPeakKiB: number | null;
  /** GNU time's %M: the largest resident set of any process of the tree; null without /usr/bin/time. */
  treePeakKiB: number | null;
}

/** Analyses `repoDir` with `deno task cli analyze` against the embedded cluster in `dataDir`. */
export async function runCliAnalyze(repoDir: string, dataDir: string, extraArgs: string[] = []): Promise<CliRun> {
  const outDir = await Deno.makeTempDir({ prefix: "codevoyage-bench-out-" });
  try {
    const out = path.join(outDir, "report.json");
    const timeFile = path.join(outDir, "time.txt");
    const command = [Deno.execPath(), "task", "cli", "analyze", repoDir, "--out", out, ...extraArgs];
    const [program, ...args] = HAS_GNU_TIME ? [GNU_TIME, "-f", "%M", "-o", timeFile, ...command] : command;
    const spawnedAt = Date.now();
    const started = performance.now();
    const child = spawnWatched(program, args, { cwd: ROOT, env: childEnv({ DATA_DIR: dataDir }) });
    const status = await child.status;
    const wallMs = performance.now() - started;
    const exitedAt = Date.now();
    if (status.code !== 0) throw new Error(`cli analyze exited ${status.code}:\n${tail(child.output())}`);
    const reportText = await fs.readFile(out, "utf8");
    const writtenAt = (await fs.stat(out)).mtimeMs;
    const treePeak = HAS_GNU_TIME ? Number((await fs.readFile(timeFile, "utf8")).trim().split("\n").at(-1)) : NaN;
    const peaks = child.peaks();
    const peakOf = (match: (p: ProcessPeak) => boolean) =>
      peaks === null ? null : peaks.filter(match).reduce((best, p) => Math.max(best, p.peakKiB), 0);
    return {
      report: JSON.parse(reportText) as ReportShape,
      reportChars: reportText.length,
      wallMs,
      spawnedAt,
      writtenAt,
      exitedAt,
      // `deno task` spawns the `deno run … cli.ts` that does the work; only that one counts.
      cliPeakKiB: peakOf((p) => /\bcli\.ts\b/.test(p.cmdline) && !/ task /.test(p.cmdline)),
      postgresPeakKiB: peakOf((p) => p.name === "postgres"),
      gitPeakKiB: peakOf((p) => p.name.startsWith("git")),
      treePeakKiB: Number.isFinite(treePeak) ? treePeak : null,
    };
  } finally {
    await fs.rm(outDir, { recursive: true, force: true });
  }
}

/**
 * `deno task cli migrate` on `dataDir`, returning its wall time: initialises a
 * fresh cluster so that the analysis timed after it does not pay for initdb.
 */
export async function runCliMigrate(dataDir: string): Promise<number> {
  const started = performance.now();
  const child = spawnWatched(Deno.execPath(), ["task", "cli", "migrate"], {
    cwd: ROOT,
    env: childEnv({ DATA_DIR: dataDir }),
  });
  const status = await child.status;
  if (status.code !== 0) throw new Error(`cli migrate exited ${status.code}:\n${tail(child.output())}`);
  return performance.now() - started;
}
