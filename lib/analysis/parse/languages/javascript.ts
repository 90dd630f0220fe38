import type { Node } from "web-tree-sitter";
import type { RawImport } from "../../imports/raw_import.ts";
import type { LanguageSpec } from "../spec.ts";
import type { Grammar } from "../tree_sitter.ts";

const FUNCTIONS = `[
  (function_declaration) (generator_function_declaration) (function_expression) (generator_function)
  (arrow_function) (method_definition)
] @function`;

// lizard's C-family set: if for while catch case && || ?, plus ?? (see docs/decisions/005).
const DECISIONS = `[
  (if_statement) (for_statement) (for_in_statement) (while_statement) (do_statement)
  (catch_clause) (switch_case) (ternary_expression) "&&" "||" "??"
] @decision`;

// Bodies, not statements: an else-if stays at the depth of its if.
const NESTING = `
(if_statement consequence: (_) @nesting)
(else_clause (statement_block) @nesting)
(for_statement body: (_) @nesting)
(for_in_statement body: (_) @nesting)
(while_statement body: (_) @nesting)
(do_statement body: (_) @nesting)
(switch_statement body: (_) @nesting)
(try_statement body: (_) @nesting)
(catch_clause body: (_) @nesting)
`;

const IMPORTS = `
(import_statement) @import
(export_statement source: (_)) @import
(call_expression function: [(identifier) (import)] arguments: (arguments . (string))) @import
`;

const JS_SCOPES = `[(class_declaration) (class)] @scope`;
const TS_SCOPES = `[
  (class_declaration) (class) (abstract_class_declaration) (interface_declaration) (internal_module)
] @scope`;

function query(scopes: string): string {
  return [FUNCTIONS, scopes, DECISIONS, NESTING, "(comment) @comment", IMPORTS].join("\n");
}

function functionName(node: Node): string | null {
  const own = node.childForFieldName("name");
  if (own) {
    // Accessors are named as lizard names them: `get size`, `set size`.
    const accessor = node.type === "method_definition" ? node.child(0)?.type : null;
    return accessor === "get" || accessor === "set" ? `${accessor} ${own.text}` : own.text;
  }
  const parent = node.parent;
  if (!parent) return null;
  switch (parent.type) {
    case "variable_declarator":
    case "public_field_definition":
    case "field_definition":
      return parent.childForFieldName("name")?.text ?? parent.childForFieldName("property")?.text ?? null;
    case "assignment_expression":
      return parent.childForFieldName("left")?.text ?? null;
    case "pair":
      return parent.childForFieldName("key")?.text ?? null;
  }
  return null;
}

function parameterCount(node: Node): number {
  if (node.childForFieldName("parameter")) return 1; // x => …
  const params = node.childForFieldName("parameters");
  if (!params) return 0;
  let count = 0;
  for (const child of params.namedChildren) if (child && child.type !== "comment") count++;
  return count;
}

function stringValue(node: Node | null): string | null {
  if (!node || (node.type !== "string" && node.type !== "template_string")) return null;
  return node.text.slice(1, -1);
}

function imports(node: Node): RawImport[] {
  const line = node.startPosition.row + 1;
  if (node.type === "call_expression") {
    const callee = node.childForFieldName("function");
    const module = stringValue(node.childForFieldName("arguments")?.namedChild(0) ?? null);
    if (!module || !callee) return [];
    if (callee.type === "import") return [{ module, line, kind: "dynamic" }];
    return callee.text === "require" ? [{ module, line, kind: "require" }] : [];
  }
  const module = stringValue(node.childForFieldName("source"));
  return module ? [{ module, line, kind: "import" }] : [];
}

function scopeName(node: Node): string | null {
  return node.childForFieldName("name")?.text ?? null;
}

function spec(grammar: Grammar, scopes: string): LanguageSpec {
  return { grammar, query: query(scopes), functionName, scopeName, parameterCount, imports, separator: "::" };
}

/** JavaScript (and JSX: the grammar parses both). */
export const javascript: LanguageSpec = spec("javascript", JS_SCOPES);
/** TypeScript. */
export const typescript: LanguageSpec = spec("typescript", TS_SCOPES);
/** TSX. */
export const tsx: LanguageSpec = spec("tsx", TS_SCOPES);
