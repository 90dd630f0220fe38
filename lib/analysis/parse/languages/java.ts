import type { Node } from "web-tree-sitter";
import type { RawImport } from "../../imports/raw_import.ts";
import { ANONYMOUS, type LanguageSpec } from "../spec.ts";

// Abstract and interface methods without a body are declarations, not
// functions. Lambdas are no functions either: as in lizard, their decisions
// count for the method around them.
const FUNCTIONS = `
(method_declaration body: (_)) @function
[(constructor_declaration) (compact_constructor_declaration)] @function
`;

const SCOPES = `[
  (class_declaration) (interface_declaration) (enum_declaration) (record_declaration)
  (annotation_type_declaration)
] @scope`;

// lizard's C-family set: if for while catch case && || ?. An enhanced for is a
// for, a do-while counts once for its while, `default` does not count, and
// `case 1, 2 ->` is one case as it has one `case`. Generic wildcards (`<?>`)
// are no decision: the syntax tree tells them from the ternary.
const DECISIONS = `
[
  (if_statement) (for_statement) (enhanced_for_statement) (while_statement) (do_statement)
  (catch_clause) (ternary_expression)
] @decision
(switch_label "case" @decision)
(binary_expression operator: ["&&" "||"] @decision)
`;

// Bodies, not statements: an else-if stays at the depth of its if.
const NESTING = `
(if_statement consequence: (_) @nesting)
(if_statement alternative: (block) @nesting)
(for_statement body: (_) @nesting)
(enhanced_for_statement body: (_) @nesting)
(while_statement body: (_) @nesting)
(do_statement body: (_) @nesting)
(switch_expression body: (_) @nesting)
(try_statement body: (_) @nesting)
(try_with_resources_statement body: (_) @nesting)
(catch_clause body: (_) @nesting)
(finally_clause (block) @nesting)
`;

const QUERY = [FUNCTIONS, SCOPES, DECISIONS, NESTING, "[(line_comment) (block_comment)] @comment"].join("\n") +
  "\n(import_declaration) @import";

function functionName(node: Node): string | null {
  return node.childForFieldName("name")?.text ?? null;
}

/** lizard names the methods of `new T() { … }` `(anonymous)::run`: the class body has no name of its own. */
function qualifier(node: Node): string | null {
  const body = node.parent;
  return body?.type === "class_body" && body.parent?.type === "object_creation_expression" ? ANONYMOUS : null;
}

/** lizard starts a method at its name, below its annotations and a return type on a line of its own. */
function startRow(node: Node): number | null {
  return node.childForFieldName("name")?.startPosition.row ?? null;
}

function parameterCount(node: Node): number {
  const params = node.childForFieldName("parameters");
  if (!params) return 0;
  let count = 0;
  for (const child of params.namedChildren) if (child && !child.type.endsWith("comment")) count++;
  return count;
}

/** `import static a.b.C.d;` gives a.b.C.d; `import a.b.*;` gives a.b.*. */
function imports(node: Node): RawImport[] {
  const name = node.namedChildren.find((child) => child?.type === "scoped_identifier" || child?.type === "identifier");
  if (!name) return [];
  const wildcard = node.namedChildren.some((child) => child?.type === "asterisk");
  const module = name.text.replace(/\s+/g, "") + (wildcard ? ".*" : "");
  return [{ module, line: node.startPosition.row + 1, kind: "import" }];
}

const KINDS: Record<string, string> = {
  class_declaration: "class",
  interface_declaration: "interface",
  enum_declaration: "enum",
  record_declaration: "record",
  annotation_type_declaration: "annotation",
};

/** Java: methods and constructors (qualified Outer::Inner::method, as lizard); lambdas belong to their method. */
export const java: LanguageSpec = {
  grammar: "java",
  query: QUERY,
  functionName,
  qualifier,
  startRow,
  scopeName: (node) => node.childForFieldName("name")?.text ?? null,
  scopeKind: (node) => KINDS[node.type] ?? node.type,
  parameterCount,
  imports,
  separator: "::",
};
