import type { Node } from "web-tree-sitter";
import type { RawImport } from "../../imports/raw_import.ts";
import type { LanguageSpec } from "../spec.ts";

// A declaration without a body (an assembly stub) is no function.
const FUNCTIONS = `
(function_declaration body: (_)) @function
(method_declaration body: (_)) @function
(func_literal) @function`;

// Structs and interfaces are listed as classes; methods sit outside them, so
// a method's type comes from its receiver (see qualifier).
const SCOPES = `(type_spec type: [(struct_type) (interface_type)]) @scope`;

// lizard's Go set: if for case && ||. Go has no while, ternary or catch, and
// `default:` is no decision; select's cases count like switch's.
const DECISIONS = `[
  (if_statement) (for_statement) (expression_case) (type_case) (communication_case) "&&" "||"
] @decision`;

// Bodies, not statements: an else-if stays at the depth of its if. Switch and
// select hold their cases directly, so the statement itself is the level.
const NESTING = `
(if_statement consequence: (block) @nesting)
(if_statement alternative: (block) @nesting)
(for_statement body: (block) @nesting)
[(expression_switch_statement) (type_switch_statement) (select_statement)] @nesting
`;

const QUERY = [FUNCTIONS, SCOPES, DECISIONS, NESTING, "(comment) @comment", "(import_spec) @import"].join("\n");

/** The receiver's type name: `(s *Server)` and `(l List[T])` give Server and List. */
function receiverType(node: Node): string | null {
  const receiver = node.childForFieldName("receiver")?.namedChildren.find((child) =>
    child?.type.endsWith("declaration")
  );
  let type = receiver?.childForFieldName("type") ?? null;
  while (type && type.type !== "type_identifier") {
    type = type.type === "generic_type" ? type.childForFieldName("type") : type.namedChild(0);
  }
  return type?.text ?? null;
}

/** A func literal is named after the variable it is assigned to, as in the JavaScript spec. */
function assignedName(node: Node): string | null {
  const list = node.parent;
  const holder = list?.parent;
  if (list?.type !== "expression_list" || !holder) return null;
  const at = list.namedChildren.findIndex((child) => child?.id === node.id);
  if (holder.type === "short_var_declaration" || holder.type === "assignment_statement") {
    const left = holder.childForFieldName("left")?.namedChild(at);
    return left?.type === "identifier" ? left.text : null;
  }
  if (holder.type === "var_spec") return holder.childrenForFieldName("name")[at]?.text ?? null;
  return null;
}

function functionName(node: Node): string | null {
  if (node.type === "func_literal") return assignedName(node);
  return node.childForFieldName("name")?.text ?? null;
}

/**
 * A method sits outside its type, so the extractor's scopes cannot qualify it:
 * the receiver type does (`Stack.Push`), while the name stays `Push`, as in
 * lizard's function column.
 */
function qualifier(node: Node): string | null {
  return node.type === "method_declaration" ? receiverType(node) : null;
}

/** `a, b int` declares two parameters; `...T` and unnamed `int` one each. */
function parameterCount(node: Node): number {
  let count = 0;
  for (const param of node.childForFieldName("parameters")?.namedChildren ?? []) {
    if (param?.type === "parameter_declaration") count += Math.max(1, param.childrenForFieldName("name").length);
    else if (param?.type === "variadic_parameter_declaration") count++;
  }
  return count;
}

function imports(node: Node): RawImport[] {
  const path = node.childForFieldName("path");
  const module = path?.text.slice(1, -1); // "fmt" or `fmt`
  return module ? [{ module, line: node.startPosition.row + 1, kind: "import" }] : [];
}

function scopeKind(node: Node): string {
  return node.childForFieldName("type")?.type === "interface_type" ? "interface" : "struct";
}

/**
 * Go: functions, methods (qualified Type.Method) and func literals, which are
 * separate functions as in lizard (named after their variable, else anonymous).
 */
export const go: LanguageSpec = {
  grammar: "go",
  query: QUERY,
  functionName,
  qualifier,
  scopeName: (node) => node.childForFieldName("name")?.text ?? null,
  scopeKind,
  parameterCount,
  imports,
  separator: ".",
};
