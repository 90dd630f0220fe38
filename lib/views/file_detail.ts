/**
 * Everything stored about one file of an analysis, for its page and its JSON:
 * the file row, its functions, imports and importers, the files it changes
 * with, and its history (commits touching it, who wrote it).
 */
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { type Page, pageOf } from "../history/history_views.ts";

/** A file of the analysed commit as the scan and the parser saw it. */
export interface FileInfo {
  path: string;
  language: string | null;
  category: string;
  bytes: number;
  code: number;
  comment: number;
  blank: number;
  blobSha: string | null;
  /** Why its content was not read or parsed (binary, too large …), or null. */
  skipReason: string | null;
  parseErrors: number;
  functions: number;
  maxCcn: number;
  totalCcn: number;
  /** Its parsed structure, or null when it was not parsed. */
  structureId: number | null;
}

/** A function or method of the file. */
export interface FileFunction {
  name: string;
  qualifiedName: string;
  startLine: number;
  endLine: number;
  nloc: number;
  ccn: number;
  maxNesting: number;
  params: number;
}

/** An import statement of the file, resolved to a file of the repository or kept as an external module. */
export interface FileImport {
  module: string;
  line: number;
  kind: string;
  /** The file it resolves to, or null. */
  target: string | null;
  /** The external module (lodash, numpy …), or null. */
  external: string | null;
}

/** A file importing this one, at its first importing line. */
export interface FileImporter {
  path: string;
  line: number;
}

/** A file that changes together with this one. */
export interface FileCoupling {
  path: string;
  shared: number;
  degree: number;
  /** No import joins the two files. */
  hidden: boolean;
}

/** The history's totals of one file. */
export interface FileHistoryTotals {
  commits: number;
  added: number;
  deleted: number;
  authors: number;
  mainAuthor: string | null;
  mainAuthorShare: number | null;
  firstChangedAt: string;
  lastChangedAt: string;
}

/** A person who changed the file, with their part of its added lines. */
export interface FileAuthor {
  name: string;
  isBot: boolean;
  commits: number;
  added: number;
  deleted: number;
  /** Their lines added over everyone's (bots left out, as ownership counts), or null for a bot. */
  share: number | null;
}

/** A commit that changed the file. */
export interface FileCommit {
  sha: string;
  authoredAt: string;
  author: string | null;
  subject: string;
  added: number | null;
  deleted: number | null;
  /** The path it had in that commit (before a rename it differs). */
  changedPath: string;
}

/** The file `path` of the analysis, or null when it has none. */
export async function findFile(db: Kysely<Database>, analysisId: string, path: string): Promise<FileInfo | null> {
  const row = await db.selectFrom("analysis_files as f")
    .leftJoin("blob_structures as s", "s.id", "f.structure_id")
    .selectAll("f").select("s.total_ccn")
    .where("f.analysis_id", "=", analysisId).where("f.path", "=", path).executeTakeFirst();
  if (!row) return null;
  return {
    path: row.path,
    language: row.language,
    category: row.category,
    bytes: Number(row.bytes),
    code: row.code,
    comment: row.comment,
    blank: row.blank,
    blobSha: row.blob_sha,
    skipReason: row.skip_reason,
    parseErrors: row.parse_errors,
    functions: row.functions,
    maxCcn: row.max_ccn,
    totalCcn: row.total_ccn ?? 0,
    structureId: row.structure_id,
  };
}

/** A page of a parsed file's functions, in line order or most complex first. */
export async function fileFunctions(
  db: Kysely<Database>,
  structureId: number | null,
  options: { order: "line" | "ccn"; limit: number; offset: number },
): Promise<Page<FileFunction>> {
  if (structureId === null) return pageOf([], 0, options);
  const base = db.selectFrom("blob_functions").where("structure_id", "=", structureId);
  const ordered = options.order === "ccn"
    ? base.orderBy("ccn", "desc").orderBy("nloc", "desc").orderBy("start_line")
    : base.orderBy("start_line").orderBy("end_line", "desc");
  const [rows, count] = await Promise.all([
    ordered.select(["name", "qualified_name", "start_line", "end_line", "nloc", "ccn", "max_nesting", "params"])
      .orderBy("name").limit(options.limit).offset(options.offset).execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return pageOf(
    rows.map((r) => ({
      name: r.name,
      qualifiedName: r.qualified_name,
      startLine: r.start_line,
      endLine: r.end_line,
      nloc: r.nloc,
      ccn: r.ccn,
      maxNesting: r.max_nesting,
      params: r.params,
    })),
    count.n,
    options,
  );
}

/** Where each function starts and how complex it is, for the gutter of the source (every function). */
export async function functionMarks(
  db: Kysely<Database>,
  structureId: number | null,
): Promise<{ name: string; startLine: number; ccn: number }[]> {
  if (structureId === null) return [];
  const rows = await db.selectFrom("blob_functions").select(["name", "start_line", "ccn"])
    .where("structure_id", "=", structureId).orderBy("start_line").orderBy("ccn", "desc").execute();
  return rows.map((r) => ({ name: r.name, startLine: r.start_line, ccn: r.ccn }));
}

/** The file's imports in line order (at most `limit`). */
export async function fileImports(
  db: Kysely<Database>,
  analysisId: string,
  path: string,
  limit = 500,
): Promise<FileImport[]> {
  const rows = await db.selectFrom("analysis_imports").select(["module", "line", "kind", "target_path", "external"])
    .where("analysis_id", "=", analysisId).where("file_path", "=", path)
    .orderBy("line").orderBy("module").limit(limit).execute();
  return rows.map((r) => ({
    module: r.module,
    line: r.line,
    kind: r.kind,
    target: r.target_path,
    external: r.external,
  }));
}

/** A page of the files importing `path`, by path. */
export async function fileImporters(
  db: Kysely<Database>,
  analysisId: string,
  path: string,
  options: { limit: number; offset: number },
): Promise<Page<FileImporter>> {
  const base = db.selectFrom("analysis_imports").where("analysis_id", "=", analysisId)
    .where("target_path", "=", path);
  const [rows, count] = await Promise.all([
    base.select((eb) => ["file_path", eb.fn.min("line").as("line")]).groupBy("file_path").orderBy("file_path")
      .limit(options.limit).offset(options.offset).execute(),
    base.select((eb) => eb.fn.count<string>("file_path").distinct().as("n")).executeTakeFirstOrThrow(),
  ]);
  return pageOf(
    rows.map((r) => ({ path: r.file_path, line: Number(r.line) })),
    count.n,
    options,
  );
}

/** The files that change together with `path`, strongest first. */
export async function fileCoupling(
  db: Kysely<Database>,
  analysisId: string,
  path: string,
  limit = 20,
): Promise<FileCoupling[]> {
  const rows = await db.selectFrom("analysis_coupling").selectAll()
    .where("analysis_id", "=", analysisId)
    .where((eb) => eb.or([eb("path_a", "=", path), eb("path_b", "=", path)]))
    .orderBy("degree", "desc").orderBy("shared", "desc").orderBy("path_a").orderBy("path_b").limit(limit).execute();
  return rows.map((r) => ({
    path: r.path_a === path ? r.path_b : r.path_a,
    shared: r.shared,
    degree: Math.round(r.degree * 1000) / 1000,
    hidden: !r.import_edge,
  }));
}

/** The history's totals of `path`, or null when no commit read touched it. */
export async function fileHistoryTotals(
  db: Kysely<Database>,
  analysisId: string,
  path: string,
): Promise<FileHistoryTotals | null> {
  const row = await db.selectFrom("analysis_file_history as h")
    .leftJoin(
      "analysis_authors as a",
      (j) => j.onRef("a.analysis_id", "=", "h.analysis_id").onRef("a.author_id", "=", "h.main_author_id"),
    )
    .selectAll("h").select("a.name")
    .where("h.analysis_id", "=", analysisId).where("h.path", "=", path).executeTakeFirst();
  if (!row) return null;
  return {
    commits: row.commits,
    added: Number(row.added),
    deleted: Number(row.deleted),
    authors: row.authors,
    mainAuthor: row.name,
    mainAuthorShare: row.main_author_share === null ? null : Math.round(row.main_author_share * 1000) / 1000,
    firstChangedAt: row.first_at.toISOString(),
    lastChangedAt: row.last_at.toISOString(),
  };
}

/** The people who changed `path` (aliases merged), most lines added first. */
export async function fileAuthors(
  db: Kysely<Database>,
  analysisId: string,
  path: string,
  limit = 10,
): Promise<FileAuthor[]> {
  const rows = await db.selectFrom("analysis_changes as x")
    .innerJoin(
      "analysis_author_aliases as m",
      (j) => j.onRef("m.analysis_id", "=", "x.analysis_id").onRef("m.raw_id", "=", "x.raw_author_id"),
    )
    .innerJoin(
      "analysis_authors as a",
      (j) => j.onRef("a.analysis_id", "=", "m.analysis_id").onRef("a.author_id", "=", "m.author_id"),
    )
    .select((eb) => [
      "a.author_id",
      "a.name",
      "a.is_bot",
      eb.fn.countAll<string>().as("commits"),
      eb.fn.coalesce(eb.fn.sum<string>("x.added"), eb.lit(0)).as("added"),
      eb.fn.coalesce(eb.fn.sum<string>("x.deleted"), eb.lit(0)).as("deleted"),
    ])
    .where("x.analysis_id", "=", analysisId).where("x.path", "=", path)
    .groupBy(["a.author_id", "a.name", "a.is_bot"])
    .orderBy("a.is_bot").orderBy("added", "desc").orderBy("commits", "desc").orderBy("a.author_id")
    .execute();
  const humanAdded = rows.reduce((sum, r) => sum + (r.is_bot ? 0 : Number(r.added)), 0);
  return rows.slice(0, limit).map((r) => ({
    name: r.name,
    isBot: r.is_bot,
    commits: Number(r.commits),
    added: Number(r.added),
    deleted: Number(r.deleted),
    share: r.is_bot || humanAdded === 0 ? null : Math.round((Number(r.added) / humanAdded) * 1000) / 1000,
  }));
}

/** A page of the commits that changed `path` (renames followed), newest first. */
export async function fileCommits(
  db: Kysely<Database>,
  analysisId: string,
  path: string,
  options: { limit: number; offset: number },
): Promise<Page<FileCommit>> {
  const changes = db.selectFrom("analysis_changes as x").where("x.analysis_id", "=", analysisId)
    .where("x.path", "=", path);
  const [rows, count] = await Promise.all([
    changes
      // Commits are indexed by time, not sha: the change's own time finds its commit through that index.
      .innerJoin(
        "analysis_commits as c",
        (j) =>
          j.onRef("c.analysis_id", "=", "x.analysis_id").onRef("c.authored_at", "=", "x.authored_at")
            .onRef("c.sha", "=", "x.sha"),
      )
      .leftJoin(
        "analysis_author_aliases as m",
        (j) => j.onRef("m.analysis_id", "=", "x.analysis_id").onRef("m.raw_id", "=", "x.raw_author_id"),
      )
      .leftJoin(
        "analysis_authors as a",
        (j) => j.onRef("a.analysis_id", "=", "m.analysis_id").onRef("a.author_id", "=", "m.author_id"),
      )
      .select(["x.sha", "x.authored_at", "a.name", "c.subject", "x.added", "x.deleted", "x.changed_path"])
      .orderBy("x.authored_at", "desc").orderBy("x.sha").limit(options.limit).offset(options.offset).execute(),
    changes.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return pageOf(
    rows.map((r) => ({
      sha: r.sha,
      authoredAt: r.authored_at.toISOString(),
      author: r.name,
      subject: r.subject,
      added: r.added,
      deleted: r.deleted,
      changedPath: r.changed_path,
    })),
    count.n,
    options,
  );
}

/** A file with its functions, imports, importers and — when the analysis has a history — coupling and commits. */
export interface FileDetail {
  file: FileInfo;
  functions: Page<FileFunction>;
  imports: FileImport[];
  importers: Page<FileImporter>;
  coupling: FileCoupling[];
  /** Null when the analysis ran without its history. */
  history: { totals: FileHistoryTotals | null; authors: FileAuthor[]; commits: Page<FileCommit> } | null;
}

/** Everything stored about `path` (pages of the long lists as asked), or null when the analysis has no such file. */
export async function loadFileDetail(
  db: Kysely<Database>,
  analysisId: string,
  path: string,
  options: {
    withHistory: boolean;
    functions: { order: "line" | "ccn"; limit: number; offset: number };
    importers: { limit: number; offset: number };
    commits: { limit: number; offset: number };
  },
): Promise<FileDetail | null> {
  const file = await findFile(db, analysisId, path);
  if (!file) return null;
  const [functions, imports, importers, history] = await Promise.all([
    fileFunctions(db, file.structureId, options.functions),
    fileImports(db, analysisId, path),
    fileImporters(db, analysisId, path, options.importers),
    options.withHistory
      ? Promise.all([
        fileHistoryTotals(db, analysisId, path),
        fileAuthors(db, analysisId, path),
        fileCommits(db, analysisId, path, options.commits),
        fileCoupling(db, analysisId, path),
      ])
      : null,
  ]);
  return {
    file,
    functions,
    imports,
    importers,
    coupling: history?.[3] ?? [],
    history: history && { totals: history[0], authors: history[1], commits: history[2] },
  };
}
