import { type Kysely, sql } from "kysely";
import type { AnalyzedFile, FreshStructure, StructureRef, StructureStore } from "../analysis/analyze_checkout.ts";
import { structureKey } from "../analysis/analyze_file.ts";
import type { FileStructure } from "../analysis/parse/extract.ts";
import { ANALYZER_VERSION } from "../analysis/parse/registry.ts";
import { type BulkColumn, bulkInsert, columnsOf } from "../db/bulk_insert.ts";
import type { Database } from "../db/schema.ts";

const FILE_COLUMNS = [
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
  "structure_id",
] as const;

/** Copies the file rows of unchanged files from one analysis to another, inside Postgres (no round trip per row). */
async function copyRows(db: Kysely<Database>, from: string, to: string, paths: string[]): Promise<void> {
  const list = sql.join(FILE_COLUMNS.map((c) => sql.ref(c)));
  await sql`insert into analysis_files (analysis_id, ${list})
    select ${to}::uuid, ${sql.join(FILE_COLUMNS.map((c) => sql.ref(`t.${c}`)))} from analysis_files as t
    join unnest(${paths}::text[]) as kept(path) on kept.path = t.path
    where t.analysis_id = ${from}::uuid
    on conflict do nothing`.execute(db);
}

/** Paths of an analysis whose file is what it was in the analysis `from` (same blob, same skip reason). */
export async function unchangedPaths(db: Kysely<Database>, analysisId: string, from: string): Promise<string[]> {
  const rows = await sql<{ path: string }>`select f.path from analysis_files f
    join analysis_files p on p.analysis_id = ${from}::uuid and p.path = f.path and p.blob_sha = f.blob_sha
      and p.skip_reason is not distinct from f.skip_reason
    where f.analysis_id = ${analysisId}::uuid`.execute(db);
  return rows.rows.map((r) => r.path);
}

/** Removes what an earlier (interrupted) run of this analysis stored: a re-run never doubles rows. */
export async function clearStructure(db: Kysely<Database>, analysisId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of ["analysis_files", "analysis_imports"] as const) {
      await trx.deleteFrom(table).where("analysis_id", "=", analysisId).execute();
    }
  });
}

type Fn = FileStructure["functions"][number];
type Cls = FileStructure["classes"][number];
type Imp = FileStructure["imports"][number];
type Child<T> = { id: number; row: T };

const FUNCTION_COLUMNS: BulkColumn<Child<Fn>>[] = [
  { name: "structure_id", type: "bigint", value: (r) => r.id },
  { name: "name", type: "text", value: (r) => r.row.name },
  { name: "qualified_name", type: "text", value: (r) => r.row.qualifiedName },
  { name: "start_line", type: "integer", value: (r) => r.row.startLine },
  { name: "end_line", type: "integer", value: (r) => r.row.endLine },
  { name: "ccn", type: "integer", value: (r) => r.row.ccn },
  { name: "params", type: "integer", value: (r) => r.row.params },
  { name: "nloc", type: "integer", value: (r) => r.row.nloc },
  { name: "max_nesting", type: "integer", value: (r) => r.row.maxNesting },
  { name: "doc", type: "text", value: (r) => r.row.doc },
];
const CLASS_COLUMNS: BulkColumn<Child<Cls>>[] = [
  { name: "structure_id", type: "bigint", value: (r) => r.id },
  { name: "name", type: "text", value: (r) => r.row.name },
  { name: "qualified_name", type: "text", value: (r) => r.row.qualifiedName },
  { name: "kind", type: "text", value: (r) => r.row.kind },
  { name: "start_line", type: "integer", value: (r) => r.row.startLine },
  { name: "end_line", type: "integer", value: (r) => r.row.endLine },
  { name: "doc", type: "text", value: (r) => r.row.doc },
];
const IMPORT_COLUMNS: BulkColumn<Child<Imp>>[] = [
  { name: "structure_id", type: "bigint", value: (r) => r.id },
  { name: "module", type: "text", value: (r) => r.row.module },
  { name: "line", type: "integer", value: (r) => r.row.line },
  { name: "kind", type: "text", value: (r) => r.row.kind },
];

/**
 * Stores structures parsed in this run once per (blob, language, analyzer
 * version), with their functions, classes and imports, and returns the id
 * of each key. A structure another analysis stored meanwhile is not stored
 * twice: the unique key makes the later insert wait for the first and skip.
 */
async function storeStructures(db: Kysely<Database>, fresh: FreshStructure[]): Promise<Map<string, number>> {
  const unique = new Map(fresh.map((f) => [structureKey(f.blob, f.language), f]));
  const ids = new Map<string, number>();
  if (!unique.size) return ids;
  // In key order: two analyses storing overlapping blobs wait for each other in one order, never deadlock.
  const entries = [...unique.entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([, f]) => f);
  const column = <T>(type: string, value: (f: FreshStructure) => T) => sql`${entries.map(value)}::${sql.raw(type)}[]`;
  const inserted = await sql<{ id: number; blob_sha: string; language: string }>`
    insert into blob_structures (blob_sha, language, analyzer_version, code, comment, blank, parse_errors, functions,
      max_ccn, total_ccn)
    select blob_sha, language, ${ANALYZER_VERSION}, code, comment, blank, parse_errors, functions, max_ccn, total_ccn
    from unnest(${
    sql.join([
      column("text", (f) => f.blob),
      column("text", (f) => f.language),
      column("integer", (f) => f.structure.lines.code),
      column("integer", (f) => f.structure.lines.comment),
      column("integer", (f) => f.structure.lines.blank),
      column("integer", (f) => f.structure.parseErrors),
      column("integer", (f) => f.structure.functions.length),
      column("integer", (f) => f.structure.functions.reduce((max, fn) => Math.max(max, fn.ccn), 0)),
      column("integer", (f) => f.structure.functions.reduce((sum, fn) => sum + fn.ccn, 0)),
    ])
  }) as u(blob_sha, language, code, comment, blank, parse_errors, functions, max_ccn, total_ccn)
    on conflict do nothing
    returning id, blob_sha, language`.execute(db);
  const functions: Child<Fn>[] = [];
  const classes: Child<Cls>[] = [];
  const imports: Child<Imp>[] = [];
  for (const row of inserted.rows) {
    const key = structureKey(row.blob_sha, row.language);
    const { structure } = unique.get(key)!;
    ids.set(key, row.id);
    for (const fn of structure.functions) functions.push({ id: row.id, row: fn });
    for (const c of structure.classes) classes.push({ id: row.id, row: c });
    for (const i of structure.imports) imports.push({ id: row.id, row: i });
  }
  await bulkInsert(db, "blob_functions", FUNCTION_COLUMNS, functions);
  await bulkInsert(db, "blob_classes", CLASS_COLUMNS, classes);
  await bulkInsert(db, "blob_imports", IMPORT_COLUMNS, imports);
  if (ids.size < unique.size) {
    const missing = entries.filter((f) => !ids.has(structureKey(f.blob, f.language)));
    for (const [key, ref] of await lookUp(db, missing)) ids.set(key, ref.id!);
  }
  return ids;
}

/** The cached structures of these blobs, by `structureKey`. */
async function lookUp(
  db: Kysely<Database>,
  keys: { blob: string; language: string }[],
): Promise<Map<string, StructureRef>> {
  const found = new Map<string, StructureRef>();
  const blobs = [...new Set(keys.map((k) => k.blob))];
  if (!blobs.length) return found;
  const rows = await db.selectFrom("blob_structures")
    .select(["id", "blob_sha", "language", "code", "comment", "blank", "parse_errors", "functions", "max_ccn"])
    .where("analyzer_version", "=", ANALYZER_VERSION)
    .where("blob_sha", "=", sql<string>`any(${blobs}::text[])`)
    .execute();
  for (const row of rows) {
    found.set(structureKey(row.blob_sha, row.language), {
      id: row.id,
      lines: { code: row.code, comment: row.comment, blank: row.blank },
      parseErrors: row.parse_errors,
      functions: row.functions,
      maxCcn: row.max_ccn,
    });
  }
  return found;
}

/** The database side of an analysis: the parse cache by blob and the analysis's file rows. */
export function createStructureStore(db: Kysely<Database>, analysisId: string): StructureStore {
  let previousId: string | null = null;
  const columns = columnsOf<ReturnType<typeof fileRow>>(
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
    ["structure_id", "bigint"],
  );
  return {
    cached: (keys) => lookUp(db, keys),
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
    async present() {
      const rows = await db.selectFrom("analysis_files").select("path").where("analysis_id", "=", analysisId)
        .execute();
      return new Set(rows.map((r) => r.path));
    },
    async copy(paths) {
      if (!previousId) throw new Error("copy() needs previous() first");
      await copyRows(db, previousId, analysisId, paths);
    },
    async write(files, fresh) {
      await db.transaction().execute(async (trx) => {
        const ids = await storeStructures(trx, fresh);
        const rows = files.map((f) => fileRow(f, ids));
        await bulkInsert(trx, "analysis_files", columns, rows);
      });
    },
  };

  function fileRow(f: AnalyzedFile, ids: Map<string, number>) {
    const structure = f.structure;
    const id = structure ? structure.id ?? ids.get(structureKey(f.blob!, f.language!)) : null;
    if (structure && id === undefined) throw new Error(`no stored structure for ${f.path}`);
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
      parse_errors: structure?.parseErrors ?? 0,
      functions: structure?.functions ?? 0,
      max_ccn: structure?.maxCcn ?? 0,
      structure_id: id ?? null,
    };
  }
}
