import assert from "node:assert/strict";
import { extractStructure } from "../extract.ts";
import { createParser } from "../tree_sitter.ts";
import { rust } from "./rust.ts";

const parser = await createParser("rust");
const parse = (text: string) => extractStructure(rust, parser, text);
/** [qualifiedName, startLine, endLine, ccn, params] per function, the columns lizard's CSV has. */
const rows = (text: string) =>
  parse(text).functions.map((f) => [f.qualifiedName, f.startLine, f.endLine, f.ccn, f.params]);

const BRANCHES = `/// Classifies a number.
/// Second line.
pub fn classify(n: i32, strict: bool) -> Result<&'static str, Error> {
    let v = parse(n)?;
    let Some(w) = v.checked() else { return Err(Error) };
    if n < 0 && strict {
        Ok("negative")
    } else if n == 0 || !strict {
        Ok("zero")
    } else {
        match w {
            1 | 2 => Ok("small"),
            x if x > 100 => Ok("big"),
            _ => Ok("other"),
        }
    }
}

fn walk(items: &[i32]) -> i32 {
    let mut total = 0;
    for i in items {
        while total < *i {
            total += 1;
        }
    }
    while let Some(x) = next() {
        total += x;
    }
    loop {
        break;
    }
    total
}

fn largest<T>(list: &[T]) -> Option<&T>
where
    T: PartialOrd,
{
    match list.first() {
        Some(first) => {
            let mut best = first;
            for item in list {
                if item > best {
                    best = item;
                }
            }
            Some(best)
        }
        None => None,
    }
}
`;

Deno.test("[parse] rust: if, else-if, match arms, ?, let-else, loops and && || each add one", () => {
  // classify: 1 + ? + let-else + if + && + else-if + || + match arms after
  // the first (2) + the guard's if = 10. walk: 1 + for + while + while let = 4
  // (loop has no condition). largest: 1 + second arm + for + if = 4; a where
  // clause is no decision (lizard counts one).
  assert.deepEqual(rows(BRANCHES), [
    ["classify", 3, 17, 10, 2],
    ["walk", 19, 33, 4, 1],
    ["largest", 35, 51, 4, 1],
  ]);
});

Deno.test("[parse] rust: nesting, nloc and the leading doc comment", () => {
  const [classify, walk] = parse(BRANCHES).functions;
  assert.equal(classify.maxNesting, 2); // else { match { } }
  assert.equal(walk.maxNesting, 2); // for { while { } }
  assert.equal(classify.nloc, 15);
  assert.equal(classify.doc, "/// Classifies a number.\n/// Second line.");
});

const TYPES = `struct Stack<T> {
    items: Vec<T>,
}

impl<T: Clone> Stack<T> {
    /// An empty stack.
    #[inline]
    #[must_use]
    pub fn new() -> Self {
        Stack { items: Vec::new() }
    }

    pub fn push(&mut self, item: T) {
        let check = |x: &T, ready| x.is_valid() && ready;
        self.items.retain(|x| x != &item || true);
        let size = || if self.items.is_empty() { 0 } else { 1 };
        self.items.push(item);
    }

    pub(crate)
    fn hidden() {}
}

trait Shape {
    fn area(&self) -> f64;
    fn describe(&self) -> &str {
        if self.area() > 1.0 { "big" } else { "small" }
    }
}

impl fmt::Display for Stack<i32> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "stack")
    }
}

mod geometry {
    pub fn outer() -> bool {
        fn inner(a: i32) -> bool {
            a > 0 || a < -5
        }
        inner(1)
    }
}
`;

Deno.test("[parse] rust: impl and trait methods are Type::method, closures belong to their fn, inner fns apart", () => {
  // As in lizard, push takes its closures' decisions: 1 + && + || + if = 4
  // (lizard 5: it also counts the closure's empty || as a logical or). A
  // signature without a body (Shape::area) is no function. hidden starts at
  // its name, below pub(crate), as in lizard; inner's || is inner's alone.
  assert.deepEqual(rows(TYPES), [
    ["Stack::new", 9, 11, 1, 0],
    ["Stack::push", 13, 18, 4, 2],
    ["Stack::hidden", 21, 21, 1, 0],
    ["Shape::describe", 26, 28, 2, 1],
    ["Stack::fmt", 32, 34, 1, 2],
    ["geometry::outer", 38, 43, 1, 0],
    ["geometry::outer::inner", 39, 41, 2, 1],
  ]);
  const { functions, classes } = parse(TYPES);
  // The doc comment is found past the attributes between it and the fn.
  assert.equal(functions[0].doc, "/// An empty stack.");
  assert.deepEqual(classes.map((c) => [c.qualifiedName, c.kind, c.startLine, c.endLine]), [
    ["Stack", "struct", 1, 3],
    ["Stack", "impl", 5, 22],
    ["Shape", "trait", 24, 29],
    ["Stack", "impl", 31, 35],
    ["geometry", "module", 37, 44],
  ]);
});

Deno.test("[parse] rust: decisions inside macro arguments count, as lizard's tokens do", () => {
  const text = `fn check<T: ?Sized>(a: bool, b: Option<u8>) -> Result<(), E> {
    assert!(a && b.is_some() || !a);
    let v = vec![if a { 1 } else { 2 }];
    println!("{}", parse(v)?);
    Ok(())
}
`;
  // 1 + && + || + if + ? = 5, all inside macros. lizard says 6: the ? of
  // ?Sized is a token to it, though no branch.
  assert.deepEqual(rows(text), [["check", 1, 6, 5, 2]]);
});

Deno.test("[parse] rust: use items, extern crates and mod declarations", () => {
  const { imports } = parse(`use std::collections::HashMap;
use std::{io, fmt::Write as _};
use std::io::{self, prelude::*};
use crate::config::*;
use super::parent;
extern crate serde;
mod util;
pub mod inline {}
`);
  assert.deepEqual(imports.map((i) => [i.module, i.line, i.kind]), [
    ["std::collections::HashMap", 1, "use"],
    ["std::io", 2, "use"],
    ["std::fmt::Write", 2, "use"],
    ["std::io", 3, "use"],
    ["std::io::prelude::*", 3, "use"],
    ["crate::config::*", 4, "use"],
    ["super::parent", 5, "use"],
    ["serde", 6, "use"],
    ["mod:util", 7, "use"],
  ]);
});

Deno.test("[parse] rust: functions after a syntax error are still found", () => {
  const text = `fn bad() {
    let x = ;
    if x > { }
}

fn good(a: i32) -> i32 {
    if a > 0 { 1 } else { 0 }
}
`;
  assert.ok(parse(text).parseErrors > 0);
  assert.deepEqual(rows(text).at(-1), ["good", 6, 8, 2, 1]);
});
