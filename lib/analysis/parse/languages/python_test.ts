import assert from "node:assert/strict";
import { extractStructure, type FileStructure } from "../extract.ts";
import { createParser } from "../tree_sitter.ts";
import { python } from "./python.ts";

const parser = await createParser("python");

function parse(text: string): FileStructure {
  return extractStructure(python, parser, text);
}

/** What lizard reports per function: qualified name, first and last line, CCN, parameters. */
function summary(text: string): [string, number, number, number, number][] {
  return parse(text).functions.map((f) => [f.qualifiedName, f.startLine, f.endLine, f.ccn, f.params]);
}

const BRANCHES = `def classify(n, *args, flag=False, **kw):
    if n < 0 and flag:
        return "neg"
    elif n == 0 or not flag:
        return "zero"
    elif n > 100:
        return "big"
    else:
        return "pos"


def collect(rows):
    """Keeps the truthy rows."""
    kept = [r for r in rows if r]
    pairs = {k: v for k, v in kept}
    label = "some" if kept else "none"
    while pairs:
        pairs.popitem()
    return label


def route(command):
    match command.split():
        case ["go", direction] if direction in EXITS:
            return direction
        case ["quit"] | ["exit"]:
            return None
        case _:
            return "?"


def load(path):
    try:
        with open(path) as f:
            return f.read()
    except FileNotFoundError:
        return ""
    except (OSError, ValueError):
        raise
    finally:
        log(path)
`;

Deno.test("[parse] python: elif chains, boolean operators, comprehensions, match and except count as in lizard", () => {
  assert.deepEqual(summary(BRANCHES), [
    // 1 + if + and + elif + or + elif (else adds nothing); *args and **kw are parameters
    ["classify", 1, 9, 6, 4],
    // 1 + comprehension for + comprehension if + dict comprehension for + ternary if + while
    ["collect", 12, 19, 6, 1],
    // 1 + case + its guard + case; `case _:` is the default and adds nothing (lizard: 5)
    ["route", 22, 29, 4, 1],
    // 1 + except + except + finally (lizard counts finally); with and try add nothing
    ["load", 32, 41, 4, 1],
  ]);
});

Deno.test("[parse] python: a docstring is the function's doc and is not code", () => {
  const collect = parse(BRANCHES).functions[1];
  assert.equal(collect.doc, '"""Keeps the truthy rows."""');
  assert.equal(collect.nloc, 7);
});

const NESTED = `# Shapes and their factories.


class Shape:
    """A shape."""

    @property
    def area(self):
        return 0

    # Builds a shape of the given kind.
    @staticmethod
    def make(kind, size=1):
        def build(n):
            return n if n > 0 else 1

        scale = lambda x: x * 2 if x else 0
        return build(size) or scale(size)

    class Inner:
        # Yields the items.
        async def run(self, a, /, *, fast):
            async for item in self.items():
                yield item


def sort_by(rows):
    return sorted(rows, key=lambda row: row.rank or 0)
`;

Deno.test("[parse] python: methods and nested defs are separate functions; lambdas belong to their def", () => {
  assert.deepEqual(summary(NESTED), [
    // a decorated function starts at its def, as in lizard
    ["Shape.area", 8, 9, 1, 1],
    // 1 + the lambda's ternary if + or: a lambda is not a function of its own (lizard merges it);
    // build's ternary stays with build
    ["Shape.make", 13, 18, 3, 2],
    // a nested def is separate, as in lizard (`make.build`); 1 + ternary if
    ["Shape.make.build", 14, 15, 2, 1],
    // `/` and `*` mark parameter kinds and are not parameters; 1 + async for
    ["Shape.Inner.run", 22, 24, 2, 3],
    // 1 + the or inside the keyword lambda
    ["sort_by", 27, 28, 2, 1],
  ]);
  const structure = parse(NESTED);
  assert.deepEqual(structure.classes.map((c) => [c.qualifiedName, c.kind, c.startLine, c.endLine, c.doc]), [
    ["Shape", "class", 4, 24, '"""A shape."""'],
    ["Shape.Inner", "class", 20, 24, null],
  ]);
  // The comment above the decorators documents the method.
  assert.equal(structure.functions[1].doc, "# Builds a shape of the given kind.");
  assert.equal(structure.functions[0].doc, null);
  // tree-sitter hangs a comment above a body's first statement outside the body: it is still found.
  assert.equal(structure.functions[3].doc, "# Yields the items.");
  // The lambda's line is make's code; build's two lines are build's, and its `def` line is make's
  // too, as in lizard: 4.
  assert.equal(structure.functions[1].nloc, 4);
});

const IMPORTS = `import os
import json as j, os.path
from typing import Any, Optional
from . import sibling, other
from ..pkg.mod import name
from .rel import thing
from .helpers import *

plugin = importlib.import_module("plugins.core")
legacy = __import__("legacy_mod")
print("not an import")


def lazy():
    import yaml
    return yaml
`;

Deno.test("[parse] python: every import form yields its module", () => {
  assert.deepEqual(parse(IMPORTS).imports, [
    { module: "os", line: 1, kind: "import" },
    { module: "json", line: 2, kind: "import" },
    { module: "os.path", line: 2, kind: "import" },
    { module: "typing", line: 3, kind: "import" },
    // `from . import x` imports the package's module x
    { module: ".sibling", line: 4, kind: "import" },
    { module: ".other", line: 4, kind: "import" },
    { module: "..pkg.mod", line: 5, kind: "import" },
    { module: ".rel", line: 6, kind: "import" },
    { module: ".helpers", line: 7, kind: "import" },
    { module: "plugins.core", line: 9, kind: "dynamic" },
    { module: "legacy_mod", line: 10, kind: "dynamic" },
    { module: "yaml", line: 15, kind: "import" },
  ]);
});

const ERRORS = `def before(a):
    return a or 1


def broken(:
    if x
        pass


def after(b):
    if b:
        return 1
    return 2
`;

Deno.test("[parse] python: functions after a syntax error are still found", () => {
  const structure = parse(ERRORS);
  // the `)` tree-sitter inserts after `broken(:` and the ERROR around `if x`
  assert.equal(structure.parseErrors, 2);
  // lizard reads `broken` on to the end of the file and so misses `after`
  assert.deepEqual(summary(ERRORS), [
    ["before", 1, 2, 2, 1],
    ["broken", 5, 7, 1, 0],
    ["after", 10, 13, 2, 1],
  ]);
});
