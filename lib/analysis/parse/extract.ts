import type { Node, Parser } from "web-tree-sitter";
import type { RawImport } from "../imports/raw_import.ts";
import type { LineCounts } from "../line_count.ts";
import { docOf } from "./doc_comment.ts";
import { classifyLines, countNloc, type Span } from "./line_classes.ts";
import { countErrors } from "./syntax_errors.ts";
import { ANONYMOUS, type LanguageSpec } from "./spec.ts";
import { compileQuery } from "./tree_sitter.ts";

/** A function or method as the report lists it (lines are 1-based). */
export interface FunctionInfo {
  name: string;
  qualifiedName: string;
  startLine: number;
  endLine: number;
  ccn: number;
  params: number;
  nloc: number;
  maxNesting: number;
  doc: string | null;
}

/** A class, struct, interface, impl, module or namespace. */
export interface ClassInfo {
  name: string;
  qualifiedName: string;
  kind: string;
  startLine: number;
  endLine: number;
  doc: string | null;
}

/** Everything parsing one file yields. */
export interface FileStructure {
  lines: LineCounts;
  functions: FunctionInfo[];
  classes: ClassInfo[];
  imports: RawImport[];
  /** Syntax errors tree-sitter recovered from (the rest of the file is still analysed). */
  parseErrors: number;
}

type Frame =
  | { kind: "function"; end: number; info: FunctionInfo; nesting: number; name: string }
  | { kind: "scope"; end: number; name: string | null }
  | { kind: "nesting"; end: number };

/**
 * Parses `text` and walks the spec's query captures once, in document order:
 * each decision point counts for the innermost function around it, so nested
 * functions and lambdas are separate entries, as in lizard.
 */
export function extractStructure(spec: LanguageSpec, parser: Parser, text: string): FileStructure {
  const tree = parser.parse(text);
  if (!tree) throw new Error("tree-sitter returned no tree");
  try {
    const root = tree.rootNode;
    const query = compileQuery(spec.grammar, parser.language!, spec.query);
    const captures = query.captures(root);
    const comments: Span[] = [];
    const functions: FunctionInfo[] = [];
    const spans: Span[] = [];
    const classes: ClassInfo[] = [];
    const imports: RawImport[] = [];
    const stack: Frame[] = [];
    let lastFunctionNode = -1;
    for (const { name, node } of captures) {
      const start = node.startIndex;
      while (stack.length && stack[stack.length - 1].end <= start) stack.pop();
      switch (name) {
        case "function": {
          if (node.id === lastFunctionNode) break; // two patterns matched one node
          lastFunctionNode = node.id;
          const own = spec.functionName(node) ?? ANONYMOUS;
          const qualifier = spec.qualifier?.(node);
          const info: FunctionInfo = {
            name: own,
            qualifiedName: qualify(stack, own, spec.separator, qualifier),
            startLine: (spec.startRow?.(node) ?? node.startPosition.row) + 1,
            endLine: node.endPosition.row + 1,
            ccn: 1,
            params: spec.parameterCount(node),
            nloc: 0,
            maxNesting: 0,
            doc: docOf(spec, node),
          };
          functions.push(info);
          const span = spanOf(node);
          // Lines above the name (annotations) are not the function's, as in lizard.
          if (info.startLine - 1 > span.startRow) Object.assign(span, { startRow: info.startLine - 1, startColumn: 0 });
          spans.push(span);
          // Functions nested in this one are qualified by its qualifier too (Stack.Map.each).
          const frameName = qualifier ? `${qualifier}${spec.separator}${own}` : own;
          stack.push({ kind: "function", end: node.endIndex, info, nesting: 0, name: frameName });
          break;
        }
        case "scope": {
          const scopeName = spec.scopeName(node);
          if (scopeName) {
            classes.push({
              name: scopeName,
              qualifiedName: qualify(stack, scopeName, spec.separator),
              kind: spec.scopeKind?.(node) ?? node.type,
              startLine: node.startPosition.row + 1,
              endLine: node.endPosition.row + 1,
              doc: docOf(spec, node),
            });
          }
          stack.push({ kind: "scope", end: node.endIndex, name: scopeName });
          break;
        }
        case "decision": {
          const fn = innermostFunction(stack);
          if (fn) fn.info.ccn += spec.decisionWeight?.(node) ?? 1;
          break;
        }
        case "nesting": {
          const depth = nestingDepth(stack) + 1;
          const fn = innermostFunction(stack);
          if (fn && depth > fn.info.maxNesting) fn.info.maxNesting = depth;
          stack.push({ kind: "nesting", end: node.endIndex });
          break;
        }
        case "comment":
        case "doc":
          comments.push(spanOf(node));
          break;
        case "import":
          if (spec.imports) imports.push(...spec.imports(node));
          break;
      }
    }
    const { counts, firstCode } = classifyLines(text, comments);
    countNloc(functions, spans, firstCode);
    // A function ends on its last line of code: a comment the grammar keeps inside its block is not its end.
    for (const fn of functions) while (fn.endLine > fn.startLine && firstCode[fn.endLine - 1] < 0) fn.endLine--;
    return { lines: counts, functions, classes, imports, parseErrors: root.hasError ? countErrors(root) : 0 };
  } finally {
    tree.delete();
  }
}

function qualify(stack: Frame[], own: string, separator: string, qualifier?: string | null): string {
  const names: string[] = [];
  for (const frame of stack) {
    if (frame.kind === "scope" && frame.name) names.push(frame.name);
    else if (frame.kind === "function") names.push(frame.name);
  }
  if (qualifier) names.push(qualifier);
  names.push(own);
  return names.join(separator);
}

function innermostFunction(stack: Frame[]): Extract<Frame, { kind: "function" }> | null {
  for (let i = stack.length - 1; i >= 0; i--) {
    const frame = stack[i];
    if (frame.kind === "function") return frame;
  }
  return null;
}

function nestingDepth(stack: Frame[]): number {
  let depth = 0;
  for (let i = stack.length - 1; i >= 0; i--) {
    const frame = stack[i];
    if (frame.kind === "function") break;
    if (frame.kind === "nesting") depth++;
  }
  return depth;
}

function spanOf(node: Node): Span {
  return {
    startRow: node.startPosition.row,
    startColumn: node.startPosition.column,
    endRow: node.endPosition.row,
    endColumn: node.endPosition.column,
  };
}
