/**
 * A directory's children as the Files view lists them — the table on the
 * server, the treemap in the browser — and as `GET /api/analyses/:id/files/tree`
 * answers: one shape for both sides.
 */

/** A file or a directory under the one listed, with its metrics (a directory's summed over its files). */
export interface TreeEntry {
  /** The last segment of its path. */
  name: string;
  path: string;
  kind: "dir" | "file";
  /** A file's language; a directory's most common one. */
  language: string | null;
  /** A file's category (code, test, vendored …); null for a directory. */
  category: string | null;
  files: number;
  /** Lines of code of every file in it. */
  code: number;
  /** The part of `code` in vendored, generated and binary files (kept out of totals and the treemap). */
  excludedCode: number;
  functions: number;
  /** The highest CCN of a function in it (vendored and generated code only when there is nothing else). */
  maxCcn: number;
  /** The sum of its functions' CCN (same rule). */
  totalCcn: number;
  /** Commits that touched it, when the analysis has a history. */
  commits: number | null;
  mainAuthorId: number | null;
  mainAuthor: string | null;
  mainAuthorShare: number | null;
  lastChangedAt: string | null;
  /** Its own children (the treemap's second level), when asked for. */
  children?: TreeEntry[];
}

/** The treemap's data: the largest children of a directory, each directory with its largest children. */
export interface TreemapData {
  dir: string;
  entries: TreeEntry[];
  /** Entries left out because the directory is large (the smallest go first). */
  omitted: number;
  truncated: boolean;
}
