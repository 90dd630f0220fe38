/** `countLines` alone, per language, over files already in memory: the scanner's own speed. */
import path from "node:path";
import { DEFAULT_LIMITS as DEFAULT_COUNT_LIMITS } from "../lib/analysis/analyze_checkout.ts";
import { detectLanguage, isBinary } from "../lib/analysis/languages.ts";
import { countLines } from "../lib/analysis/line_count.ts";
import { Figures, mb, ms, rate } from "./figures.ts";

const PASSES = 3;

interface Language {
  texts: string[];
  bytes: number;
  lines: number;
  bestMs: number;
}

/** Reads every text file analyzeCheckout would read (≤ 1 MiB, not binary) and times countLines on it. */
export async function benchCountLines(repoDir: string): Promise<Figures> {
  const figures = new Figures("countLines");
  const readStarted = performance.now();
  const languages = await load(repoDir);
  const readMs = performance.now() - readStarted;
  const all = [...languages.values()];
  const totalBytes = all.reduce((sum, l) => sum + l.bytes, 0);
  const totalFiles = all.reduce((sum, l) => sum + l.texts.length, 0);
  figures.add("input in memory", `${totalFiles} files, ${mb(totalBytes)} (sync read + decode ${ms(readMs)})`);

  // Several passes, keeping each language's best: the first one also pays for JIT warm-up.
  for (let pass = 0; pass < PASSES; pass++) {
    for (const [name, language] of languages) {
      const started = performance.now();
      let lines = 0;
      for (const text of language.texts) {
        const counts = countLines(text, name === "(none)" ? null : name);
        lines += counts.code + counts.comment + counts.blank;
      }
      language.bestMs = Math.min(language.bestMs, performance.now() - started);
      language.lines = lines;
    }
  }
  const totalMs = all.reduce((sum, l) => sum + l.bestMs, 0);
  const totalLines = all.reduce((sum, l) => sum + l.lines, 0);
  figures.add("all languages", `${rate(totalBytes, totalMs, "MB")} (${ms(totalMs)}, ${lineRate(totalLines, totalMs)})`);
  const ordered = [...languages].sort(([, a], [, b]) => b.bytes - a.bytes);
  // Languages with a few KB (the .gitignore) give timer noise, not a rate; they are in the total.
  for (const [name, language] of ordered.filter(([, l]) => l.bytes >= 100_000)) {
    figures.add(
      name,
      `${rate(language.bytes, language.bestMs, "MB")} (${mb(language.bytes)}, ${
        lineRate(language.lines, language.bestMs)
      })`,
    );
  }
  return figures;
}

function lineRate(lines: number, millis: number): string {
  return `${(lines / 1e6 / (millis / 1000)).toFixed(1)} M lines/s`;
}

async function load(repoDir: string): Promise<Map<string, Language>> {
  const listed = await new Deno.Command("git", { args: ["ls-files", "-z"], cwd: repoDir, stderr: "inherit" }).output();
  if (!listed.success) throw new Error(`git ls-files failed in ${repoDir}`);
  const paths = new TextDecoder().decode(listed.stdout).split("\0").filter(Boolean);
  const decoder = new TextDecoder();
  const languages = new Map<string, Language>();
  for (const relative of paths) {
    const file = path.join(repoDir, relative);
    // Synchronous reads: 20,000 awaited lstat/readFile pairs cost seconds of
    // round-trips that are not what this benchmark measures.
    const info = Deno.lstatSync(file);
    if (!info.isFile || info.size > DEFAULT_COUNT_LIMITS.maxFileBytes) continue;
    const bytes = Deno.readFileSync(file);
    if (isBinary(bytes)) continue;
    const text = decoder.decode(bytes);
    const name = detectLanguage(relative, text.slice(0, 200).split("\n")[0]) ?? "(none)";
    let language = languages.get(name);
    if (!language) languages.set(name, language = { texts: [], bytes: 0, lines: 0, bestMs: Infinity });
    language.texts.push(text);
    language.bytes += bytes.length;
  }
  return languages;
}
