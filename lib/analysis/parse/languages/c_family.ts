/**
 * Reading the head of a C or C++ function definition: its name as lizard prints it, the row it
 * starts on and how many parameters it declares, also where recovery from a macro leaves the
 * head apart from its body; and the names of structs, classes and namespaces.
 */
import type { Node } from "web-tree-sitter";

// Declarators that wrap the one naming the function: `*f(…)`, `&f(…)`, `(f)(…)`, `f(…) [[attr]]`.
const WRAPPING = new Set([
  "pointer_declarator",
  "reference_declarator",
  "parenthesized_declarator",
  "attributed_declarator",
]);

/**
 * The innermost function declarator of a definition: `get(int)` in `int (*get(int))(char)`; but
 * in `TRANS(Open)(int type)` the inner "call" is a macro spelling the name, so the outer one.
 */
function functionDeclarator(definition: Node): Node | null {
  let found: Node | null = null;
  let current = definition.childForFieldName("declarator");
  while (current) {
    if (current.type === "function_declarator") {
      if (current.childForFieldName("declarator")?.type === "function_declarator") return current;
      found = current;
    } else if (current.type === "qualified_identifier" || current.type === "operator_cast") return found ?? current;
    else if (!WRAPPING.has(current.type)) break;
    current = current.childForFieldName("declarator") ?? current.namedChildren.at(-1) ?? null;
  }
  return found;
}

// A declarator's name as lizard prints it: tokens without spaces (`Box<T>::get`, `~A`) except
// between words, and one space after `operator` (`operator ==`, `operator bool`).
function normalizeName(text: string): string {
  const compact = text.replace(/\s+/g, " ").replace(/ ?([^\w\s]) ?/g, "$1");
  return compact.replace(/\boperator\b ?/, "operator ");
}

/** The name of a C or C++ function definition, or of the head of a bare body. */
export function functionName(node: Node): string | null {
  const head = node.type === "compound_statement" ? bareHead(node) : null;
  if (head?.type === "call_expression") return head.childForFieldName("function")?.text ?? null;
  const declarator = head ?? functionDeclarator(node);
  if (!declarator) return macroName(node);
  const name = declarator.type === "function_declarator" ? declarator.childForFieldName("declarator") : declarator;
  return name ? nameText(name) : null;
}

/** The row of the function's name, where lizard starts it (`static int\nmain(void)` → main's). */
export function startRow(node: Node): number | null {
  const head = node.type === "compound_statement" ? bareHead(node) : null;
  if (head?.type === "call_expression") return head.startPosition.row;
  const declarator = head ?? functionDeclarator(node);
  const name = declarator?.type === "function_declarator" ? declarator.childForFieldName("declarator") : declarator;
  return (name ?? (macroName(node) ? node.childForFieldName("type") : null))?.startPosition.row ?? null;
}

// A macro call, or a declaration's function declarator (K&R parameter declarations between).
function bareHead(body: Node): Node | null {
  let sibling = body.previousNamedSibling;
  for (let seen = 0; sibling && seen < 8; seen++, sibling = sibling.previousNamedSibling) {
    const call = sibling.type === "expression_statement" ? sibling.firstNamedChild : null;
    if (call?.type === "call_expression") return call;
    if (sibling.type !== "declaration") return null;
    const declarator = functionDeclarator(sibling);
    if (declarator?.type === "function_declarator") return declarator;
  }
  return null;
}

function nameText(name: Node): string {
  const parts: string[] = [];
  let current: Node | null = name;
  while (current?.type === "qualified_identifier") {
    const scope = current.childForFieldName("scope");
    const separator = current.children.find((child) => child?.type === "::");
    // A scope recovered from an error (often a macro tree-sitter cannot expand, glued to the
    // return type by a missing `::`) is noise: what follows the last such seam is the name.
    if (!scope || !separator || separator.isMissing || scope.hasError) parts.length = 0;
    else parts.push(normalizeName(scope.text));
    current = current.childForFieldName("name");
  }
  if (current?.type === "attributed_declarator") current = current.firstNamedChild; // operator== [[nodiscard]]
  if (current?.type === "operator_cast") {
    // `operator bool() const` is named up to its parameters: `operator bool`.
    const params = current.descendantsOfType("parameter_list")[0];
    parts.push(normalizeName(params ? current.text.slice(0, params.startIndex - current.startIndex) : current.text));
  } else if (current) parts.push(normalizeName(current.text));
  return parts.join("::");
}

function castOf(name: Node): Node | null {
  let current: Node | null = name;
  while (current?.type === "qualified_identifier") current = current.childForFieldName("name");
  return current?.type === "operator_cast" ? current : null;
}

// `START_TEST(name) {`: a one-argument macro reads as a definition of `name` of type START_TEST.
function macroName(node: Node): string | null {
  const type = node.childForFieldName("type");
  const isMacro = type?.type === "type_identifier" &&
    node.childForFieldName("declarator")?.type === "parenthesized_declarator";
  return isMacro ? type.text : null;
}

function parameterList(node: Node): Node | null {
  const declarator = functionDeclarator(node);
  if (declarator?.type === "function_declarator") return declarator.childForFieldName("parameters");
  // `operator bool() const`: the parameters hang off the cast's abstract declarator.
  const cast = declarator ? castOf(declarator) : null;
  return cast?.childForFieldName("declarator")?.childForFieldName("parameters") ?? null;
}

/** Declared parameters of a C or C++ function definition, or of the head of a bare body. */
export function parameterCount(node: Node): number {
  if (node.type === "compound_statement") {
    const head = bareHead(node);
    const args = head?.childForFieldName(head.type === "call_expression" ? "arguments" : "parameters");
    if (!args) return 0;
    return head?.type === "call_expression" ? args.namedChildren.length : countParameters(args);
  }
  const list = parameterList(node);
  return list ? countParameters(list) : macroName(node) ? 1 : 0;
}

// Entries of a parameter list, K&R names included; `(void)` and a C-style `...` are none, as in lizard.
function countParameters(list: Node): number {
  const params = list.namedChildren.filter((child) => child && !NOT_PARAMETERS.has(child.type));
  const isVoid = params.length === 1 && params[0]?.type === "parameter_declaration" && params[0].text.trim() === "void";
  return isVoid ? 0 : params.length;
}

// C's `...` is a variadic_parameter node, C++'s an unnamed "..." token (not a named child).
const NOT_PARAMETERS = new Set(["comment", "variadic_parameter"]);

/** A struct, union, class or namespace name (`Box` for `Box<int>`), or null when anonymous. */
export function scopeName(node: Node): string | null {
  const name = node.childForFieldName("name");
  if (!name) return null;
  if (name.type === "template_type") return name.childForFieldName("name")?.text ?? null;
  return normalizeName(name.text);
}

/** `struct`, `union`, `class` or `namespace`. */
export function scopeKind(node: Node): string {
  return node.type.replace(/_(specifier|definition)$/, "");
}
