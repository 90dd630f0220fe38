/**
 * Reads what the Files view shows: a directory's children with their metrics
 * (subdirectories aggregated, in SQL), and everything stored about one file —
 * functions, imports and importers, change coupling, commits and authors.
 */
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import { OUTSIDE_METRICS } from "../report/summary.ts";
import type { TreeEntry, TreemapData } from "../shared/file_tree.ts";

export type { TreeEntry, TreemapData };

/** A page of a directory's children and how many there are. */
export interface DirectoryListing {
  /** The directory, "" for the repository. */
  dir: string;
  entries: TreeEntry[];
  /** Children in all (every page). */
  total: number;
}

/** How children are ordered: directories first then by name (the table), or largest first (the treemap). */
export type TreeOrder = "name" | "size";

/** The parent of a path ("" for a top-level one). */
export function parentDir(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

/** A directory as typed in a URL, without leading, trailing or doubled slashes. */
export function normalizeDir(dir: string): string {
  return dir.split("/").filter(Boolean).join("/");
}

interface GroupRow {
  key: string;
  is_dir: boolean;
  files: number;
  code: string;
  excluded_code: string;
  functions: string;
  max_ccn: number | null;
  total_ccn: string | null;
  language: string | null;
  category: string | null;
  total: string;
  commits: number | null;
  main_author_id: number | null;
  main_author: string | null;
  main_author_share: number | null;
  last_at: Date | null;
}

/**
 * One level of the tree under `dir`: its children (`level` 1) or its
 * grandchildren inside child directories (`level` 2), each aggregated over
 * the files below it and joined to its history; a page of them and the count.
 */
async function groupLevel(
  db: Kysely<Database>,
  analysisId: string,
  dir: string,
  options: { level: 1 | 2; order: TreeOrder; limit: number; offset: number },
): Promise<{ rows: GroupRow[]; total: number }> {
  const prefix = dir ? `${dir}/` : "";
  const pattern = options.level === 1 ? "^[^/]+" : "^[^/]+/[^/]+";
  const order = options.order === "name"
    ? sql`is_dir desc, key, key collate "C"`
    : sql`code - excluded_code desc, key collate "C"`;
  const { rows } = await sql<GroupRow>`
    with files as (
      select f.code, f.functions, f.max_ccn, f.language, f.category, coalesce(s.total_ccn, 0) as total_ccn,
        f.category <> all(${[...OUTSIDE_METRICS]}::text[]) as counted,
        substr(f.path, char_length(${prefix}) + 1) as rest
      from analysis_files f left join blob_structures s on s.id = f.structure_id
      where f.analysis_id = ${analysisId} and starts_with(f.path, ${prefix})
    ), keyed as (
      select *, substring(rest from ${pattern}) as key from files
      where ${options.level === 1 ? sql`true` : sql`strpos(rest, '/') > 0`}
    ), grouped as (
      select key, bool_or(rest <> key) as is_dir, count(*)::int as files,
        coalesce(sum(code), 0) as code,
        coalesce(sum(code) filter (where not counted), 0) as excluded_code,
        coalesce(sum(functions), 0) as functions,
        coalesce(max(max_ccn) filter (where counted), max(max_ccn)) as max_ccn,
        coalesce(sum(total_ccn) filter (where counted), sum(total_ccn)) as total_ccn,
        mode() within group (order by language) as language,
        min(category) as category
      from keyed group by key
    ), page as (
      select *, count(*) over () as total from grouped order by ${order}
      limit ${options.limit} offset ${options.offset}
    )
    select p.*, coalesce(h.commits, d.commits) as commits,
      coalesce(h.main_author_id, d.main_author_id) as main_author_id, a.name as main_author,
      coalesce(h.main_author_share, d.main_author_share) as main_author_share,
      coalesce(h.last_at, d.last_at) as last_at
    from page p
    left join analysis_file_history h
      on h.analysis_id = ${analysisId} and h.path = ${prefix} || p.key and not p.is_dir
    left join analysis_dir_history d on d.analysis_id = ${analysisId} and d.dir = ${prefix} || p.key and p.is_dir
    left join analysis_authors a
      on a.analysis_id = ${analysisId} and a.author_id = coalesce(h.main_author_id, d.main_author_id)
    order by ${order}`.execute(db);
  if (rows.length || options.offset === 0) return { rows, total: Number(rows[0]?.total ?? 0) };
  // A page past the end: count the children the cheap way.
  const first = await groupLevel(db, analysisId, dir, { ...options, limit: 1, offset: 0 });
  return { rows, total: first.total };
}

function toEntry(prefix: string, row: GroupRow): TreeEntry {
  return {
    name: row.key.slice(row.key.lastIndexOf("/") + 1),
    path: prefix + row.key,
    kind: row.is_dir ? "dir" : "file",
    language: row.language,
    category: row.is_dir ? null : row.category,
    files: row.files,
    code: Number(row.code),
    excludedCode: Number(row.excluded_code),
    functions: Number(row.functions),
    maxCcn: row.max_ccn ?? 0,
    totalCcn: Number(row.total_ccn ?? 0),
    commits: row.commits,
    mainAuthorId: row.main_author_id,
    mainAuthor: row.main_author,
    mainAuthorShare: row.main_author_share === null ? null : Math.round(row.main_author_share * 1000) / 1000,
    lastChangedAt: row.last_at?.toISOString() ?? null,
  };
}

/**
 * A page of the children of `dir` ("" is the repository) with their
 * metrics, or null when the analysis has no such directory.
 */
export async function listDirectory(
  db: Kysely<Database>,
  analysisId: string,
  dir: string,
  options: { order: TreeOrder; limit: number; offset: number },
): Promise<DirectoryListing | null> {
  const { rows, total } = await groupLevel(db, analysisId, dir, { level: 1, ...options });
  if (dir !== "" && total === 0) return null;
  const prefix = dir ? `${dir}/` : "";
  return { dir, entries: rows.map((row) => toEntry(prefix, row)), total };
}

/**
 * The children of `dir` for the treemap, largest first and at most `limit`;
 * with `depth` 2 each child directory holds its own children (at most
 * `limit` of them in all). Null when the analysis has no such directory.
 */
export async function treemapData(
  db: Kysely<Database>,
  analysisId: string,
  dir: string,
  options: { depth: 1 | 2; limit: number },
): Promise<TreemapData | null> {
  const prefix = dir ? `${dir}/` : "";
  const [top, inner] = await Promise.all([
    groupLevel(db, analysisId, dir, { level: 1, order: "size", limit: options.limit, offset: 0 }),
    options.depth === 2
      ? groupLevel(db, analysisId, dir, { level: 2, order: "size", limit: options.limit, offset: 0 })
      : Promise.resolve({ rows: [], total: 0 }),
  ]);
  if (dir !== "" && top.total === 0) return null;
  const entries = top.rows.map((row) => toEntry(prefix, row));
  const byName = new Map(entries.filter((e) => e.kind === "dir").map((e) => [e.name, e]));
  for (const e of entries) if (e.kind === "dir" && options.depth === 2) e.children = [];
  let placed = 0;
  for (const row of inner.rows) {
    const parent = byName.get(row.key.slice(0, row.key.indexOf("/")));
    if (!parent) continue;
    parent.children!.push(toEntry(prefix, row));
    placed++;
  }
  const omitted = (top.total - entries.length) + (inner.total - placed);
  return { dir, entries, omitted, truncated: omitted > 0 };
}

/**
 * The file path after `prefix` in a URL's (encoded) path, each segment
 * decoded; null when the URL is not under `prefix` or is badly encoded.
 */
export function pathAfter(pathname: string, prefix: string): string | null {
  if (!pathname.startsWith(prefix)) return null;
  try {
    return pathname.slice(prefix.length).split("/").map(decodeURIComponent).join("/");
  } catch {
    return null;
  }
}
