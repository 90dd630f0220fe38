import type { Node } from "web-tree-sitter";
import type { LanguageSpec } from "./spec.ts";

const MAX_DOC = 2000;

const WRAPPERS = new Set([
  "export_statement",
  "decorated_definition",
  "variable_declarator",
  "lexical_declaration",
  "template_declaration",
]);

/** The comments right above a node (or its export/decorator wrapper), or its docstring. */
export function docOf(spec: LanguageSpec, node: Node): string | null {
  const docstring = spec.docstring?.(node);
  if (docstring) return docstring.slice(0, MAX_DOC);
  let anchor: Node = node;
  while (anchor.parent && WRAPPERS.has(anchor.parent.type)) anchor = anchor.parent;
  const parts: string[] = [];
  let line = anchor.startPosition.row;
  for (let sibling = anchor.previousNamedSibling; sibling; sibling = sibling.previousNamedSibling) {
    if (!sibling.type.includes("comment") || sibling.endPosition.row < line - 1) break;
    // A comment after code on its line belongs to that code, not to what follows.
    if (sibling.previousSibling?.endPosition.row === sibling.startPosition.row) break;
    parts.unshift(sibling.text);
    line = sibling.startPosition.row;
  }
  return parts.length ? parts.join("\n").slice(0, MAX_DOC) : null;
}
