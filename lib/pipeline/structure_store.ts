import { type Kysely, sql } from "kysely";
import type { AnalyzedFile, StructureStore } from "../analysis/analyze_checkout.ts";
import type { FileStructure } from "../analysis/parse/extract.ts";
import { ANALYZER_VERSION } from "../analysis/parse/registry.ts";
import { type BulkColumn, bulkInsert, columnsOf } from "../db/bulk_insert.ts";
import type { Database } from "../db/schema.ts";

const COPIED_COLUMNS = {
  analysis_files: [
    "path",
    "language",
    "category",
    "bytes",
    "code",
    "comment",
    "blank",
    "blob_sha",
    "skip_reason",
    "parse_errors",
    "functions",
    "max_ccn",
  ],
  analysis_functions: [
    "file_path",
    "name",
    "qualified_name",
    "start_line",
    "end_line",
    "ccn",
    "params",
    "nloc",
    "max_nesting",
    "doc",
  ],
  analysis_classes: ["file_path", "name", "qualified_name", "kind", "start_line", "end_line", "doc"],
} as const;

/** Copies the rows of unchanged files from one analysis to another, inside Postgres (no round trip per row). */
async function copyRows(db: Kysely<Database>, from: string, to: string, paths: string[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [table, columns] of Object.entries(COPIED_COLUMNS)) {
      const pathColumn = table === "analysis_files" ? "path" : "file_path";
      const list = sql.join(columns.map((c) => sql.ref(c)));
      await sql`insert into ${sql.table(table)} (analysis_id, ${list})
        select ${to}::uuid, ${sql.join(columns.map((c) => sql.ref(`t.${c}`)))} from ${sql.table(table)} as t
        join unnest(${paths}::text[]) as kept(path) on kept.path = ${sql.ref(`t.${pathColumn}`)}
        where t.analysis_id = ${from}::uuid`.execute(trx);
    }
  });
}

/** Removes what an earlier (interrupted) run of this analysis stored: a re-run never doubles rows. */
export async function clearStructure(db: Kysely<Database>, analysisId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of ["analysis_files", "analysis_functions", "analysis_classes", "analysis_imports"] as const) {
      await trx.deleteFrom(table).where("analysis_id", "=", analysisId).execute();
    }
  });
}

type CachedBlob = { blob: string; language: string; structure: FileStructure };
type FunctionRow = { path: string; fn: FileStructure["functions"][number] };
type ClassRow = { path: string; c: FileStructure["classes"][number] };

const BLOB_COLUMNS: BulkColumn<CachedBlob>[] = [
  { name: "blob_sha", type: "text", value: (e) => e.blob },
  { name: "analyzer_version", type: "text", value: () => ANALYZER_VERSION },
  { name: "language", type: "text", value: (e) => e.language },
  { name: "result", type: "jsonb", value: (e) => JSON.stringify(e.structure) },
];

/** The database side of an analysis: the blob cache and the per-analysis tables. */
export function createStructureStore(db: Kysely<Database>, analysisId: string): StructureStore {
  let previousId: string | null = null;
  const FILE_COLUMNS = columnsOf<ReturnType<typeof fileRow>>(
    ["analysis_id", "uuid"],
    ["path", "text"],
    ["language", "text"],
    ["category", "text"],
    ["bytes", "bigint"],
    ["code", "integer"],
    ["comment", "integer"],
    ["blank", "integer"],
    ["blob_sha", "text"],
    ["skip_reason", "text"],
    ["parse_errors", "integer"],
    ["functions", "integer"],
    ["max_ccn", "integer"],
  );
  const FUNCTION_COLUMNS: BulkColumn<FunctionRow>[] = [
    { name: "analysis_id", type: "uuid", value: () => analysisId },
    { name: "file_path", type: "text", value: (r) => r.path },
    { name: "name", type: "text", value: (r) => r.fn.name },
    { name: "qualified_name", type: "text", value: (r) => r.fn.qualifiedName },
    { name: "start_line", type: "integer", value: (r) => r.fn.startLine },
    { name: "end_line", type: "integer", value: (r) => r.fn.endLine },
    { name: "ccn", type: "integer", value: (r) => r.fn.ccn },
    { name: "params", type: "integer", value: (r) => r.fn.params },
    { name: "nloc", type: "integer", value: (r) => r.fn.nloc },
    { name: "max_nesting", type: "integer", value: (r) => r.fn.maxNesting },
    { name: "doc", type: "text", value: (r) => r.fn.doc },
  ];
  const CLASS_COLUMNS: BulkColumn<ClassRow>[] = [
    { name: "analysis_id", type: "uuid", value: () => analysisId },
    { name: "file_path", type: "text", value: (r) => r.path },
    { name: "name", type: "text", value: (r) => r.c.name },
    { name: "qualified_name", type: "text", value: (r) => r.c.qualifiedName },
    { name: "kind", type: "text", value: (r) => r.c.kind },
    { name: "start_line", type: "integer", value: (r) => r.c.startLine },
    { name: "end_line", type: "integer", value: (r) => r.c.endLine },
    { name: "doc", type: "text", value: (r) => r.c.doc },
  ];
  return {
    async cached(keys) {
      const found = new Map<string, FileStructure>();
      const blobs = [...new Set(keys.map((k) => k.blob))];
      if (!blobs.length) return found;
      const rows = await db.selectFrom("blob_results").select(["blob_sha", "language", "result"])
        .where("analyzer_version", "=", ANALYZER_VERSION)
        .where("blob_sha", "=", sql<string>`any(${blobs}::text[])`)
        .execute();
      for (const row of rows) found.set(`${row.blob_sha}\0${row.language}`, row.result as FileStructure);
      return found;
    },
    async previous() {
      const row = await db.selectFrom("analyses as a")
        .innerJoin("analyses as current", "current.repository_id", "a.repository_id")
        .select("a.id")
        .where("current.id", "=", analysisId)
        .where("a.id", "!=", analysisId)
        .where("a.status", "=", "succeeded")
        .where("a.analyzer_version", "=", ANALYZER_VERSION)
        .orderBy("a.finished_at", "desc")
        .limit(1)
        .executeTakeFirst();
      if (!row) return null;
      previousId = row.id;
      // Only rows that a fresh run would produce again: not a parser failure (perhaps transient),
      // not a symlink, submodule or missing object.
      const files = await db.selectFrom("analysis_files").select(["path", "blob_sha"])
        .where("analysis_id", "=", row.id)
        .where((eb) =>
          eb.or([
            eb("skip_reason", "is", null),
            eb("skip_reason", "=", "binary"),
            eb("skip_reason", "like", "larger than%"),
          ])
        )
        .execute();
      return { analysisId: row.id, blobs: new Map(files.filter((f) => f.blob_sha).map((f) => [f.path, f.blob_sha!])) };
    },
    async copy(paths) {
      if (!previousId) throw new Error("copy() needs previous() first");
      await copyRows(db, previousId, analysisId, paths);
    },
    async remember(entries) {
      await bulkInsert(db, "blob_results", BLOB_COLUMNS, entries, { onConflictDoNothing: true });
    },
    async write(files) {
      const functions = files.flatMap((f) => (f.structure?.functions ?? []).map((fn) => ({ path: f.path, fn })));
      const classes = files.flatMap((f) => (f.structure?.classes ?? []).map((c) => ({ path: f.path, c })));
      await db.transaction().execute(async (trx) => {
        await bulkInsert(trx, "analysis_files", FILE_COLUMNS, files.map(fileRow));
        await bulkInsert(trx, "analysis_functions", FUNCTION_COLUMNS, functions);
        await bulkInsert(trx, "analysis_classes", CLASS_COLUMNS, classes);
      });
    },
  };

  function fileRow(f: AnalyzedFile) {
    const functions = f.structure?.functions ?? [];
    return {
      analysis_id: analysisId,
      path: f.path,
      language: f.language,
      category: f.category,
      bytes: f.bytes,
      code: f.code,
      comment: f.comment,
      blank: f.blank,
      blob_sha: f.blob,
      skip_reason: f.skipReason,
      parse_errors: f.structure?.parseErrors ?? 0,
      functions: functions.length,
      max_ccn: functions.reduce((max, fn) => Math.max(max, fn.ccn), 0),
    };
  }
}
