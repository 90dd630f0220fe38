/** End-to-end analysis: `deno task cli analyze` as a subprocess, where its wall time goes, and its peak memory. */
import { type CliRun, runCliAnalyze } from "./cli_run.ts";
import { Figures, kibToMb, mb, ms, rate } from "./figures.ts";

/** The pipeline's structure stages, as `timings` in the report names them (history is timed on its own). */
export const STAGES = ["fetch", "parse", "link"] as const;

/** Analyses `repoDir` with the CLI against the embedded cluster in `dataDir`; adds figures under `label`. */
export async function benchAnalyze(label: string, repoDir: string, dataDir: string): Promise<Figures> {
  const figures = new Figures(`analyze ${label}`);
  const run = await runCliAnalyze(repoDir, dataDir);
  addRunFigures(figures, run);
  figures.add("peak RSS deno cli.ts / postgres / git", peaksText(run));
  return figures;
}

/** The figures every CLI run gets: contents, wall time, stage timings, time outside the stages, report size. */
export function addRunFigures(figures: Figures, run: CliRun): void {
  const { report, wallMs } = run;
  const bytes = report.files.reduce((sum, f) => sum + f.bytes, 0);
  const files = report.summary.files;
  figures.add("repository", `${files} files, ${mb(bytes)}, ${Object.keys(report.summary.languages).length} languages`);
  const categories = Object.entries(report.summary.categories).sort(([, a], [, b]) => b - a);
  figures.add("categories", categories.map(([name, n]) => `${name} ${n}`).join(", "));
  figures.add("wall time (deno task cli analyze)", ms(wallMs));
  figures.add("end-to-end throughput, all files", `${rate(files, wallMs, "files")}, ${rate(bytes, wallMs, "MB")}`);
  figures.add(`timings ${STAGES.join(" / ")}`, STAGES.map((s) => ms(report.timings[s] ?? 0)).join(" / "));
  const percent = (part: number) => `${Math.round((100 * part) / wallMs)}%`;
  figures.add(
    `share of wall: ${STAGES.join(" / ")} / outside`,
    [...STAGES.map((s) => percent(report.timings[s] ?? 0)), percent(wallMs - stagesMs(run))].join(" / "),
  );
  const { files: statFiles = 0, parsed = 0, cached = 0 } = report.stats;
  figures.add("stats files / parsed / cached", `${statFiles} / ${parsed} / ${cached}`);
  figures.add("functions found", String(report.summary.functions));
  if (report.timings.history !== undefined) figures.add("history stage", ms(report.timings.history));
  const outside = outsideStages(run);
  figures.add("CLI report only (wall − stages)", ms(outside.total));
  figures.add(
    "  of it: start-up / finish → report written / → exit",
    `${ms(outside.startup)} / ${ms(outside.report)} / ${ms(outside.exit)}`,
  );
  figures.add("report JSON size", mb(run.reportChars));
}

/** Peak resident memory of the CLI's processes, as one figure. */
export function peaksText(run: CliRun): string {
  const show = (kib: number | null) => kib === null ? "?" : kibToMb(kib);
  if (run.cliPeakKiB === null) return "n/a: /proc/<pid> needs --allow-all";
  const gnu = run.treePeakKiB === null ? "" : ` (GNU time %M ${kibToMb(run.treePeakKiB)})`;
  return `${show(run.cliPeakKiB)} / ${show(run.postgresPeakKiB)} / ${show(run.gitPeakKiB)}${gnu}`;
}

/** The sum of the stage timings the report gives. */
export function stagesMs(run: CliRun): number {
  return STAGES.reduce((sum, stage) => sum + (run.report.timings[stage] ?? 0), 0);
}

/**
 * Wall time outside the stages, split by the clocks we have: the analysis
 * row's created_at (after process and Postgres start-up), its finished_at
 * (set as the last stage ends; the clone's removal comes after), and the
 * report file's mtime.
 */
function outsideStages(run: CliRun): { total: number; startup: number; report: number; exit: number } {
  const created = Date.parse(run.report.analysis.createdAt);
  const finished = Date.parse(run.report.analysis.finishedAt ?? "") || run.writtenAt;
  return {
    total: run.wallMs - stagesMs(run),
    startup: created - run.spawnedAt,
    report: run.writtenAt - finished,
    exit: run.exitedAt - run.writtenAt,
  };
}
