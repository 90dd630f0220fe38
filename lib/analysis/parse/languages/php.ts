import type { Node } from "web-tree-sitter";
import type { RawImport } from "../../imports/raw_import.ts";
import type { LanguageSpec } from "../spec.ts";

// Abstract and interface methods have no body and so no paths: they are not functions.
// A closure or arrow function (`fn`) is part of the function it is written in, as in lizard,
// which reads a function body as braces only. Only a closure written at file level is a function
// of its own (lizard skips `fn` there too): queries cannot ask "not inside a function", so these
// patterns spell out the file-level statements that hold one — assigned, passed to a call (also one
// link down a call chain, `Route::get('/', function …)->name('home')`) or returned.
const FILE_LEVEL_CLOSURE = `
  [
    (expression_statement (assignment_expression right: (anonymous_function) @function))
    (expression_statement (_ arguments: (arguments (argument (anonymous_function) @function))))
    (expression_statement (_ (_ arguments: (arguments (argument (anonymous_function) @function)))))
    (return_statement (anonymous_function) @function)
  ]`;

const FUNCTIONS = `
(function_definition) @function
(method_declaration body: (_)) @function
(program ${FILE_LEVEL_CLOSURE})
(namespace_definition body: (compound_statement ${FILE_LEVEL_CLOSURE}))
`;

const SCOPES = `[(class_declaration) (interface_declaration) (trait_declaration) (enum_declaration)] @scope`;

// lizard's PHP set: if elseif for foreach while catch case && || ?, plus the keyword forms
// `and` `or`, and each non-default arm of a match. `?:` and `??` do not count, as in lizard.
const DECISIONS = `
[
  (if_statement) (else_if_clause) (for_statement) (foreach_statement) (while_statement) (do_statement)
  (catch_clause) (case_statement) (match_conditional_expression)
] @decision
(conditional_expression body: (_)) @decision
(binary_expression operator: ["&&" "||" "and" "or"]) @decision
`;

// Bodies, not statements: an elseif stays at the depth of its if.
const NESTING = `
(if_statement body: (_) @nesting)
(else_if_clause body: (_) @nesting)
(else_clause body: (compound_statement) @nesting)
(for_statement body: (_) @nesting)
(foreach_statement body: (_) @nesting)
(while_statement body: (_) @nesting)
(do_statement body: (_) @nesting)
(switch_statement body: (_) @nesting)
(try_statement body: (_) @nesting)
(catch_clause body: (_) @nesting)
(finally_clause body: (_) @nesting)
(match_expression body: (_) @nesting)
`;

const IMPORTS = `
(namespace_use_declaration) @import
[(require_expression) (require_once_expression) (include_expression) (include_once_expression)] @import
`;

const QUERY = [FUNCTIONS, SCOPES, DECISIONS, NESTING, "(comment) @comment", IMPORTS].join("\n");

function functionName(node: Node): string | null {
  const own = node.childForFieldName("name");
  if (own) return own.text;
  // `$handler = function ($x) { … }` names the closure, as lizard does.
  const parent = node.parent;
  if (parent?.type === "assignment_expression" && parent.childForFieldName("right")?.id === node.id) {
    return parent.childForFieldName("left")?.text ?? null;
  }
  return null;
}

/**
 * The row of the parameters' `(`, where lizard starts a function: below `#[Attribute]` lines,
 * which tree-sitter makes part of the method.
 */
function startRow(node: Node): number | null {
  return node.childForFieldName("parameters")?.startPosition.row ?? null;
}

function parameterCount(node: Node): number {
  const params = node.childForFieldName("parameters");
  if (!params) return 0;
  let count = 0;
  for (const child of params.namedChildren) if (child && child.type !== "comment") count++;
  return count;
}

const SCOPE_KINDS: Record<string, string> = {
  class_declaration: "class",
  interface_declaration: "interface",
  trait_declaration: "trait",
  enum_declaration: "enum",
};

function stringValue(node: Node | null | undefined): string | null {
  if (!node) return null;
  if (node.type === "string" || node.type === "encapsed_string") {
    if (node.namedChildren.some((child) => child && child.type !== "string_content")) return null;
    return node.namedChildren.map((child) => child!.text).join("");
  }
  // `__DIR__ . '/x.php'`: the literal tail is the part that names the file.
  if (node.type === "binary_expression" && node.childForFieldName("operator")?.text === ".") {
    return stringValue(node.childForFieldName("right"));
  }
  if (node.type === "parenthesized_expression") return stringValue(node.namedChild(0));
  return null;
}

function useImports(node: Node, line: number): RawImport[] {
  const group = node.childForFieldName("body");
  const clauses = (group ?? node).namedChildren.filter((child) => child?.type === "namespace_use_clause");
  const prefix = group ? node.namedChildren.find((child) => child?.type === "namespace_name")?.text : undefined;
  return clauses.map((clause) => {
    const name = clause!.namedChildren.find((child) => child?.type === "qualified_name" || child?.type === "name");
    const module = prefix ? `${prefix}\\${name!.text}` : name!.text;
    return { module: module.replace(/^\\/, ""), line, kind: "use" as const };
  });
}

function imports(node: Node): RawImport[] {
  const line = node.startPosition.row + 1;
  if (node.type === "namespace_use_declaration") return useImports(node, line);
  const module = stringValue(node.namedChild(0));
  if (module === null) return [];
  return [{ module, line, kind: node.type.startsWith("include") ? "include" : "require" }];
}

/** PHP: functions, methods (`Class::method`) and closures written at file level. */
export const php: LanguageSpec = {
  grammar: "php",
  query: QUERY,
  functionName,
  scopeName: (node) => node.childForFieldName("name")?.text ?? null,
  scopeKind: (node) => SCOPE_KINDS[node.type] ?? node.type,
  parameterCount,
  imports,
  separator: "::",
  startRow,
};
