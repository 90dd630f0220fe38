/** The lizard agreement table and the details file of example disagreements. */
import type { Pair, Row } from "./lizard_compare.ts";
import type { LanguageResult } from "./lizard_agreement.ts";

const EXAMPLES = 5;

interface Tally {
  files: number;
  lizard: number;
  ours: number;
  matched: number;
  lineOnly: number;
  shifted: number;
  missing: number;
  extra: number;
  /** Pairs with the same name (matched or shifted): the ones whose metrics are compared. */
  same: Pair[];
}

/** Writes the details file and returns the table to print. */
export async function writeDetails(results: LanguageResult[], detailsPath: string): Promise<string> {
  const header = [
    "language",
    "files",
    "lizard",
    "ours",
    "matched",
    "line-only",
    "shifted",
    "missing",
    "extra",
    "CCN=",
    "params=",
    "NLOC±1",
  ];
  const rows: string[][] = [];
  const details: string[] = [
    "lizard agreement: examples of each kind of disagreement (file:line lizard | ours).",
    "matched = same file, start line and name; shifted = same name, our span holds lizard's start line;",
    "line-only = same start line, other name. CCN/params/NLOC agreement is over matched + shifted pairs.",
  ];
  for (const result of results) {
    const tally = count(result);
    const { same } = tally;
    rows.push([
      result.corpus.language,
      ...[
        tally.files,
        tally.lizard,
        tally.ours,
        tally.matched,
        tally.lineOnly,
        tally.shifted,
        tally.missing,
        tally.extra,
      ]
        .map(String),
      percent(same, (p) => p.lizard.ccn === p.ours.ccn),
      percent(same, (p) => p.lizard.params === p.ours.params),
      percent(same, (p) => Math.abs(p.lizard.nloc - p.ours.nloc) <= 1),
    ]);
    details.push(
      "",
      `== ${result.corpus.language}: ${result.corpus.note}; ${tally.files} of ${result.corpus.candidates} candidate files`,
    );
    const higher = same.filter((p) => p.ours.ccn > p.lizard.ccn).length;
    const lower = same.filter((p) => p.ours.ccn < p.lizard.ccn).length;
    details.push(`CCN: ours higher ${higher}, lower ${lower}, of ${same.length}`);
    details.push(
      `extra in ours inside one of lizard's functions (merged or swallowed by lizard): ${swallowed(result)}`,
    );
    for (const failure of result.failures.slice(0, EXAMPLES)) details.push(`failed: ${failure}`);
    if (result.failures.length > EXAMPLES) details.push(`failed: … ${result.failures.length - EXAMPLES} more`);
    const files = [...result.compared];
    const pairs = files.flatMap(([, c]) => c.pairs);
    const section = (title: string, lines: string[]) => {
      if (lines.length) details.push(`-- ${title}`, ...lines.map((l) => `  ${l}`));
    };
    section("missing in ours", examples(files.flatMap(([file, c]) => c.missing.map((r) => at(file, r)))));
    section("extra in ours", examples(files.flatMap(([file, c]) => c.extra.map((r) => at(file, r)))));
    section("line-only (name differs)", examples(pairs.filter((p) => p.kind === "line-only").map(versus)));
    section("shifted start line", examples(pairs.filter((p) => p.kind === "shifted").map(versus)));
    section("CCN differs", examples(same.filter((p) => p.lizard.ccn !== p.ours.ccn).map(versus)));
    section("params differ", examples(same.filter((p) => p.lizard.params !== p.ours.params).map(versus)));
    section(
      "NLOC off by more than 1",
      examples(same.filter((p) => Math.abs(p.lizard.nloc - p.ours.nloc) > 1).map(versus)),
    );
  }
  await Deno.writeTextFile(detailsPath, details.join("\n") + "\n");
  return formatTable(header, rows);
}

function count(result: LanguageResult): Tally {
  const tally: Tally = {
    files: 0,
    lizard: 0,
    ours: 0,
    matched: 0,
    lineOnly: 0,
    shifted: 0,
    missing: 0,
    extra: 0,
    same: [],
  };
  for (const comparison of result.compared.values()) {
    tally.files++;
    const { pairs, missing, extra } = comparison;
    tally.lizard += pairs.length + missing.length;
    tally.ours += pairs.length + extra.length;
    tally.missing += missing.length;
    tally.extra += extra.length;
    for (const pair of pairs) {
      if (pair.kind === "matched") tally.matched++;
      else if (pair.kind === "shifted") tally.shifted++;
      else tally.lineOnly++;
      if (pair.kind !== "line-only") tally.same.push(pair);
    }
  }
  return tally;
}

function swallowed(result: LanguageResult): number {
  let count = 0;
  for (const { pairs, missing, extra } of result.compared.values()) {
    const spans = [...pairs.map((p) => p.lizard), ...missing];
    count += extra.filter((o) => spans.some((l) => l.start < o.start && o.end <= l.end)).length;
  }
  return count;
}

function percent(pairs: Pair[], agree: (pair: Pair) => boolean): string {
  if (!pairs.length) return "–";
  return `${(100 * pairs.filter(agree).length / pairs.length).toFixed(1)}%`;
}

// One example per file first, so that one odd file does not fill the list.
function examples(lines: { file: string; text: string }[]): string[] {
  const chosen: string[] = [];
  const used = new Set<string>();
  for (const pass of [0, 1]) {
    for (const line of lines) {
      if (chosen.length >= EXAMPLES) return chosen;
      if (pass === 0 && used.has(line.file)) continue;
      if (pass === 1 && chosen.includes(line.text)) continue;
      used.add(line.file);
      chosen.push(line.text);
    }
  }
  return chosen;
}

const describe = (row: Row) =>
  `${row.name || '""'} ccn=${row.ccn} params=${row.params} nloc=${row.nloc} ${row.start}-${row.end}`;

function at(file: string, row: Row): { file: string; text: string } {
  return { file, text: `${file}:${row.start}  ${describe(row)}` };
}

function versus(pair: Pair): { file: string; text: string } {
  return {
    file: pair.file,
    text: `${pair.file}:${pair.lizard.start}  ${describe(pair.lizard)}  |  ${describe(pair.ours)}`,
  };
}

function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
