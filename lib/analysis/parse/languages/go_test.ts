import assert from "node:assert/strict";
import { extractStructure } from "../extract.ts";
import { createParser } from "../tree_sitter.ts";
import { go } from "./go.ts";

const parser = await createParser("go");
const parse = (text: string) => extractStructure(go, parser, text);
/** [qualifiedName, startLine, endLine, ccn, params] per function, the columns lizard's CSV has. */
const rows = (text: string) =>
  parse(text).functions.map((f) => [f.qualifiedName, f.startLine, f.endLine, f.ccn, f.params]);

const BRANCHES = `package shapes

// Area sums the shapes.
// It skips nil ones.
func Area(shapes []Shape, scale float64) float64 {
	total := 0.0
	for _, s := range shapes {
		if s == nil || scale <= 0 {
			continue
		} else if c, ok := s.(Circle); ok && c.R > 0 {
			total += c.R * c.R
		} else {
			total += s.Area()
		}
	}
	return total
}

func Kind(v any, ch chan int) string {
	switch x := v.(type) {
	case int, int64:
		return "int"
	case string:
		if x == "" {
			return "empty"
		}
	default:
	}
	select {
	case n := <-ch:
		_ = n
	case <-done:
	default:
	}
	switch {
	case len(ch) > 3:
	}
	for {
		break
	}
	return "other"
}
`;

Deno.test("[parse] go: if, else-if, for, && and || each add one", () => {
  // Area: 1 + for + if + || + else-if + && = 6. Kind: 1 + case int, case string,
  // if, two select cases, case len, for {} = 8; default counts in neither.
  assert.deepEqual(rows(BRANCHES), [["Area", 5, 17, 6, 2], ["Kind", 19, 42, 8, 2]]);
});

Deno.test("[parse] go: nesting, nloc and the leading doc comment", () => {
  const [area, kind] = parse(BRANCHES).functions;
  assert.equal(area.maxNesting, 2); // for { if { } }
  assert.equal(kind.maxNesting, 2); // switch { case: if { } }
  assert.equal(area.nloc, 13);
  assert.equal(area.doc, "// Area sums the shapes.\n// It skips nil ones.");
  assert.equal(kind.doc, null);
});

const METHODS = `package stack

type Stack[T any] struct{ items []T }

type Shape interface {
	Area() float64
}

// Push adds v.
func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

func (s Stack[T]) Map(f func(T) T, keep ...bool) []T {
	out := make([]T, 0)
	each := func(x T) {
		if len(keep) > 0 && keep[0] {
			out = append(out, f(x))
		}
	}
	for _, x := range s.items {
		each(x)
	}
	go func() {}()
	return out
}

func Max[T int | float64](a, b T) T {
	if a > b {
		return a
	}
	return b
}

var handler = func(w Writer, r *Request) {}
`;

Deno.test("[parse] go: a method is named as lizard names it, qualified by its receiver type", () => {
  // each: 1 + if + && = 3, and none of it counts for Map (1 + for = 2): a func
  // literal is a separate function, as in lizard. lizard leaves literals
  // nameless; ours take their variable's name, or (anonymous).
  assert.deepEqual(rows(METHODS), [
    ["Stack.Push", 10, 10, 1, 1],
    ["Stack.Map", 12, 24, 2, 2],
    ["Stack.Map.each", 14, 18, 3, 1],
    ["Stack.Map.(anonymous)", 22, 22, 1, 0],
    ["Max", 26, 31, 2, 2],
    ["handler", 33, 33, 1, 2],
  ]);
  const { functions, classes } = parse(METHODS);
  assert.deepEqual(functions.map((f) => f.name), ["Push", "Map", "each", "(anonymous)", "Max", "handler"]);
  assert.equal(functions[0].doc, "// Push adds v.");
  assert.deepEqual(classes.map((c) => [c.name, c.kind, c.startLine, c.endLine]), [
    ["Stack", "struct", 3, 3],
    ["Shape", "interface", 5, 7],
  ]);
});

Deno.test("[parse] go: every import form", () => {
  const { imports } = parse(`package main

import "fmt"
import (
	str "strings"
	. "math"
	_ "embed"
	raw \`net/http\`
)
`);
  assert.deepEqual(imports, [
    { module: "fmt", line: 3, kind: "import" },
    { module: "strings", line: 5, kind: "import" },
    { module: "math", line: 6, kind: "import" },
    { module: "embed", line: 7, kind: "import" },
    { module: "net/http", line: 8, kind: "import" },
  ]);
});

Deno.test("[parse] go: functions after a syntax error are still found", () => {
  const text = `package broken

func Bad() {
	x := := 3
	if x > {
	}
}

func (p *T) Good(a int) int {
	if a > 0 {
		return 1
	}
	return 0
}
`;
  assert.ok(parse(text).parseErrors > 0);
  assert.deepEqual(rows(text), [["Bad", 3, 7, 2, 0], ["T.Good", 9, 14, 2, 1]]);
});

Deno.test("[parse] go: a declaration without a body (an assembly stub) is no function", () => {
  const { functions } = parse("package p\n\nfunc stfle() facilityList\n\nfunc real() int { return 1 }\n");
  assert.deepEqual(functions.map((f) => f.name), ["real"]);
});
