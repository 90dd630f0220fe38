import type { Node } from "web-tree-sitter";
import type { ImportKind, RawImport } from "../../imports/raw_import.ts";
import type { LanguageSpec } from "../spec.ts";

// Methods, and RSpec `it` examples, the one block lizard reports as a function. Lambdas, procs,
// `define_method` bodies and iterator blocks are part of the method they are written in, as in lizard.
const FUNCTIONS = `
[(method) (singleton_method)] @function
(call method: (identifier) @_example (#eq? @_example "it") block: (_)) @function
`;

const SCOPES = `[(class) (module) (singleton_class)] @scope`;

// lizard's Ruby set (if elsif until for while and or && || ? rescue ensure when) plus `unless`
// and pattern-matching `in`, which lizard misses; modifier forms count like the statements.
const DECISIONS = `
[
  (if) (elsif) (unless) (while) (until) (for) (when) (in_clause) (rescue) (ensure) (conditional)
  (if_modifier) (unless_modifier) (while_modifier) (until_modifier) (rescue_modifier)
  (if_guard) (unless_guard)
] @decision
(binary operator: ["&&" "||" "and" "or"]) @decision
(operator_assignment operator: ["||=" "&&="]) @decision
`;

// Bodies, not statements: an elsif stays at the depth of its if. A block or lambda nests like
// a loop, as its code runs inside the method; an `it` block is a function of its own.
const NESTING = `
(if consequence: (_) @nesting)
(unless consequence: (_) @nesting)
(elsif consequence: (_) @nesting)
(else) @nesting
(while body: (_) @nesting)
(until body: (_) @nesting)
(for body: (_) @nesting)
(when body: (_) @nesting)
(in_clause body: (_) @nesting)
(begin) @nesting
(call method: (identifier) @_iterator (#not-eq? @_iterator "it") block: (_) @nesting)
(lambda body: (_) @nesting)
`;

const IMPORTS = `
(call
  !receiver
  method: (identifier) @_loader (#any-of? @_loader "require" "require_relative" "load" "autoload")
  arguments: (argument_list)) @import
`;

const QUERY = [FUNCTIONS, SCOPES, DECISIONS, NESTING, "(comment) @comment", IMPORTS].join("\n");

function functionName(node: Node): string | null {
  switch (node.type) {
    // A method of `class << self` keeps its own name, as lizard reports it (only `def self.x` is `self.x`).
    case "method":
      return nameOf(node);
    case "singleton_method":
      return `${node.childForFieldName("object")!.text}.${nameOf(node)}`;
  }
  // An example is named by its description, as in lizard (`it "works" do` → `"works"`); `it { … }` is `it`.
  const first = node.childForFieldName("arguments")?.namedChild(0);
  return first?.type === "string" ? first.text : "it";
}

function nameOf(node: Node): string | null {
  return node.childForFieldName("name")?.text ?? null;
}

/**
 * tree-sitter hangs the comments above a body's first statement before the body itself, where
 * the extractor, which looks at siblings, does not see them.
 */
function commentsBeforeBody(node: Node): string | null {
  if (node.previousNamedSibling || node.parent?.type !== "body_statement") return null;
  const parts: string[] = [];
  let line = node.startPosition.row;
  for (let sibling = node.parent.previousNamedSibling; sibling; sibling = sibling.previousNamedSibling) {
    if (sibling.type !== "comment" || sibling.endPosition.row < line - 1) break;
    if (sibling.previousSibling?.endPosition.row === sibling.startPosition.row) break; // trails code
    parts.unshift(sibling.text);
    line = sibling.startPosition.row;
  }
  return parts.length ? parts.join("\n") : null;
}

// An example's `|example|` is RSpec's to pass, not a parameter a caller gives: lizard reports 0.
function parameterCount(node: Node): number {
  const params = node.type === "call" ? null : node.childForFieldName("parameters");
  if (!params) return 0;
  let count = 0;
  for (const child of params.namedChildren) if (child && child.type !== "comment") count++;
  return count;
}

function scopeName(node: Node): string | null {
  return node.type === "singleton_class" ? null : nameOf(node);
}

const KINDS: Record<string, ImportKind> = {
  require: "require",
  require_relative: "require_relative",
  load: "load",
  autoload: "require",
};

function imports(node: Node): RawImport[] {
  const method = node.childForFieldName("method")!.text;
  const args = node.childForFieldName("arguments")!.namedChildren;
  // autoload names the constant first and the file second.
  const path = method === "autoload" ? args[1] : args[0];
  if (path?.type !== "string" || path.namedChildren.some((child) => child?.type === "interpolation")) return [];
  const module = path.namedChildren.find((child) => child?.type === "string_content")?.text ?? "";
  return [{ module, line: node.startPosition.row + 1, kind: KINDS[method] }];
}

/** Ruby: methods (`Module::Class::method`, `self.x` for `def self.x`) and RSpec `it` examples. */
export const ruby: LanguageSpec = {
  grammar: "ruby",
  query: QUERY,
  functionName,
  scopeName,
  scopeKind: (node) => (node.type === "module" ? "module" : "class"),
  parameterCount,
  imports,
  separator: "::",
  docstring: commentsBeforeBody,
};
