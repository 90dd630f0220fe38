import assert from "node:assert/strict";
import { extractStructure } from "../extract.ts";
import { createParser } from "../tree_sitter.ts";
import { cpp } from "./cpp.ts";

const parser = await createParser("cpp");
const analyse = (text: string) => extractStructure(cpp, parser, text);
/** [qualifiedName, startLine, endLine, ccn, params, nloc] per function, the columns lizard prints. */
const rows = (text: string) =>
  analyse(text).functions.map((f) => [f.qualifiedName, f.startLine, f.endLine, f.ccn, f.params, f.nloc]);

const CLASSES = `#include "box.hpp"
#include <vector>

namespace geo {
namespace detail {

/// A value that may be empty.
template <typename T>
class Box : public Base<T> {
 public:
  Box(int v) : v_(v) {}
  ~Box() { if (v_) release(); }
  // Equal when both hold the same value.
  bool operator==(const Box& o) const { return v_ == o.v_ && full_; }
  int operator()(int a, int b) { return a > b ? a : b; }
  operator bool() const { return full_ || v_ != 0; }
  T get(int fallback) const;
  friend std::ostream& operator<<(std::ostream& os, const Box& b) { return os; }
  Box() = default;

 private:
  int v_;
  bool full_;
};

template <typename T>
T Box<T>::get(int fallback) const {
  for (int i = 0; i < fallback; i++) {
    if (i % 2 == 0) continue;
  }
  return full_ ? value() : fallback;
}

}  // namespace detail
}  // namespace geo

namespace geo::shapes {
struct Circle {
  double r;
  double area() const { return r * r * 3.14; }
};
double Circle::perimeter() const { return r > 0 ? 2 * r * 3.14 : 0; }
namespace {
int hidden(int x) { return x; }
}
}  // namespace geo::shapes

template <>
int geo::detail::Box<int>::get(int fallback) const { return fallback; }

Widget::Widget(int w) : w_(w) {}
Widget::~Widget() {}
template <typename T, typename U>
T max_of(T a, U b) { return a < b ? b : a; }
`;

Deno.test("[parse] cpp: methods, operators and out-of-class definitions get qualified names", () => {
  assert.deepEqual(rows(CLASSES), [
    ["geo::detail::Box::Box", 11, 11, 1, 1, 1],
    ["geo::detail::Box::~Box", 12, 12, 2, 0, 1], // 1 + if
    ["geo::detail::Box::operator ==", 14, 14, 2, 1, 1], // 1 + &&
    ["geo::detail::Box::operator ()", 15, 15, 2, 2, 1], // 1 + ?
    ["geo::detail::Box::operator bool", 16, 16, 2, 0, 1], // 1 + ||
    ["geo::detail::Box::operator <<", 18, 18, 1, 2, 1], // a friend is listed in its class
    ["geo::detail::Box<T>::get", 27, 32, 4, 1, 6], // 1 + for + if + ?; `template <…>` above is not its line
    ["geo::shapes::Circle::area", 40, 40, 1, 0, 1],
    ["geo::shapes::Circle::perimeter", 42, 42, 2, 0, 1], // 1 + ?
    ["geo::shapes::hidden", 44, 44, 1, 1, 1], // an anonymous namespace adds no name
    ["geo::detail::Box<int>::get", 49, 49, 1, 1, 1],
    ["Widget::Widget", 51, 51, 1, 1, 1],
    ["Widget::~Widget", 52, 52, 1, 0, 1],
    ["max_of", 54, 54, 2, 2, 1], // 1 + ?
  ]);
  assert.equal(analyse(CLASSES).parseErrors, 0);
});

Deno.test("[parse] cpp: a function's own name keeps the scope it was written with", () => {
  const names = analyse(CLASSES).functions.map((f) => f.name);
  assert.deepEqual(names.slice(6, 9), ["Box<T>::get", "area", "Circle::perimeter"]);
  assert.equal(analyse(CLASSES).functions[2].doc, "// Equal when both hold the same value.");
});

Deno.test("[parse] cpp: namespaces, classes and structs are listed; declarations are not functions", () => {
  const classes = analyse(CLASSES).classes.map((k) => [k.qualifiedName, k.kind, k.startLine, k.endLine]);
  assert.deepEqual(classes, [
    ["geo", "namespace", 4, 35],
    ["geo::detail", "namespace", 5, 34],
    ["geo::detail::Box", "class", 9, 24],
    ["geo::shapes", "namespace", 37, 46],
    ["geo::shapes::Circle", "struct", 38, 41],
  ]);
  assert.deepEqual(analyse(CLASSES).imports, [
    { module: "box.hpp", line: 1, kind: "include" },
    { module: "vector", line: 2, kind: "include_system" },
  ]);
});

const LAMBDAS = `int count_if_positive(const std::vector<int>& xs, bool strict) {
  int n = 0;
  auto keep = [strict](int x) {
    if (strict && x == 0) return false;
    return x > 0 || x == 0;
  };
  for (int x : xs) {
    if (keep(x)) n++;
  }
  std::sort(xs.begin(), xs.end(), [](int a, int b) { return a < b; });
  return n;
}

bool both(bool a, bool b, bool c) {
  return a and b or not c;
}

int guarded(int x) {
  try {
    if (x < 0) throw 1;
  } catch (const std::exception& e) {
    return -1;
  } catch (...) {
    return -2;
  }
  return x;
}

TEST(MathTest, Adds) {
  EXPECT_EQ(2, add(1, 1));
}
`;

Deno.test("[parse] cpp: lambdas belong to their function; and/or are not counted, as in lizard", () => {
  assert.deepEqual(rows(LAMBDAS), [
    ["count_if_positive", 1, 12, 6, 2, 12], // 1 + keep's if, && and || + range-for + if
    ["both", 14, 16, 1, 3, 3], // lizard's C++ set has && and || only: and/or/not add nothing
    ["guarded", 18, 27, 4, 1, 10], // 1 + if + catch + catch
    ["TEST", 29, 31, 1, 2, 3], // gtest's macro reads as a function named TEST
  ]);
  assert.equal(analyse(LAMBDAS).functions[0].maxNesting, 2); // range-for body, then if
  assert.equal(analyse(LAMBDAS).functions[2].maxNesting, 2); // try body, then if
});

Deno.test("[parse] cpp: && in an rvalue reference is a type, not a condition", () => {
  const text = `template <typename T>
void take(std::string&& s, T&& t) {
  auto&& alias = s;
  if (alias.empty() && t.ok()) t.reset();
}
`;
  assert.deepEqual(rows(text), [["take", 2, 5, 3, 2, 4]]); // 1 + if + && (the operator only)
});

const MACROS = `class EXPORT_API Widget : public Base {
 public:
  Widget(int w) : w_(w) {}
  int size() const { if (w_) return 1; return 0; }
};

struct Str {
  operator const char*() const { return p; }
  [[nodiscard]] bool empty() const { return !p || !*p; }
  bool operator== [[nodiscard]] (const Str& o) const { return p == o.p; }
  const char* p;
};
`;

Deno.test("[parse] cpp: export macros, conversion operators and attributes keep clean names", () => {
  // tree-sitter reads `class EXPORT_API Widget` as a definition named Widget: the scope is kept
  // for the methods it recovers, but this constructor is lost to its error recovery.
  assert.deepEqual(rows(MACROS), [
    ["Widget::size", 4, 4, 2, 0, 1], // 1 + if
    ["Str::operator const char*", 8, 8, 1, 0, 1], // lizard: `operator const char *`
    ["Str::empty", 9, 9, 2, 0, 1], // 1 + ||
    ["Str::operator ==", 10, 10, 1, 1, 1], // lizard: `operator == [ [ nodiscard ] ]`
  ]);
  const structure = analyse(MACROS);
  assert.deepEqual(structure.classes.map((k) => [k.qualifiedName, k.kind]), [["Widget", "class"], ["Str", "struct"]]);
  // What the unknown macro costs: ERROR nodes around `: public Base`, around the constructor and
  // inside its `(int w)`, and a `;` inserted after the constructor, read as a statement.
  assert.equal(structure.parseErrors, 4);
});

const C_HEADER = `#ifndef LIST_H
#define LIST_H
#include <stddef.h>
#ifdef __cplusplus
extern "C" {
#endif

typedef struct node { struct node *next; int value; } node_t;

/* Counts the nodes. */
static inline size_t list_len(const node_t *n) {
  size_t k = 0;
  while (n) { k++; n = n->next; }
  return k;
}

#define LIST_EMPTY(l) ((l) == NULL ? 1 : 0)

static int list_has(const node_t *n, int v) {
  for (; n; n = n->next) if (n->value == v && v >= 0) return 1;
  return 0;
}

#ifdef __cplusplus
}
#endif
#endif
`;

Deno.test('[parse] cpp: a plain C header with an extern "C" guard keeps every function', () => {
  const structure = analyse(C_HEADER);
  // list_len: 1 + while. list_has: 1 + for + if + &&; the #define's ?: is not code. The header's
  // #ifndef and #ifdef stand outside any function: they count for none.
  assert.deepEqual(rows(C_HEADER), [["list_len", 11, 15, 2, 1, 5], ["list_has", 19, 22, 4, 2, 4]]);
  assert.equal(structure.functions[0].doc, "/* Counts the nodes. */");
  assert.deepEqual(structure.classes.map((k) => k.qualifiedName), ["node"]);
  assert.deepEqual(structure.imports, [{ module: "stddef.h", line: 3, kind: "include_system" }]);
  // tree-sitter pairs the guard's `{` with the `}` under the second #ifdef __cplusplus: the first
  // #endif lands inside the block, and the second #ifdef, cut off by the `}`, gets an #endif
  // inserted. The count is true to the tree (the functions are read whole); headers with this
  // guard carry it.
  assert.equal(structure.parseErrors, 1);
});

const BROKEN = `class A {
 public:
  int ok() { return 1; }
  int bad() { return 2 @@ 3; }
  %%% garbage here
};
int A::later(int x) { return x ? 1 : 0; }
void A::after(int y) { while (y--) {} }
`;

Deno.test("[parse] cpp: syntax errors are survived and later functions still found", () => {
  const structure = analyse(BROKEN);
  assert.deepEqual(rows(BROKEN), [
    ["A::ok", 3, 3, 1, 0, 1],
    ["A::bad", 4, 4, 1, 0, 1],
    ["A::later", 7, 7, 2, 1, 1], // 1 + ?
    ["A::after", 8, 8, 2, 1, 1], // 1 + while
  ]);
  // Three ERROR nodes (`@@` is one inside another) and a `;` inserted after `garbage here`,
  // read as a field declaration.
  assert.equal(structure.parseErrors, 4);
});

const DIRECTIVES = `class Conf {
 public:
#ifdef FAST
  int speed() const {
#if LEVEL > 2 && !defined(SLOW)
    return 3;
#else
    return 1;
#endif
  }
#endif
  int mode() {
    auto pick = [this]() {
#ifdef DEBUG
      return 1;
#endif
      return 0;
    };
    return pick();
  }
};
namespace n {
#if A
void f() {}
#endif
}
`;

Deno.test("[parse] cpp: directives count in the function they stand in, a lambda's in its function", () => {
  assert.deepEqual(rows(DIRECTIVES), [
    // 1 + #if (its && is the directive's). The #ifdef FAST around it stands in the class body: it
    // counts for no function. NLOC counts the 3 directive lines (lizard: 4).
    ["Conf::speed", 4, 10, 2, 0, 7],
    ["Conf::mode", 12, 20, 2, 0, 9], // 1 + the lambda's #ifdef; NLOC with 2 directive lines (lizard: 7)
    ["n::f", 24, 24, 1, 0, 1], // the #if A around it is in the namespace
  ]);
  assert.equal(analyse(DIRECTIVES).parseErrors, 0);
});
