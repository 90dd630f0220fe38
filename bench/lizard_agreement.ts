/**
 * How far our functions agree with lizard's, language by language, on real code found on this
 * machine: `deno run -A bench/lizard_agreement.ts [--lizard path/lizard.py] [--max-files N]`.
 * Prints one table; examples of each kind of disagreement go to the details file. Figures, not
 * pass/fail: without lizard it says so and exits 0, since tests must never need it.
 */
import fs from "node:fs/promises";
import { parseArgs } from "node:util";
import { parseSource } from "../lib/analysis/parse/parse_source.ts";
import { specFor } from "../lib/analysis/parse/registry.ts";
import { detectLanguage } from "../lib/analysis/languages.ts";
import { compareFile, type FileComparison, oursAsLizard, parseLizardCsv, type Row } from "./lizard_compare.ts";
import { CORPORA, type Corpus, findCorpus } from "./lizard_corpus.ts";
import { writeDetails } from "./lizard_details.ts";
import { ms } from "./figures.ts";

const { values: options } = parseArgs({
  args: Deno.args,
  options: {
    lizard: { type: "string", default: "/tmp/lizard-ref/lizard.py" },
    "max-files": { type: "string", default: "150" },
    details: { type: "string", default: "/tmp/lizard-agreement-details.txt" },
    only: { type: "string" }, // one language, e.g. --only Python
    dump: { type: "string" }, // every pair as JSON, for digging further
  },
});
const BATCH = 25;
const LIZARD_TIMEOUT_MS = 120_000;

/** One language's files and their comparisons. */
export interface LanguageResult {
  corpus: Corpus;
  compared: Map<string, FileComparison>;
  /** Files one of the tools could not read, with why. */
  failures: string[];
}

async function main(): Promise<void> {
  if (!(await fs.stat(options.lizard!).then(() => true, () => false))) {
    console.log("lizard not found");
    return;
  }
  const began = performance.now();
  const max = Number(options["max-files"]);
  if (!Number.isInteger(max) || max < 1) {
    throw new Error(`--max-files wants a positive integer, not ${options["max-files"]}`);
  }
  const specs = CORPORA.filter((c) => !options.only || c.language === options.only);
  const corpora = await Promise.all(specs.map((spec) => findCorpus(spec, max)));
  log(`corpus: ${corpora.map((c) => `${c.language} ${c.files.length}/${c.candidates}`).join(", ")}`);
  // lizard is single-threaded Python: run its batches side by side while we parse here.
  const lizardRows = runLizardAll(corpora.flatMap((c) => batches(c.files)));
  const results: LanguageResult[] = [];
  for (const corpus of corpora) results.push(await parseOurs(corpus));
  const { rows, failures } = await lizardRows;
  for (const result of results) {
    for (const [file, comparison] of result.compared) {
      if (failures.has(file)) {
        result.compared.delete(file);
        result.failures.push(`${file}: lizard ${failures.get(file)}`);
        continue;
      }
      Object.assign(comparison, compareFile(file, rows.get(file) ?? [], comparison.extra));
    }
  }
  const table = await writeDetails(results, options.details!);
  console.log(table);
  console.log("matched: same start line and name; shifted: same name, lizard's start line inside ours (annotations,");
  console.log("return type); line-only: same start line, other name. CCN=/params=/NLOC±1: over matched + shifted.");
  for (const { corpus, failures } of results) {
    if (failures.length) console.log(`${corpus.language}: ${failures.length} file(s) failed, e.g. ${failures[0]}`);
    if (!corpus.files.length) console.log(`${corpus.language}: ${corpus.note}`);
  }
  console.log(`details: ${options.details} · ${ms(performance.now() - began)}`);
  if (options.dump) await Deno.writeTextFile(options.dump, JSON.stringify(results.map(dumpable), null, 1));
}

// Ours first: the comparison's `extra` holds our rows until lizard's arrive.
async function parseOurs(corpus: Corpus): Promise<LanguageResult> {
  const result: LanguageResult = { corpus, compared: new Map(), failures: [] };
  for (const file of corpus.files) {
    const language = detectLanguage(file) ?? corpus.language;
    try {
      const spec = await specFor(language);
      const structure = await parseSource(language, await Deno.readTextFile(file));
      if (!spec || !structure) throw new Error(`${language} is not parsed`);
      const ours = oursAsLizard(corpus.language, structure, spec.separator);
      result.compared.set(file, { pairs: [], missing: [], extra: ours });
    } catch (error) {
      // A spec still being written may throw: report it and go on with the next file.
      result.failures.push(`${file}: ours threw ${String(error).split("\n")[0]}`);
    }
  }
  log(`ours: ${corpus.language} done (${result.failures.length} failures)`);
  return result;
}

function batches(files: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < files.length; i += BATCH) out.push(files.slice(i, i + BATCH));
  return out;
}

async function runLizardAll(queue: string[][]): Promise<{ rows: Map<string, Row[]>; failures: Map<string, string> }> {
  const rows = new Map<string, Row[]>();
  const failures = new Map<string, string>();
  const work = async () => {
    for (let batch = queue.shift(); batch; batch = queue.shift()) {
      const out = await runLizard(batch);
      if (out.ok) {
        for (const [file, list] of parseLizardCsv(out.text)) rows.set(file, list);
      } else if (batch.length > 1) {
        // One file that breaks lizard must not cost the batch: retry the files one by one.
        queue.push(...batch.map((file) => [file]));
      } else failures.set(batch[0], out.text);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, navigator.hardwareConcurrency) }, work));
  log(`lizard: ${rows.size} files with functions, ${failures.size} failures`);
  return { rows, failures };
}

async function runLizard(files: string[]): Promise<{ ok: boolean; text: string }> {
  try {
    const out = await new Deno.Command("python3", {
      args: [options.lizard!, "--csv", "--no-gitignore", "-i", "-1", ...files],
      stdout: "piped",
      stderr: "piped",
      signal: AbortSignal.timeout(LIZARD_TIMEOUT_MS),
    }).output();
    const decoder = new TextDecoder();
    if (out.success) return { ok: true, text: decoder.decode(out.stdout) };
    return { ok: false, text: `exit ${out.code}: ${decoder.decode(out.stderr).trim().split("\n").pop()}` };
  } catch (error) {
    return { ok: false, text: String(error) };
  }
}

function dumpable(result: LanguageResult) {
  return { language: result.corpus.language, failures: result.failures, files: Object.fromEntries(result.compared) };
}

function log(line: string): void {
  console.error(`  ${line}`);
}

if (import.meta.main) await main();
