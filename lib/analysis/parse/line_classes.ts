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
export function classifyLines(text: string, comments: Span[]): { counts: LineCounts; isCode: Uint8Array } {
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
  const isCode = new Uint8Array(lines.length);
  const counts: LineCounts = { code: 0, comment: 0, blank: 0 };
  for (let row = 0; row < lines.length; row++) {
    const line = lines[row];
    const ranges = covered.get(row);
    if (!ranges) {
      if (line.trim() === "") counts.blank++;
      else {
        counts.code++;
        isCode[row] = 1;
      }
      continue;
    }
    if (hasCodeOutside(line, ranges)) {
      counts.code++;
      isCode[row] = 1;
    } else counts.comment++;
  }
  return { counts, isCode };
}

function hasCodeOutside(line: string, ranges: [number, number][]): boolean {
  for (let column = 0; column < line.length; column++) {
    const ch = line.charCodeAt(column);
    if (ch === 32 || ch === 9 || ch === 13) continue;
    if (!ranges.some(([from, to]) => column >= from && column < to)) return true;
  }
  return false;
}
