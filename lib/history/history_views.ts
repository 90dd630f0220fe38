/**
 * Reads an analysis's stored history metrics for the report, the API and the
 * pages: each function is one indexed query on one table.
 */
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";

/** Churn of one path (named as at the analysed commit). */
export interface FileChurn {
  path: string;
  commits: number;
  added: number;
  deleted: number;
}

/** A file that is both complex and often changed. */
export interface Hotspot {
  path: string;
  commits: number;
  complexity: number;
  score: number;
  authors: number;
  mainAuthor: string | null;
  mainAuthorShare: number | null;
  lastChangedAt: string;
}

/** A person of the history. */
export interface Contributor {
  id: number;
  name: string;
  email: string;
  isBot: boolean;
  commits: number;
  added: number;
  deleted: number;
  firstCommitAt: string | null;
  lastCommitAt: string | null;
}

/** Two files that change together. */
export interface Coupling {
  a: string;
  b: string;
  shared: number;
  revisionsA: number;
  revisionsB: number;
  degree: number;
  /** No import joins them: coupling the code does not show. */
  hidden: boolean;
}

/** Ownership and age of a directory ("" is the whole repository). */
export interface DirectoryOwnership {
  dir: string;
  files: number;
  commits: number;
  authors: number;
  mainAuthor: string | null;
  mainAuthorShare: number | null;
  truckFactor: number | null;
  lastChangedAt: string | null;
}

/** Every path the history touched with its churn, by path. */
export async function fileChurn(db: Kysely<Database>, analysisId: string): Promise<FileChurn[]> {
  return await db.selectFrom("analysis_file_history").select(["path", "commits", "added", "deleted"])
    .where("analysis_id", "=", analysisId).orderBy("path").execute();
}

/** The top hotspots (commits × the file's total CCN), highest first. */
export async function hotspots(db: Kysely<Database>, analysisId: string, limit = 20, offset = 0): Promise<Hotspot[]> {
  const rows = await db.selectFrom("analysis_file_history as h")
    .leftJoin(
      "analysis_authors as a",
      (j) => j.onRef("a.analysis_id", "=", "h.analysis_id").onRef("a.author_id", "=", "h.main_author_id"),
    )
    .select([
      "h.path",
      "h.commits",
      "h.complexity",
      "h.hotspot_score",
      "h.authors",
      "a.name",
      "h.main_author_share",
      "h.last_at",
    ])
    .where("h.analysis_id", "=", analysisId).where("h.hotspot_score", ">", 0)
    .orderBy("h.hotspot_score", "desc").orderBy("h.path").limit(limit).offset(offset).execute();
  return rows.map((r) => ({
    path: r.path,
    commits: r.commits,
    complexity: r.complexity,
    score: r.hotspot_score,
    authors: r.authors,
    mainAuthor: r.name,
    mainAuthorShare: r.main_author_share,
    lastChangedAt: r.last_at.toISOString(),
  }));
}

/** People by commits, bots last unless asked for. */
export async function contributors(
  db: Kysely<Database>,
  analysisId: string,
  options: { limit?: number; offset?: number } = {},
): Promise<Contributor[]> {
  const rows = await db.selectFrom("analysis_authors").selectAll().where("analysis_id", "=", analysisId)
    .orderBy("is_bot").orderBy("commits", "desc").orderBy("author_id")
    .limit(options.limit ?? 50).offset(options.offset ?? 0).execute();
  return rows.map((r) => ({
    id: r.author_id,
    name: r.name,
    email: r.email,
    isBot: r.is_bot,
    commits: r.commits,
    added: r.added,
    deleted: r.deleted,
    firstCommitAt: r.first_at?.toISOString() ?? null,
    lastCommitAt: r.last_at?.toISOString() ?? null,
  }));
}

/** Coupled pairs, strongest first. */
export async function couplings(db: Kysely<Database>, analysisId: string, limit = 50, offset = 0): Promise<Coupling[]> {
  const rows = await db.selectFrom("analysis_coupling").selectAll().where("analysis_id", "=", analysisId)
    .orderBy("degree", "desc").orderBy("shared", "desc").orderBy("path_a").limit(limit).offset(offset).execute();
  return rows.map((r) => ({
    a: r.path_a,
    b: r.path_b,
    shared: r.shared,
    revisionsA: r.revisions_a,
    revisionsB: r.revisions_b,
    degree: Math.round(r.degree * 1000) / 1000,
    hidden: !r.import_edge,
  }));
}

/** The repository ("") and its top-level directories. */
export async function topLevelOwnership(db: Kysely<Database>, analysisId: string): Promise<DirectoryOwnership[]> {
  const rows = await db.selectFrom("analysis_dir_history as d")
    .leftJoin(
      "analysis_authors as a",
      (j) => j.onRef("a.analysis_id", "=", "d.analysis_id").onRef("a.author_id", "=", "d.main_author_id"),
    )
    .select([
      "d.dir",
      "d.files",
      "d.commits",
      "d.authors",
      "a.name",
      "d.main_author_share",
      "d.truck_factor",
      "d.last_at",
    ])
    .where("d.analysis_id", "=", analysisId).where(sql<boolean>`position('/' in d.dir) = 0`)
    .orderBy("d.dir").execute();
  return rows.map((r) => ({
    dir: r.dir,
    files: r.files,
    commits: r.commits,
    authors: r.authors,
    mainAuthor: r.name,
    mainAuthorShare: r.main_author_share,
    truckFactor: r.truck_factor,
    lastChangedAt: r.last_at?.toISOString() ?? null,
  }));
}

/** A page of rows and how many there are in all. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** The page of `items` out of `total` rows (a count as Postgres answers it), with the limit and offset that asked. */
export function pageOf<T>(items: T[], total: string | number, options: { limit: number; offset: number }): Page<T> {
  return { items, total: Number(total), limit: options.limit, offset: options.offset };
}

/** Everything the history knows about one path. */
export interface FileHistory extends FileChurn {
  authors: number;
  mainAuthor: string | null;
  mainAuthorShare: number | null;
  firstChangedAt: string;
  lastChangedAt: string;
  complexity: number;
  hotspotScore: number;
  /** The path is a file of the analysed commit (not deleted since). */
  present: boolean;
}

/** How the file list is ordered. */
export type FileOrder = "commits" | "churn" | "path" | "age";

/** A page of the paths the history touched. */
export async function filesPage(
  db: Kysely<Database>,
  analysisId: string,
  options: { order: FileOrder; limit: number; offset: number; presentOnly: boolean },
): Promise<Page<FileHistory>> {
  let query = db.selectFrom("analysis_file_history as h")
    .leftJoin(
      "analysis_authors as a",
      (j) => j.onRef("a.analysis_id", "=", "h.analysis_id").onRef("a.author_id", "=", "h.main_author_id"),
    )
    .where("h.analysis_id", "=", analysisId);
  if (options.presentOnly) query = query.where("h.present", "=", true);
  const total = await query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const ordered = options.order === "path"
    ? query.orderBy("h.path")
    : options.order === "churn"
    ? query.orderBy(sql`h.added + h.deleted`, "desc").orderBy("h.path")
    : options.order === "age"
    ? query.orderBy("h.last_at").orderBy("h.path")
    : query.orderBy("h.commits", "desc").orderBy("h.path");
  const rows = await ordered.selectAll("h").select("a.name").limit(options.limit).offset(options.offset).execute();
  return pageOf(
    rows.map((r) => ({
      path: r.path,
      commits: r.commits,
      added: r.added,
      deleted: r.deleted,
      authors: r.authors,
      mainAuthor: r.name,
      mainAuthorShare: r.main_author_share,
      firstChangedAt: r.first_at.toISOString(),
      lastChangedAt: r.last_at.toISOString(),
      complexity: r.complexity,
      hotspotScore: r.hotspot_score,
      present: r.present,
    })),
    total.n,
    options,
  );
}

/** Commits, lines added and deleted per week: of everyone together, or of one person. */
export async function weeklyActivity(
  db: Kysely<Database>,
  analysisId: string,
  authorId?: number,
): Promise<{ week: string; commits: number; added: number; deleted: number; authors: number }[]> {
  let query = db.selectFrom("analysis_activity").where("analysis_id", "=", analysisId);
  if (authorId !== undefined) query = query.where("author_id", "=", authorId);
  const rows = await query
    .select((eb) => [
      "week",
      eb.fn.sum<string>("commits").as("commits"),
      eb.fn.sum<string>("added").as("added"),
      eb.fn.sum<string>("deleted").as("deleted"),
      eb.fn.countAll<string>().as("authors"),
    ])
    .groupBy("week").orderBy("week").execute();
  return rows.map((r) => ({
    week: r.week,
    commits: Number(r.commits),
    added: Number(r.added ?? 0),
    deleted: Number(r.deleted ?? 0),
    authors: Number(r.authors),
  }));
}

/** Lines per language at the end of each month, oldest first. */
export async function languageMonths(
  db: Kysely<Database>,
  analysisId: string,
): Promise<{ month: string; language: string; lines: number; added: number; deleted: number }[]> {
  return await db.selectFrom("analysis_language_months").select(["month", "language", "lines", "added", "deleted"])
    .where("analysis_id", "=", analysisId).orderBy("month").orderBy("language").execute();
}

/** How many rows a table holds for the analysis (for pages of hotspots, people and coupling). */
export async function countRows(
  db: Kysely<Database>,
  table: "analysis_authors" | "analysis_coupling",
  analysisId: string,
): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as("n"))
    .where("analysis_id", "=", analysisId).executeTakeFirstOrThrow();
  return Number(row.n);
}
