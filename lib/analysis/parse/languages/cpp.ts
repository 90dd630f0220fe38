import type { Node } from "web-tree-sitter";
import type { LanguageSpec } from "../spec.ts";
import { bareBodies, C_COMMON, C_FAMILY, C_HOOKS, definitions } from "./c.ts";
import { scopeKind as cScopeKind, scopeName as cScopeName } from "./c_family.ts";

// As in C, plus C++ declarators. `A() = default;` has no body: lizard does not list it either.
// A function-try-block (`void f() try { … } catch (…) { … }`) is one function, catch included.
// Lambdas are no functions of their own: as in lizard, they and their decisions belong to the
// enclosing function (docs/decisions/005).
const FUNCTIONS = [
  definitions(
    `(pointer_declarator) (reference_declarator) (parenthesized_declarator) (attributed_declarator)
    (qualified_identifier) (operator_cast)`,
    "(compound_statement) (try_statement)",
  ),
  bareBodies(["translation_unit", "declaration_list"]),
].join("\n");

// C's set plus catch and range-for. The alternative tokens `and`/`or` are not counted: lizard's
// C++ set has only `&&`/`||` (adding them here is one line if we choose to differ).
const DECISIONS = `
[(catch_clause) (for_range_loop)] @decision
`;

const NESTING = `
(for_range_loop body: (_) @nesting)
(try_statement body: (_) @nesting)
(catch_clause body: (_) @nesting)
`;

// Forward declarations (`class A;`) and elaborated types (`struct S *p`) have no body.
// `class EXPORT_API Widget {`: tree-sitter cannot know the macro and reads a function definition
// of type `class EXPORT_API` named `Widget`; the methods it recovers inside belong to Widget.
const SCOPES = `
[(class_specifier body: (_)) (struct_specifier body: (_)) (union_specifier body: (_))] @scope
(namespace_definition) @scope
(function_definition type: [(class_specifier) (struct_specifier)] declarator: (identifier) body: (_)) @scope
`;

// With a base class the recovery of an exported class varies: `Widget` may land in an ERROR
// node before a "declarator" that is really the base's name.
function scopeName(node: Node): string | null {
  if (node.type !== "function_definition") return cScopeName(node);
  const declarator = node.childForFieldName("declarator");
  if (!declarator) return null;
  const stray = node.children.find((child) => child?.type === "ERROR" && child.endIndex <= declarator.startIndex);
  const name = stray?.firstNamedChild;
  return name?.type === "identifier" ? name.text : declarator.text;
}

function scopeKind(node: Node): string {
  return cScopeKind(node.type === "function_definition" ? node.childForFieldName("type") ?? node : node);
}

/** C++, and C headers (`.h`): the C++ grammar reads plain C declarations too. */
export const cpp: LanguageSpec = {
  grammar: "cpp",
  query: [FUNCTIONS, SCOPES, C_FAMILY.decisions, DECISIONS, C_FAMILY.nesting, NESTING, C_COMMON].join("\n"),
  ...C_HOOKS,
  scopeName,
  scopeKind,
};
