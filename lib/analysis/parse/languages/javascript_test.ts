import assert from "node:assert/strict";
import { extractStructure, type FunctionInfo } from "../extract.ts";
import { createParser } from "../tree_sitter.ts";
import { javascript, tsx, typescript } from "./javascript.ts";
import type { LanguageSpec } from "../spec.ts";

async function analyze(spec: LanguageSpec, text: string) {
  return extractStructure(spec, await createParser(spec.grammar), text);
}

function byName(
  functions: FunctionInfo[],
): Record<string, Pick<FunctionInfo, "ccn" | "params" | "startLine" | "endLine">> {
  return Object.fromEntries(
    functions.map((
      f,
    ) => [f.qualifiedName, { ccn: f.ccn, params: f.params, startLine: f.startLine, endLine: f.endLine }]),
  );
}

Deno.test("[parse] javascript: branches, loops, cases and boolean operators each add one", async () => {
  const source = `function grade(score, curve) {
  if (score > 90 && curve) {        // if +1, && +1
    return "A";
  } else if (score > 80 || curve) { // else-if +1, || +1
    return "B";
  }
  for (let i = 0; i < 3; i++) {}    // +1
  while (score-- > 0) {}            // +1
  do { score++ } while (score < 0); // +1
  switch (score) {
    case 1: break;                  // +1
    case 2: break;                  // +1
    default: break;                 // default does not count
  }
  try { grade() } catch (e) {}      // catch +1
  return score ? "x" : "y";         // ternary +1
}
`;
  const { functions } = await analyze(javascript, source);
  assert.deepEqual(byName(functions), { grade: { ccn: 12, params: 2, startLine: 1, endLine: 17 } });
  assert.equal(functions[0].nloc, 17, "every line of it has code (the comments trail)");
  assert.equal(functions[0].maxNesting, 1);
});

Deno.test("[parse] javascript: nested functions, closures and callbacks are separate functions", async () => {
  const source = `const outer = (items) => {
  function inner(x) { return x && x.ok; }   // inner: 2
  return items.map((item) => item ? 1 : 0)  // anonymous arrow: 2
    .filter(function (v) { return v; });    // anonymous function: 1
};
const obj = { handler: function (a, b, c) { if (a) {} } };
module.exports.run = async () => { for (;;) { break; } };
`;
  const { functions } = await analyze(javascript, source);
  assert.deepEqual(functions.map((f) => [f.qualifiedName, f.ccn, f.params]), [
    ["outer", 1, 1],
    ["outer::inner", 2, 1],
    ["outer::(anonymous)", 2, 1],
    ["outer::(anonymous)", 1, 1],
    ["handler", 2, 3],
    ["module.exports.run", 2, 0],
  ]);
});

Deno.test("[parse] typescript: classes, generics, optional chaining and nullish coalescing", async () => {
  const source = `/** A cache. */
export class Cache<K, V> {
  private map = new Map<K, V>();
  /** Reads a value. */
  get(key: K, fallback?: V): V | undefined {
    return this.map.get(key) ?? fallback;   // ?? +1, ?. does not count
  }
  set = (key: K, value: V): void => { this.map?.set(key, value); };
  get size(): number { return this.map.size; }
}
namespace Outer { export function f<T>(x: T): T { return x; } }
interface Shape { area(): number }
`;
  const result = await analyze(typescript, source);
  assert.deepEqual(result.functions.map((f) => [f.qualifiedName, f.ccn, f.params]), [
    ["Cache::get", 2, 2],
    ["Cache::set", 1, 2],
    ["Cache::get size", 1, 0],
    ["Outer::f", 1, 1],
  ]);
  assert.equal(result.functions[0].doc, "/** Reads a value. */");
  assert.deepEqual(result.classes.map((c) => [c.qualifiedName, c.kind, c.doc]), [
    ["Cache", "class_declaration", "/** A cache. */"],
    ["Outer", "internal_module", null],
    ["Shape", "interface_declaration", null],
  ]);
  assert.deepEqual(result.lines, { code: 10, comment: 2, blank: 0 });
});

Deno.test("[parse] tsx: components with JSX and conditional rendering", async () => {
  const source = `export default function List({ items }: { items: string[] }) {
  return <ul>{items.length > 0 && items.map((i) => <li key={i}>{i || "?"}</li>)}</ul>;
}
`;
  const { functions } = await analyze(tsx, source);
  assert.deepEqual(functions.map((f) => [f.qualifiedName, f.ccn, f.params]), [
    ["List", 2, 1],
    ["List::(anonymous)", 2, 1],
  ]);
});

Deno.test("[parse] javascript: imports of every form are collected with their lines", async () => {
  const source = `import a from "./a.js";
import * as b from 'pkg/sub';
export { c } from "./c";
const d = require("d");
const e = await import("./e.mjs");
`;
  const { imports } = await analyze(javascript, source);
  assert.deepEqual(imports, [
    { module: "./a.js", line: 1, kind: "import" },
    { module: "pkg/sub", line: 2, kind: "import" },
    { module: "./c", line: 3, kind: "import" },
    { module: "d", line: 4, kind: "require" },
    { module: "./e.mjs", line: 5, kind: "dynamic" },
  ]);
});

Deno.test("[parse] javascript: a syntax error does not hide the rest of the file", async () => {
  const source = `function broken( {
  if (x) {
}
function after(a) { return a || 1; }
`;
  const result = await analyze(javascript, source);
  assert.ok(result.parseErrors > 0);
  const after = result.functions.find((f) => f.name === "after");
  assert.deepEqual(after && [after.ccn, after.params, after.startLine], [2, 1, 4]);
});

Deno.test("[parse] javascript: lines are counted from the tree, strings are not comments", async () => {
  const source = `// header
const url = "http://example.com"; // trailing

/* block

   comment */ const x = 1;
const t = \`
// not a comment
\`;
`;
  const { lines } = await analyze(javascript, source);
  // The empty line inside the block comment is blank, as cloc counts it.
  assert.deepEqual(lines, { code: 5, comment: 2, blank: 2 });
});
