/** Reads lizard's CSV, names our functions the way lizard does, and pairs the two lists file by file. */
import type { FileStructure, FunctionInfo } from "../lib/analysis/parse/extract.ts";

/** One function as either tool reports it, in lizard's terms. */
export interface Row {
  name: string;
  start: number;
  end: number;
  ccn: number;
  params: number;
  nloc: number;
}

/** How a lizard function was paired with one of ours. */
export type PairKind = "matched" | "line-only" | "shifted";

/** A lizard function and ours for the same code. */
export interface Pair {
  kind: PairKind;
  file: string;
  lizard: Row;
  ours: Row;
}

/** Everything one file's comparison yields. */
export interface FileComparison {
  pairs: Pair[];
  missing: Row[];
  extra: Row[];
}

/** lizard `--csv` rows by file: quoted fields never hold `"` (lizard turns them into `'`) but may hold commas. */
export function parseLizardCsv(text: string): Map<string, Row[]> {
  const byFile = new Map<string, Row[]>();
  for (const fields of csvRecords(text)) {
    if (fields.length < 11 || !/^\d+$/.test(fields[0])) continue;
    const [nloc, ccn, , params] = fields.slice(0, 4).map(Number);
    const file = fields[6];
    const row = { name: fields[7], start: Number(fields[9]), end: Number(fields[10]), ccn, params, nloc };
    byFile.set(file, [...byFile.get(file) ?? [], row]);
  }
  return byFile;
}

function* csvRecords(text: string): Generator<string[]> {
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (char === "," && !quoted) fields.push(field), field = "";
    else if (char === "\n" && !quoted) {
      fields.push(field), yield fields;
      fields = [], field = "";
    } else field += char;
  }
  if (field || fields.length) yield [...fields, field];
}

// How lizard names a function: which enclosing names it keeps.
const KEEPS: Record<string, "none" | "functions" | "innermost class" | "classes"> = {
  JavaScript: "none",
  TypeScript: "none",
  TSX: "none",
  Go: "none",
  Rust: "none",
  Ruby: "none",
  Python: "functions",
  Java: "innermost class",
  "C#": "innermost class",
  PHP: "innermost class",
  C: "classes",
  "C++": "classes",
};

/**
 * Our functions renamed with lizard's conventions (see /tmp/lizard-ref/NOTES.md §3),
 * so that a name difference left over is a real one.
 */
export function oursAsLizard(language: string, structure: FileStructure, separator: string): Row[] {
  // An enclosing name that is not a function is a type or namespace: a scope, or a qualifier
  // such as C++'s `A::` in `void A::f()` or Go's receiver type.
  const functions = new Set(structure.functions.map((f) => f.qualifiedName));
  return structure.functions.map((fn) => ({ ...metrics(fn), name: lizardName(language, fn, functions, separator) }));
}

function metrics(fn: FunctionInfo): Omit<Row, "name"> {
  return { start: fn.startLine, end: fn.endLine, ccn: fn.ccn, params: fn.params, nloc: fn.nloc };
}

function lizardName(language: string, fn: FunctionInfo, functions: Set<string>, separator: string): string {
  let own = fn.name;
  // Go names a method after its receiver type; lizard leaves a func literal nameless.
  if (language === "Go") own = own === "(anonymous)" ? "" : own.slice(own.lastIndexOf(".") + 1);
  const tail = separator + fn.name;
  const prefix = fn.qualifiedName.endsWith(tail) ? fn.qualifiedName.slice(0, -tail.length) : "";
  const enclosing: { name: string; isClass: boolean }[] = [];
  let sofar = "";
  for (const part of prefix ? prefix.split(separator) : []) {
    sofar = sofar ? sofar + separator + part : part;
    enclosing.push({ name: part, isClass: !functions.has(sofar) });
  }
  const keeps = KEEPS[language] ?? "none";
  if (keeps === "functions") {
    return [...enclosing.filter((e) => !e.isClass).map((e) => e.name), own].join(".");
  }
  if (keeps === "innermost class") {
    const inner = enclosing.findLast((e) => e.isClass);
    return inner ? `${inner.name}::${own}` : own;
  }
  if (keeps === "classes") return [...enclosing.filter((e) => e.isClass).map((e) => e.name), own].join("::");
  return own;
}

// Annotations, decorators, template and return-type lines: more than this is another function.
const SHIFT = 10;

/**
 * Pairs by (start line, name) first, then by start line alone (name differs),
 * then by name where our span holds lizard's start line (we start at the
 * declaration, lizard at the name token). What is left is missing or extra.
 */
export function compareFile(file: string, lizard: Row[], ours: Row[]): FileComparison {
  const pairs: Pair[] = [];
  let left = [...ours];
  let unpaired: Row[] = [];
  const take = (kind: PairKind, rows: Row[], find: (l: Row) => Row | undefined): Row[] => {
    const rest: Row[] = [];
    for (const l of rows) {
      const o = find(l);
      if (!o) {
        rest.push(l);
        continue;
      }
      left = left.filter((x) => x !== o);
      pairs.push({ kind, file, lizard: l, ours: o });
    }
    return rest;
  };
  unpaired = take("matched", lizard, (l) => left.find((o) => o.start === l.start && o.name === l.name));
  unpaired = take(
    "shifted",
    unpaired,
    (l) =>
      left.filter((o) => o.name === l.name && o.start <= l.start && l.start <= Math.min(o.end, o.start + SHIFT))
        .sort((a, b) => b.start - a.start)[0],
  );
  unpaired = take("line-only", unpaired, (l) => left.find((o) => o.start === l.start));
  return { pairs, missing: unpaired, extra: left };
}
