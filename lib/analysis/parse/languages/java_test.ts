import assert from "node:assert/strict";
import { extractStructure } from "../extract.ts";
import { createParser } from "../tree_sitter.ts";
import { java } from "./java.ts";

const parser = await createParser("java");
const parse = (text: string) => extractStructure(java, parser, text);
/** [qualifiedName, startLine, endLine, ccn, params] per function, the columns lizard's CSV has. */
const rows = (text: string) =>
  parse(text).functions.map((f) => [f.qualifiedName, f.startLine, f.endLine, f.ccn, f.params]);

const REGISTRY = `package com.acme;

/** A shape registry. */
@Service
public class Registry<T extends Shape> {
    private final List<T> shapes = new ArrayList<>();

    /**
     * Finds the largest.
     */
    @Override
    public T largest(List<? extends T> extra, int limit) {
        T best = null;
        for (T s : shapes) {
            if (best == null || s.area() > best.area()) {
                best = s;
            } else if (limit > 0 && s.area() == best.area()) {
                limit--;
            } else {
                continue;
            }
        }
        return best != null ? best : extra.get(0);
    }

    int code(String kind) {
        switch (kind) {
            case "a":
            case "b":
                return 1;
            default:
                return 0;
        }
    }

    int arrow(int n) {
        int r = switch (n) {
            case 1, 2 -> 10;
            case 3 -> 20;
            default -> 0;
        };
        int i = 0;
        do { i++; } while (i < n);
        while (i > 0) i--;
        for (int j = 0; j < n; j++) {}
        try { r++; } catch (IllegalStateException | IllegalArgumentException e) { r--; } finally { r = 0; }
        return r;
    }
}
`;

Deno.test("[parse] java: branches, cases, loops and catch each add one", () => {
  // largest: 1 + for + if + || + else-if + && + ?: = 7. code: 1 + two cases = 3
  // (default adds none). arrow: 1 + case 1, 2 (one case) + case 3 + do-while +
  // while + for + catch = 7. The wildcard in <? extends T> is no ternary.
  // largest starts at its name, below @Override, as in lizard.
  assert.deepEqual(rows(REGISTRY), [
    ["Registry::largest", 12, 24, 7, 2],
    ["Registry::code", 26, 34, 3, 1],
    ["Registry::arrow", 36, 48, 7, 1],
  ]);
});

Deno.test("[parse] java: nesting, nloc, Javadoc and the class", () => {
  const { functions: [largest, code], classes } = parse(REGISTRY);
  assert.equal(largest.maxNesting, 2); // for { if { } }
  assert.equal(code.maxNesting, 1); // switch { … }
  assert.equal(largest.nloc, 13); // from the name down: lizard leaves the annotation line out
  assert.equal(largest.doc, "/**\n     * Finds the largest.\n     */");
  assert.deepEqual(classes.map((c) => [c.qualifiedName, c.kind, c.startLine, c.endLine, c.doc]), [
    ["Registry", "class", 4, 49, "/** A shape registry. */"],
  ]);
});

const NESTED = `class Outer {
    void lambdas(List<Integer> xs) {
        Runnable r = () -> { if (xs.isEmpty()) return; };
        Comparator<Integer> c = (a, b) -> a > b ? 1 : -1;
        xs.forEach(x -> System.out.println(x));
        new Thread() {
            public void run() { if (xs.size() > 1 && ready) {} }
        }.start();
    }
    private final Runnable task = new Runnable() {
        @Override
        public void run() { while (busy) {} }
    };
    @SuppressWarnings("unchecked")
    @Deprecated
    public static <T> List<T>
        annotated(T a, int n) {
        return n > 0 ? List.of(a) : List.of();
    }
    static class Node {
        Node(int v, String... tags) { this.v = v; }
    }
    interface Visitor { void visit(Node n); default int depth() { return 0; } }
    enum Color { RED; boolean warm() { return this == RED; } }
    record Point(int x, int y) { Point { if (x < 0) throw new IllegalArgumentException(); } }
    static <U extends Comparable<U>> U max(U a, U b) { return a.compareTo(b) > 0 ? a : b; }
}
`;

Deno.test("[parse] java: lambdas belong to their method, anonymous classes' methods stand apart", () => {
  // As in lizard: lambdas is 1 + the if and the ?: of its lambdas = 3, while
  // run, a method of an anonymous class, is its own (anonymous)::run, 1 + if +
  // && = 3. annotated starts at its name, below annotations and return type.
  // Visitor.visit has no body, so it is no function.
  assert.deepEqual(rows(NESTED), [
    ["Outer::lambdas", 2, 9, 3, 1],
    ["Outer::lambdas::(anonymous)::run", 7, 7, 3, 0],
    ["Outer::(anonymous)::run", 12, 12, 2, 0],
    ["Outer::annotated", 17, 19, 2, 2],
    ["Outer::Node::Node", 21, 21, 1, 2],
    ["Outer::Visitor::depth", 23, 23, 1, 0],
    ["Outer::Color::warm", 24, 24, 1, 0],
    ["Outer::Point::Point", 25, 25, 2, 0],
    ["Outer::max", 26, 26, 2, 2],
  ]);
  const { functions, classes } = parse(NESTED);
  assert.equal(functions[0].nloc, 8); // lines 2-9: run's one line counts for both, as in lizard
  assert.deepEqual(classes.map((c) => [c.qualifiedName, c.kind]), [
    ["Outer", "class"],
    ["Outer::Node", "class"],
    ["Outer::Visitor", "interface"],
    ["Outer::Color", "enum"],
    ["Outer::Point", "record"],
  ]);
});

Deno.test("[parse] java: every import form", () => {
  const { imports } = parse(`package com.acme;

import java.util.List;
import java.util.*;
import static java.lang.Math.max;
import static org.junit.Assert.*;
`);
  assert.deepEqual(imports, [
    { module: "java.util.List", line: 3, kind: "import" },
    { module: "java.util.*", line: 4, kind: "import" },
    { module: "java.lang.Math.max", line: 5, kind: "import" },
    { module: "org.junit.Assert.*", line: 6, kind: "import" },
  ]);
});

Deno.test("[parse] java: methods after a syntax error are still found", () => {
  const text = `class Broken {
    void bad() {
        int x = ;
        if (x > ) {}
    }
    int good(int a) {
        return a > 0 ? 1 : 0;
    }
}
`;
  assert.ok(parse(text).parseErrors > 0);
  assert.deepEqual(rows(text), [["Broken::bad", 2, 5, 2, 0], ["Broken::good", 6, 8, 2, 1]]);
});
