import type { Node } from "web-tree-sitter";
import type { RawImport } from "../../imports/raw_import.ts";
import type { LanguageSpec } from "../spec.ts";
import { functionName, parameterCount, scopeKind, scopeName, startRow } from "./c_family.ts";

// Names tree-sitter gives a "function" when #ifdef cuts an if-else chain apart:
// `#ifdef A … else if (x) {…}` reads as a definition of `if(x)` of type `else`.
const KEYWORDS = `"^(if|while|for|switch)$"`;

/**
 * The query for function definitions: with a body (`int f(void);` is a declaration), a declarator
 * among `declarators` (recovery can yield a "definition" declaring a bare identifier) and no
 * keyword for a name.
 */
export function definitions(declarators: string, bodies: string): string {
  return `((function_definition
  declarator: [(function_declarator declarator: (_) @_name) ${declarators}]
  body: [${bodies}]) @function
 (#not-match? @_name ${KEYWORDS}))`;
}

/**
 * The query for blocks left bare under `parents`, where only declarations may stand. Recovery
 * splits some definitions into a head and such a block: K&R ones with pointer or typedef'd
 * parameters, `TEST(suite, name) { … }` in C (no implicit int). The block is the function.
 */
export function bareBodies(parents: string[]): string {
  return parents.map((parent) => `(${parent} (_) . (compound_statement) @function)`).join("\n");
}

// lizard's C-family set: if for while && || ? case (do … while counts once, through its while; an
// else-if once, through its if), and #if, #ifdef, #elif (not #ifndef, #else, #elifdef): in a function
// a directive is a branch the reader must follow, even if the compiler takes it. One outside any
// function counts for none (lizard gives it to its unreported *global*); the operators of its
// condition count 0 (decisionWeight). Recovery hides no decision: an else-if cut off by #ifdef reads
// as a declarator `if(…)`, and keywords, operators and directives stranded in an ERROR node count,
// as lizard's tokenizer sees them.
const C_DECISIONS = `
[(if_statement) (for_statement) (while_statement) (do_statement) (conditional_expression)] @decision
[(preproc_if) (preproc_elif)] @decision
(preproc_ifdef "#ifdef") @decision
(case_statement value: (_)) @decision
(binary_expression operator: ["&&" "||"] @decision)
((function_declarator declarator: (identifier) @_keyword) @decision
 (#match? @_keyword "^(if|while|for)$"))
(ERROR ["if" "for" "while" "&&" "||" "#if" "#ifdef" "#elif"] @decision)
`;

// Bodies, not statements: an else-if stays at the depth of its if.
const C_NESTING = `
(if_statement consequence: (_) @nesting)
(else_clause (compound_statement) @nesting)
(for_statement body: (_) @nesting)
(while_statement body: (_) @nesting)
(do_statement body: (_) @nesting)
(switch_statement body: (_) @nesting)
((function_definition declarator: (function_declarator declarator: (identifier) @_keyword) body: (_) @nesting)
 (#match? @_keyword ${KEYWORDS}))
`;

const C_SCOPES = `[(struct_specifier name: (_) body: (_)) (union_specifier name: (_) body: (_))] @scope`;

/** Query lines shared with C++: comments and includes. */
export const C_COMMON = `
(comment) @comment
(preproc_include) @import
`;

/** Query lines C++ reuses: C's decision points and nesting bodies. */
export const C_FAMILY = { decisions: C_DECISIONS, nesting: C_NESTING };

/** `#include "x.h"` is a local include, `#include <x>` a system one; macros are skipped. */
export function imports(node: Node): RawImport[] {
  const path = node.childForFieldName("path");
  const line = node.startPosition.row + 1;
  if (path?.type === "string_literal") return [{ module: path.text.slice(1, -1), line, kind: "include" }];
  if (path?.type === "system_lib_string") return [{ module: path.text.slice(1, -1), line, kind: "include_system" }];
  return [];
}

/**
 * An operator in a directive (`#if defined(A) && B`) is no decision: lizard drops the directive's
 * line whole, with its `\` continuations. Recovery can fold a directive into the expression around
 * it, or run its condition on into the next line of code, so the line is what tells.
 */
export function decisionWeight(node: Node): number {
  if (node.type !== "&&" && node.type !== "||" && node.type !== "conditional_expression") return 1;
  for (let up = node.parent; up; up = up.parent) {
    if (up.type === "preproc_if" || up.type === "preproc_elif") {
      const condition = up.childForFieldName("condition");
      if (!condition || node.startIndex < condition.startIndex || node.endIndex > condition.endIndex) break;
      // A newline no `\` escapes, before the operator: the condition ran on into code.
      return /(^|[^\\\r])\r?\n/.test(condition.text.slice(0, node.startIndex - condition.startIndex)) ? 1 : 0;
    }
    if (up.type.endsWith("statement") || up.type === "function_definition") break;
  }
  return DIRECTIVES.has(firstTokenOfLine(node).type) ? 0 : 1;
}

const DIRECTIVES = new Set(["#if", "#elif"]);

// Walks back token by token while the tokens start on the node's line.
function firstTokenOfLine(node: Node): Node {
  const row = node.startPosition.row;
  let first = node;
  for (let current: Node | null = node; current;) {
    while (current && !current.previousSibling) current = current.parent;
    let token: Node | null = current?.previousSibling ?? null;
    while (token?.lastChild) token = token.lastChild;
    if (!token || token.startPosition.row !== row) break;
    first = current = token;
  }
  return first;
}

/** The hooks C and C++ share: names, parameters, start rows, imports, directive-aware decisions. */
export const C_HOOKS = { functionName, parameterCount, imports, separator: "::", decisionWeight, startRow };

/** C (`.c` files; headers go through the C++ grammar). */
export const c: LanguageSpec = {
  grammar: "c",
  query: [
    definitions("(pointer_declarator) (parenthesized_declarator) (attributed_declarator)", "(compound_statement)"),
    bareBodies(["translation_unit"]),
    C_SCOPES,
    C_DECISIONS,
    C_NESTING,
    C_COMMON,
  ].join("\n"),
  ...C_HOOKS,
  scopeName,
  scopeKind,
};
