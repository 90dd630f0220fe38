import type { Node } from "web-tree-sitter";
import type { RawImport } from "../../imports/raw_import.ts";
import type { LanguageSpec } from "../spec.ts";

// Members without a body (abstract, interface, extern, auto-property
// accessors) are declarations, not functions. As in lizard, lambdas, anonymous
// methods and local functions are no functions: their decisions count for the
// member around them. Unlike lizard, which skips them, accessors and
// expression-bodied properties are functions (get_Size), as the compiler has it.
const FUNCTIONS = `
[
  (method_declaration body: (_)) (constructor_declaration body: (_)) (destructor_declaration body: (_))
  (operator_declaration body: (_)) (conversion_operator_declaration body: (_))
  (accessor_declaration body: (_))
  (property_declaration value: (arrow_expression_clause)) (indexer_declaration value: (arrow_expression_clause))
] @function
`;

const SCOPES = `[
  (namespace_declaration) (class_declaration) (struct_declaration) (interface_declaration)
  (record_declaration) (enum_declaration)
] @scope`;

// lizard's C# set: if for while catch case && || ? ??, where `?` is the
// ternary and `?.`/`?[` (a null check), not the `?` of a nullable type. A
// do-while counts once and `default` not at all. Beyond lizard, which skips
// them: foreach counts like for, and a switch expression with n arms is an
// n-way branch, n - 1 decisions like n - 1 cases and a default.
const DECISIONS = `
[
  (if_statement) (for_statement) (foreach_statement) (while_statement) (do_statement) (catch_clause)
  (conditional_expression) (conditional_access_expression) (switch_expression_arm)
] @decision
(switch_section "case" @decision)
(binary_expression operator: ["&&" "||" "??"] @decision)
(assignment_expression operator: "??=" @decision)
`;

// Bodies, not statements: an else-if stays at the depth of its if.
const NESTING = `
(if_statement consequence: (_) @nesting)
(if_statement alternative: (block) @nesting)
(for_statement body: (_) @nesting)
(foreach_statement body: (_) @nesting)
(while_statement body: (_) @nesting)
(do_statement body: (_) @nesting)
(switch_statement body: (_) @nesting)
(try_statement body: (_) @nesting)
(catch_clause body: (_) @nesting)
(finally_clause (block) @nesting)
`;

const QUERY = [FUNCTIONS, SCOPES, DECISIONS, NESTING, "(comment) @comment", "(using_directive) @import"].join("\n");

/** What the compiler calls a property, event or indexer: the `Size` of get_Size, or Item. */
function memberName(member: Node | null): string | null {
  if (!member) return null;
  return member.type === "indexer_declaration" ? "Item" : member.childForFieldName("name")?.text ?? null;
}

function functionName(node: Node): string | null {
  switch (node.type) {
    case "accessor_declaration": {
      // The compiler's names: get_Size, set_Size, add_Changed, init_Size.
      const member = memberName(node.parent?.parent ?? null);
      const kind = node.childForFieldName("name")?.text ?? "get";
      return member ? `${kind}_${member}` : kind;
    }
    case "property_declaration":
    case "indexer_declaration":
      return `get_${memberName(node)}`;
    case "destructor_declaration":
      return `~${node.childForFieldName("name")?.text ?? ""}`;
    case "operator_declaration":
      // lizard's spelling: `operator +`, like `operator int`.
      return `operator ${node.childForFieldName("operator")?.text ?? ""}`;
    case "conversion_operator_declaration":
      return `operator ${node.childForFieldName("type")?.text ?? ""}`;
  }
  return node.childForFieldName("name")?.text ?? null;
}

/**
 * lizard starts a member at its name (`operator` for operators, `this` for an
 * indexer), below its attributes and a return type on a line of its own.
 */
function startRow(node: Node): number | null {
  const name = node.childForFieldName("name") ??
    node.children.find((child) => child?.type === "operator" || child?.type === "this");
  return name?.startPosition.row ?? null;
}

/** Parameters, counting `params T[] rest` (which the grammar leaves loose in the list). */
function countList(list: Node | null | undefined): number {
  if (!list) return 0;
  return list.namedChildren.filter((child) => child?.type === "parameter").length +
    list.childrenForFieldName("name").length;
}

function parameterCount(node: Node): number {
  if (node.type === "accessor_declaration") {
    const member = node.parent?.parent;
    return member?.type === "indexer_declaration" ? countList(member.childForFieldName("parameters")) : 0;
  }
  const list = node.childForFieldName("parameters") ??
    node.namedChildren.find((child) => child?.type === "parameter_list");
  return countList(list);
}

/** `using A.B;`, `using static A.B;`, `using X = A.B;` and `global using A.B;` each give A.B. */
function imports(node: Node): RawImport[] {
  const alias = node.childForFieldName("name");
  const target = node.namedChildren.find((child) => child && child.id !== alias?.id && !child.type.endsWith("comment"));
  if (!target) return [];
  return [{ module: target.text.replace(/\s+/g, ""), line: node.startPosition.row + 1, kind: "using" }];
}

const KINDS: Record<string, string> = {
  namespace_declaration: "namespace",
  class_declaration: "class",
  struct_declaration: "struct",
  interface_declaration: "interface",
  record_declaration: "record",
  enum_declaration: "enum",
};

/** C#: methods, constructors, operators and accessors (get_X), qualified Ns::Class::Method; lambdas belong to their member. */
export const csharp: LanguageSpec = {
  grammar: "c_sharp",
  query: QUERY,
  functionName,
  startRow,
  scopeName: (node) => node.childForFieldName("name")?.text.replace(/\s+/g, "") ?? null,
  scopeKind: (node) => KINDS[node.type] ?? node.type,
  parameterCount,
  imports,
  separator: "::",
  decisionWeight: (node) => (node.type === "switch_expression_arm" && isFirstArm(node) ? 0 : 1),
};

function isFirstArm(arm: Node): boolean {
  for (let sibling = arm.previousNamedSibling; sibling; sibling = sibling.previousNamedSibling) {
    if (sibling.type === "switch_expression_arm") return false;
  }
  return true;
}
