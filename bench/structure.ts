/**
 * Structure throughput end to end: `cli analyze` of the corpus on a cold blob
 * cache, then of a copy with one changed file on the warm cache, each against
 * the targets.
 */
import { isParsed } from "../lib/analysis/parse/registry.ts";
import { addRunFigures, peaksText, STAGES } from "./analyze.ts";
import { type CliRun, type ReportShape, runCliAnalyze, runCliMigrate } from "./cli_run.ts";
import { commitOneLine, plainCopy } from "./edited_copy.ts";
import { Figures, kibToMb, mb, ms, rate } from "./figures.ts";
import { MAX_PEAK_MB, MAX_REANALYSIS_PERCENT, MIN_END_TO_END_MB_PER_S, versus } from "./targets.ts";

/** The languages the issue asks the engine to parse, as detectLanguage names them. */
const TARGET_LANGUAGES = [
  "JavaScript",
  "TypeScript",
  "TSX",
  "Python",
  "Go",
  "Java",
  "Rust",
  "C",
  "C++",
  "Ruby",
  "PHP",
  "C#",
];

/** The issue measures throughput on at least this much source in its languages. */
const MIN_CORPUS_BYTES = 20e6;

/**
 * The cold run and the re-analysis share one DATA_DIR (the second must find
 * the first's blob cache), so they are two steps of one object.
 */
export class StructureBench {
  #cold: CliRun | null = null;
  #copy: { dir: string; remove(): Promise<void> } | null = null;

  constructor(readonly corpusDir: string, readonly dataDir: string) {}

  /** Initialises the fresh DATA_DIR (untimed), then analyses the corpus with no blob cached. */
  async cold(): Promise<Figures> {
    const figures = new Figures("structure, cold");
    const initMs = await runCliMigrate(this.dataDir);
    figures.add("fresh DATA_DIR: initdb + migrate (not in the figures below)", ms(initMs));
    // Throughput on 2 cores moves with whatever else runs: say how busy the machine was.
    figures.add("load average (1 min) before the run", await loadAverage());
    this.#copy = await plainCopy(this.corpusDir);
    const run = await runCliAnalyze(this.#copy.dir, this.dataDir, ["--no-history"]);
    const source = sourceBytes(run.report);
    const parsedBytes = sum(source.parsed);
    const enough = sum(source.target) >= MIN_CORPUS_BYTES ? "" : ` (under the ${mb(MIN_CORPUS_BYTES)} asked for)`;
    figures.add("corpus, target languages", `${mb(sum(source.target))}${enough}: ${byLanguage(source.target)}`);
    figures.add("parsed (registered now)", `${mb(parsedBytes)}: ${byLanguage(source.parsed)}`);
    const unregistered = [...source.target].filter(([language]) => !source.parsed.has(language));
    figures.add("target languages not registered (counted only)", byLanguage(new Map(unregistered)) || "none");
    addRunFigures(figures, run);
    const parseMs = run.report.timings.parse ?? 0;
    const parsedFiles = run.report.stats.parsed ?? 0;
    figures.add(
      "parse stage: parsed-language source",
      `${rate(parsedBytes, parseMs, "MB")}, ${rate(parsedFiles, parseMs, "files")}`,
    );
    const endToEnd = parsedBytes / 1e6 / (run.wallMs / 1000);
    const cores = navigator.hardwareConcurrency;
    figures.add(
      "end to end: parsed-language source / CLI wall time",
      versus(
        rate(parsedBytes, run.wallMs, "MB"),
        `≥ ${MIN_END_TO_END_MB_PER_S} MB/s on 2 cores, here ${cores}`,
        endToEnd >= MIN_END_TO_END_MB_PER_S,
      ),
    );
    figures.add("peak RSS deno cli.ts / postgres / git", peaksText(run));
    const peakKiB = run.cliPeakKiB;
    figures.add(
      "peak memory of the CLI process (VmHWM)",
      peakKiB === null
        ? "n/a: /proc needs -A"
        : versus(kibToMb(peakKiB), `< ${MAX_PEAK_MB} MB`, peakKiB * 1024 < MAX_PEAK_MB * 1e6),
    );
    this.#cold = run;
    return figures;
  }

  /** Commits a one-line change to one parsed file of the analysed copy and analyses it again. */
  async reanalysis(): Promise<Figures> {
    const cold = this.#cold;
    const copy = this.#copy;
    if (!cold || !copy) throw new Error("no cold run to compare with");
    const figures = new Figures("structure, re-analysis");
    try {
      // A file of median size: the first in path order was a 900 kB generated one, not a typical edit.
      const candidates = cold.report.files
        .filter((f) => f.category === "code" && !f.skipReason && isParsed(f.language))
        .sort((a, b) => a.bytes - b.bytes || a.path.localeCompare(b.path));
      const pick = candidates[Math.floor(candidates.length / 2)];
      if (!pick) throw new Error("the corpus has no parsed code file to change");
      const started = performance.now();
      await commitOneLine(copy.dir, pick.path, pick.language!);
      figures.add("changed file (one line appended, committed)", `${pick.path} (${pick.language}, ${mb(pick.bytes)})`);
      figures.add("edit + commit in the analysed copy (untimed)", ms(performance.now() - started));
      figures.add("load average (1 min) before the run", await loadAverage());
      const run = await runCliAnalyze(copy.dir, this.dataDir, ["--no-history"]);
      addRunFigures(figures, run);
      const parsed = run.report.stats.parsed ?? 0;
      figures.add("files parsed (expected 1)", parsed === 1 ? "1, as expected" : `${parsed}: NOT 1`);
      const coldParse = cold.report.timings.parse ?? 0;
      const parse = run.report.timings.parse ?? 0;
      figures.add("parse stage vs cold", share(parse, coldParse));
      const stages = (r: ReportShape) => STAGES.reduce((sum, stage) => sum + (r.timings[stage] ?? 0), 0);
      figures.add("all stages (fetch+parse+link) vs cold", share(stages(run.report), stages(cold.report)));
      figures.add("wall time vs cold (with start-up and writing the 40 MB report)", share(run.wallMs, cold.wallMs));
      return figures;
    } finally {
      await copy.remove();
      this.#copy = null;
    }
  }
}

async function loadAverage(): Promise<string> {
  const text = await Deno.readTextFile("/proc/loadavg").catch(() => null);
  return text ? `${text.split(" ")[0]} on ${navigator.hardwareConcurrency} CPUs` : "n/a";
}

function share(value: number, cold: number): string {
  const percent = cold > 0 ? (100 * value) / cold : NaN;
  const text = `${ms(value)} = ${percent.toFixed(1)}% of cold ${ms(cold)}`;
  return versus(text, `< ${MAX_REANALYSIS_PERCENT}% of cold`, percent < MAX_REANALYSIS_PERCENT);
}

/**
 * Bytes by language of the files whose content was read: in the issue's
 * languages, and in the languages the registry parses today (others are
 * adding them while this runs: we measure what is registered).
 */
function sourceBytes(report: ReportShape): { target: Map<string, number>; parsed: Map<string, number> } {
  const target = new Map<string, number>();
  const parsed = new Map<string, number>();
  for (const file of report.files) {
    if (!file.language || file.skipReason) continue;
    if (TARGET_LANGUAGES.includes(file.language)) {
      target.set(file.language, (target.get(file.language) ?? 0) + file.bytes);
    }
    if (isParsed(file.language)) parsed.set(file.language, (parsed.get(file.language) ?? 0) + file.bytes);
  }
  return { target, parsed };
}

function sum(bytes: Map<string, number>): number {
  return [...bytes.values()].reduce((total, n) => total + n, 0);
}

function byLanguage(bytes: Map<string, number>): string {
  return [...bytes].sort(([, a], [, b]) => b - a).map(([language, n]) => `${language} ${mb(n)}`).join(", ");
}
