import type { Node } from "web-tree-sitter";
import type { RawImport } from "../imports/raw_import.ts";
import type { Grammar } from "./tree_sitter.ts";

/**
 * What the extractor needs to know about one language. The query names the
 * nodes; the hooks read names, parameters and imports from them.
 *
 * Query captures (all optional except @function):
 * - `@function` a function, method, lambda … (one entry in the report each)
 * - `@scope` a class, struct, impl, module or namespace: prefixes qualified names
 * - `@decision` a node or token adding 1 to the innermost function's CCN
 * - `@nesting` a block-like node that deepens nesting inside a function
 * - `@comment` a comment; `@doc` a docstring (a string that is a comment)
 * - `@import` a node handed to {@link LanguageSpec.imports}
 */
export interface LanguageSpec {
  grammar: Grammar;
  query: string;
  /** The function's own name, or null for an anonymous one. */
  functionName(node: Node): string | null;
  /** The name a scope (class, namespace …) adds to qualified names, or null. */
  scopeName(node: Node): string | null;
  /** How many parameters the function declares. */
  parameterCount(node: Node): number;
  /** Module strings of an `@import` node. */
  imports?(node: Node): RawImport[];
  /** Joins scope and function names (lizard: `::` for C-family, `.` otherwise). */
  separator: string;
  /** Extra CCN for a `@decision` node (default 1), e.g. 0 to skip a `default:` case. */
  decisionWeight?(node: Node): number;
  /**
   * A name that qualifies the function though it is not inside it: Go's
   * receiver type (`func (s *Stack) Push` → qualified `Stack.Push`, name `Push`).
   */
  qualifier?(node: Node): string | null;
  /**
   * The row (0-based) the function starts on, as lizard reports it: the line of
   * its name, below annotations, attributes or a return type on its own line.
   */
  startRow?(node: Node): number | null;
  /** A docstring inside the function or class (Python), preferred over comments above it. */
  docstring?(node: Node): string | null;
  /** The kind of a `@scope` node, as the report lists classes. */
  scopeKind?(node: Node): string;
}

/** The name given to functions without one, as lizard does. */
export const ANONYMOUS = "(anonymous)";
