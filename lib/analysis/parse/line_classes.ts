import type { LineCounts } from "../line_count.ts";

/** A source range in rows and columns (0-based, end exclusive), as tree-sitter reports it. */
export interface Span {
  startRow: number;
  startColumn: number;
  endRow: number;
  endColumn: number;
}

/**
 * Classifies each line as cloc does, from the comment spans of a syntax tree:
 * blank (only whitespace), comment (only comment and whitespace) or code (any
 * other character, even beside a comment).
 */
export function classifyLines(
  text: string,
  comments: Span[],
): { counts: LineCounts; firstCode: Int32Array } {
  const lines = text.split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  const hasComment = new Uint8Array(lines.length);
  // Per line, the column ranges covered by comments.
  const covered = new Map<number, [number, number][]>();
  for (const span of comments) {
    for (let row = span.startRow; row <= span.endRow && row < lines.length; row++) {
      const from = row === span.startRow ? span.startColumn : 0;
      const to = row === span.endRow ? span.endColumn : Infinity;
      hasComment[row] = 1;
      if (from === 0 && to === Infinity) covered.set(row, [[0, Infinity]]);
      else {
        const ranges = covered.get(row) ?? [];
        ranges.push([from, to]);
        covered.set(row, ranges);
      }
    }
  }
  // Per line, the column of its first code character, or -1 for blank and comment-only lines.
  const firstCode = new Int32Array(lines.length).fill(-1);
  const counts: LineCounts = { code: 0, comment: 0, blank: 0 };
  for (let row = 0; row < lines.length; row++) {
    const line = lines[row];
    const ranges = covered.get(row);
    if (!ranges) {
      const column = line.search(/\S/);
      if (column === -1) counts.blank++;
      else {
        counts.code++;
        firstCode[row] = column;
      }
      continue;
    }
    const column = firstCodeOutside(line, ranges);
    if (column !== -1) {
      counts.code++;
      firstCode[row] = column;
    } else if (line.trim() === "") counts.blank++; // a blank line inside a block comment is blank, as in cloc
    else counts.comment++;
  }
  return { counts, firstCode };
}

function firstCodeOutside(line: string, ranges: [number, number][]): number {
  for (let column = 0; column < line.length; column++) {
    const ch = line.charCodeAt(column);
    if (ch === 32 || ch === 9 || ch === 13) continue;
    if (!ranges.some(([from, to]) => column >= from && column < to)) return column;
  }
  return -1;
}

/**
 * NLOC as lizard counts it: a function's first line counts for it; each later
 * code line counts for the innermost function that began on an earlier line
 * and has not ended before the line's first code character. So a nested
 * function's lines are its own, and the line it starts on is its parent's too.
 */
export function countNloc(functions: { nloc: number }[], spans: Span[], firstCode: Int32Array): void {
  const stack: number[] = [];
  let next = 0;
  for (let row = 0; row < firstCode.length; row++) {
    const column = firstCode[row];
    if (column < 0) continue;
    while (stack.length) {
      const top = spans[stack[stack.length - 1]];
      if (top.endRow < row || (top.endRow === row && top.endColumn <= column)) stack.pop();
      else break;
    }
    if (stack.length) functions[stack[stack.length - 1]].nloc++;
    // Functions starting on this line join the stack only for the lines after it.
    while (next < spans.length && spans[next].startRow === row) {
      functions[next].nloc++;
      stack.push(next++);
    }
    while (next < spans.length && spans[next].startRow < row) stack.push(next++); // started on a blank line
  }
}
