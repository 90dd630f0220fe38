import type { Node } from "web-tree-sitter";
import type { RawImport } from "../../imports/raw_import.ts";
import type { LanguageSpec } from "../spec.ts";

// Trait method signatures without a body are not functions (function_signature_item).
// Closures are no functions either: as in lizard, their decisions count for
// the fn around them. A fn item nested in a body is a function of its own.
const FUNCTIONS = `(function_item) @function`;

const SCOPES = `[
  (impl_item) (trait_item) (mod_item body: (_)) (struct_item) (enum_item) (union_item)
] @scope`;

// lizard's Rust set, read as the syntax tree sees it: if (and if let, and a
// match guard's if), for, while (and while let), match arms after the first,
// `?`, && and ||. `let … else` is a second path too. An else-if is one if.
// A macro's arguments are tokens to tree-sitter, not expressions: there the
// decision tokens count, as lizard counts them (`assert!(a && b)`). Unlike
// lizard's tokens, a `where` clause, a closure's `||` and `?Sized` are no decisions.
const DECISIONS = `
[(if_expression) (for_expression) (while_expression) (match_arm) (try_expression)] @decision
(match_pattern "if" @decision)
(let_declaration alternative: (block) @decision)
(binary_expression operator: ["&&" "||"] @decision)
(token_tree ["if" "for" "while" "&&" "||" "?"] @decision)
`;

const NESTING = `
(if_expression consequence: (block) @nesting)
(else_clause (block) @nesting)
(for_expression body: (block) @nesting)
(while_expression body: (block) @nesting)
(loop_expression body: (block) @nesting)
(match_expression body: (match_block) @nesting)
`;

const IMPORTS = `
(use_declaration) @import
(extern_crate_declaration) @import
(mod_item !body) @import
`;

const QUERY = [FUNCTIONS, SCOPES, DECISIONS, NESTING, "[(line_comment) (block_comment)] @comment", IMPORTS].join(
  "\n",
);

function functionName(node: Node): string | null {
  return node.childForFieldName("name")?.text ?? null;
}

/** lizard starts a fn at its name, below `pub` or `async` on a line of their own. */
function startRow(node: Node): number | null {
  return node.childForFieldName("name")?.startPosition.row ?? null;
}

/** The bare type an impl is for: `impl<T> fmt::Display for Vec<T>` gives Vec. */
function typeName(type: Node | null): string | null {
  while (type && type.type !== "type_identifier" && type.type !== "primitive_type") {
    if (type.type === "generic_type") type = type.childForFieldName("type");
    else if (type.type === "scoped_type_identifier") type = type.childForFieldName("name");
    else type = type.childForFieldName("type") ?? type.namedChild(type.namedChildCount - 1);
  }
  return type?.text ?? null;
}

function scopeName(node: Node): string | null {
  if (node.type === "impl_item") return typeName(node.childForFieldName("type"));
  return node.childForFieldName("name")?.text ?? null;
}

const KINDS: Record<string, string> = {
  impl_item: "impl",
  trait_item: "trait",
  mod_item: "module",
  struct_item: "struct",
  enum_item: "enum",
  union_item: "union",
};

/** `&self` counts, as lizard counts everything between the parentheses. */
function parameterCount(node: Node): number {
  const params = node.childForFieldName("parameters");
  let count = 0;
  for (const child of params?.namedChildren ?? []) if (child && !child.type.endsWith("comment")) count++;
  return count;
}

/** Every path a use tree names: `std::{io, fmt::Write as W}` gives std::io and std::fmt::Write. */
function usePaths(node: Node | null, prefix: string): string[] {
  if (!node) return [];
  const join = (tail: string) => (prefix ? `${prefix}::${tail}` : tail);
  switch (node.type) {
    case "use_as_clause":
      return usePaths(node.childForFieldName("path"), prefix);
    case "use_wildcard":
      return [join(node.text.replace(/\s+/g, ""))];
    case "scoped_use_list": {
      const path = node.childForFieldName("path");
      return usePaths(node.childForFieldName("list"), path ? join(path.text.replace(/\s+/g, "")) : prefix);
    }
    case "use_list":
      return node.namedChildren.flatMap((child) => usePaths(child, prefix));
    case "self":
      return prefix ? [prefix] : ["self"];
    default:
      return node.type.endsWith("comment") ? [] : [join(node.text.replace(/\s+/g, ""))];
  }
}

function imports(node: Node): RawImport[] {
  const line = node.startPosition.row + 1;
  const name = node.childForFieldName("name")?.text;
  if (node.type === "mod_item") return name ? [{ module: `mod:${name}`, line, kind: "use" }] : [];
  if (node.type === "extern_crate_declaration") return name ? [{ module: name, line, kind: "use" }] : [];
  return usePaths(node.childForFieldName("argument"), "").map((module) => ({ module, line, kind: "use" }));
}

/** The row a node really ends on: a `///` comment's node takes in its newline, ending at column 0 below. */
function lastRow(node: Node): number {
  const end = node.endPosition;
  return end.column === 0 && end.row > node.startPosition.row ? end.row - 1 : end.row;
}

/**
 * The comments above an item, read past its `#[…]` attributes (siblings in
 * this grammar, where the generic reader stops). `//!` documents the enclosing
 * module, not what follows.
 */
function docstring(node: Node): string | null {
  const parts: string[] = [];
  let line = node.startPosition.row;
  for (let sibling = node.previousNamedSibling; sibling; sibling = sibling.previousNamedSibling) {
    if (lastRow(sibling) < line - 1) break;
    line = sibling.startPosition.row;
    if (sibling.type === "attribute_item") continue;
    if (!sibling.type.endsWith("comment") || /^\/[/*]!/.test(sibling.text)) break;
    // A comment after code on its line belongs to that code.
    const before = sibling.previousSibling;
    if (before && lastRow(before) === sibling.startPosition.row) break;
    parts.unshift(sibling.text.trimEnd());
  }
  return parts.length ? parts.join("\n") : null;
}

/** Rust: fns (in impls, traits and modules, qualified Type::fn); closures belong to their fn. */
export const rust: LanguageSpec = {
  grammar: "rust",
  query: QUERY,
  functionName,
  startRow,
  scopeName,
  scopeKind: (node) => KINDS[node.type] ?? node.type,
  parameterCount,
  imports,
  docstring,
  separator: "::",
  // A match with n arms is an n-way branch: n - 1 decisions, like n - 1 cases and a default.
  decisionWeight: (node) => (node.type === "match_arm" && isFirstArm(node) ? 0 : 1),
};

function isFirstArm(arm: Node): boolean {
  for (let sibling = arm.previousNamedSibling; sibling; sibling = sibling.previousNamedSibling) {
    if (sibling.type === "match_arm") return false;
  }
  return true;
}
