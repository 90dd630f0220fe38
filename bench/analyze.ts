/** End-to-end analysis: `deno task cli analyze` as a subprocess, its stage timings and its peak memory. */
import fs from "node:fs/promises";
import path from "node:path";
import { Figures, kibToMb, mb, ms, rate } from "./figures.ts";
import { childEnv, ROOT } from "./project.ts";
import { type ProcessPeak, spawnWatched, tail } from "./watched_child.ts";

const GNU_TIME = "/usr/bin/time";
const HAS_GNU_TIME = await fs.stat(GNU_TIME).then((s) => s.isFile, () => false);

// The parts of the CLI's report this benchmark reads.
interface ReportShape {
  summary: { files: number; languages: Record<string, unknown>; categories: Record<string, number> };
  files: { bytes: number; category: string }[];
  timings: Record<string, number>;
}

/** Analyses `repoDir` with the CLI against the embedded cluster in `dataDir`; adds figures under `label`. */
export async function benchAnalyze(label: string, repoDir: string, dataDir: string): Promise<Figures> {
  const figures = new Figures(`analyze ${label}`);
  const outDir = await Deno.makeTempDir({ prefix: "codevoyage-bench-out-" });
  try {
    const out = path.join(outDir, "report.json");
    const started = performance.now();
    const command = [Deno.execPath(), "task", "cli", "analyze", repoDir, "--out", out];
    // GNU time's %M is the largest resident set of any process in the tree it waited for.
    const timeFile = path.join(outDir, "time.txt");
    const [program, ...args] = HAS_GNU_TIME ? [GNU_TIME, "-f", "%M", "-o", timeFile, ...command] : command;
    const child = spawnWatched(program, args, { cwd: ROOT, env: childEnv({ DATA_DIR: dataDir }) });
    const status = await child.status;
    const wallMs = performance.now() - started;
    if (status.code !== 0) throw new Error(`cli analyze exited ${status.code}:\n${tail(child.output())}`);
    const reportText = await fs.readFile(out, "utf8");
    const report = JSON.parse(reportText) as ReportShape;
    const bytes = report.files.reduce((sum, f) => sum + f.bytes, 0);
    const files = report.summary.files;
    const { fetch = 0, count = 0, store = 0 } = report.timings;

    figures.add(
      "repository",
      `${files} files, ${mb(bytes)}, ${Object.keys(report.summary.languages).length} languages`,
    );
    const categories = Object.entries(report.summary.categories).sort(([, a], [, b]) => b - a);
    figures.add("categories", categories.map(([name, n]) => `${name} ${n}`).join(", "));
    figures.add("wall time (deno task cli analyze)", ms(wallMs));
    figures.add("end-to-end throughput", `${rate(files, wallMs, "files")}, ${rate(bytes, wallMs, "MB")}`);
    figures.add("timings fetch / count / store", `${ms(fetch)} / ${ms(count)} / ${ms(store)}`);
    figures.add("count stage throughput", `${rate(files, count, "files")}, ${rate(bytes, count, "MB")}`);
    figures.add("outside stages (start, PG, report, exit)", ms(wallMs - fetch - count - store));
    figures.add("report JSON size", mb(reportText.length));
    const treePeakKiB = HAS_GNU_TIME ? Number((await fs.readFile(timeFile, "utf8")).trim().split("\n").at(-1)) : NaN;
    figures.add("peak RSS, largest process (GNU time %M)", HAS_GNU_TIME ? kibToMb(treePeakKiB) : "no /usr/bin/time");
    const peaks = child.peaks();
    if (peaks === null) {
      figures.add("peak RSS per process (VmHWM)", "n/a: /proc/<pid> needs --allow-all");
    } else {
      const cli = largest(peaks, (p) => /\bcli\.ts\b/.test(p.cmdline) && !/ task /.test(p.cmdline));
      const postgres = largest(peaks, (p) => p.name === "postgres");
      const git = largest(peaks, (p) => p.name.startsWith("git"));
      const show = (p: ProcessPeak | null) => p ? kibToMb(p.peakKiB) : "?";
      figures.add("peak RSS deno cli.ts / postgres / git", `${show(cli)} / ${show(postgres)} / ${show(git)}`);
    }
    return figures;
  } finally {
    await fs.rm(outDir, { recursive: true, force: true });
  }
}

function largest(peaks: ProcessPeak[], match: (p: ProcessPeak) => boolean): ProcessPeak | null {
  return peaks.filter(match).reduce<ProcessPeak | null>(
    (best, p) => !best || p.peakKiB > best.peakKiB ? p : best,
    null,
  );
}
