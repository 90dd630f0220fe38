import type { Node } from "web-tree-sitter";
import type { RawImport } from "../../imports/raw_import.ts";
import type { LanguageSpec } from "../spec.ts";

// Only defs: a lambda is part of the function it is written in, so its decisions count there, as in lizard.
const FUNCTIONS = `(function_definition) @function`;

// lizard's Python set: if elif for while except finally and or, the `if` of a ternary or
// comprehension, the `for` of a comprehension, and each `case` of a match.
const DECISIONS = `[
  (if_statement) (elif_clause) (for_statement) (while_statement) (except_clause) (finally_clause)
  (boolean_operator) (conditional_expression) (for_in_clause) (if_clause) (case_clause)
] @decision`;

// Bodies, not statements: an elif stays at the depth of its if.
const NESTING = `
(if_statement consequence: (_) @nesting)
(elif_clause consequence: (_) @nesting)
(else_clause body: (_) @nesting)
(for_statement body: (_) @nesting)
(while_statement body: (_) @nesting)
(try_statement body: (_) @nesting)
(except_clause (block) @nesting)
(finally_clause (block) @nesting)
(with_statement body: (_) @nesting)
(case_clause consequence: (_) @nesting)
`;

// A string standing alone as a statement is a docstring or a block comment, as lizard treats it.
const COMMENTS = `
(comment) @comment
(expression_statement . (string) @doc .)
`;

const IMPORTS = `
(import_statement) @import
(import_from_statement) @import
(call
  function: [(identifier) (attribute)] @_importer (#any-of? @_importer "__import__" "importlib.import_module")
  arguments: (argument_list . (string))) @import
`;

const QUERY = [FUNCTIONS, "(class_definition) @scope", DECISIONS, NESTING, COMMENTS, IMPORTS].join("\n");

function functionName(node: Node): string | null {
  return node.childForFieldName("name")?.text ?? null;
}

// `*` and `/` only mark where keyword-only or positional-only parameters begin.
const NOT_PARAMETERS = new Set(["keyword_separator", "positional_separator", "comment"]);

function parameterCount(node: Node): number {
  const params = node.childForFieldName("parameters");
  if (!params) return 0;
  let count = 0;
  for (const child of params.namedChildren) if (child && !NOT_PARAMETERS.has(child.type)) count++;
  return count;
}

/** `case _:` is the default of a match and, like C's `default:`, adds no path. */
function decisionWeight(node: Node): number {
  if (node.type !== "case_clause" || node.childForFieldName("guard")) return 1;
  const patterns = node.namedChildren.filter((child) => child?.type === "case_pattern");
  return patterns.length === 1 && patterns[0]!.text === "_" ? 0 : 1;
}

/** The string a def or class body opens with, else the comments above a body's first definition. */
function docstring(node: Node): string | null {
  const body = node.childForFieldName("body");
  const first = body?.type === "block" ? body.namedChild(0) : null;
  const value = first?.type === "expression_statement" && first.namedChildCount === 1 ? first.namedChild(0) : null;
  if (value?.type === "string") return value.text;
  return commentsBeforeBody(node.parent?.type === "decorated_definition" ? node.parent : node);
}

/**
 * tree-sitter hangs the comments above a body's first statement before the body itself, where
 * the extractor, which looks at siblings, does not see them.
 */
function commentsBeforeBody(anchor: Node): string | null {
  if (anchor.previousNamedSibling || anchor.parent?.type !== "block") return null;
  const parts: string[] = [];
  let line = anchor.startPosition.row;
  for (let sibling = anchor.parent.previousNamedSibling; sibling; sibling = sibling.previousNamedSibling) {
    if (sibling.type !== "comment" || sibling.endPosition.row < line - 1) break;
    if (sibling.previousSibling?.endPosition.row === sibling.startPosition.row) break; // trails code
    parts.unshift(sibling.text);
    line = sibling.startPosition.row;
  }
  return parts.length ? parts.join("\n") : null;
}

function stringValue(node: Node | null | undefined): string | null {
  if (node?.type !== "string") return null;
  if (node.namedChildren.some((child) => child?.type === "interpolation")) return null;
  return node.namedChildren.find((child) => child?.type === "string_content")?.text ?? "";
}

function imports(node: Node): RawImport[] {
  const line = node.startPosition.row + 1;
  const at = (module: string): RawImport => ({ module, line, kind: "import" });
  if (node.type === "call") {
    const module = stringValue(node.childForFieldName("arguments")?.namedChild(0));
    return module ? [{ module, line, kind: "dynamic" }] : [];
  }
  const names = node.childrenForFieldName("name").filter((name) => name !== null);
  const moduleOf = (name: Node) => (name.type === "aliased_import" ? name.childForFieldName("name")! : name).text;
  if (node.type === "import_statement") return names.map((name) => at(moduleOf(name)));
  const from = node.childForFieldName("module_name")?.text ?? "";
  // `from . import sibling` names modules of the package, so each name is a module of its own.
  if (/^\.+$/.test(from) && names.length) return names.map((name) => at(from + moduleOf(name)));
  return [at(from)];
}

/** Python: functions, methods (`Class.method`) and nested functions (`outer.inner`); lambdas belong to their def. */
export const python: LanguageSpec = {
  grammar: "python",
  query: QUERY,
  functionName,
  scopeName: (node) => node.childForFieldName("name")?.text ?? null,
  scopeKind: () => "class",
  parameterCount,
  imports,
  separator: ".",
  decisionWeight,
  docstring,
};
