import { type Insertable, type Kysely, sql } from "kysely";
import type { ImportKind, RawImport } from "../analysis/imports/raw_import.ts";
import { createResolverContext, resolveImports } from "../analysis/imports/mod.ts";
import { bulkInsert, columnsOf } from "../db/bulk_insert.ts";
import type { BlobReader } from "../git/blob_reader.ts";
import type { AnalysisImportsTable, Database } from "../db/schema.ts";
import { unchangedPaths } from "./structure_store.ts";

type ImportRow = Insertable<AnalysisImportsTable>;

const IMPORT_COLUMNS = columnsOf<ImportRow>(
  ["analysis_id", "uuid"],
  ["file_path", "text"],
  ["module", "text"],
  ["line", "integer"],
  ["kind", "text"],
  ["target_path", "text"],
  ["external", "text"],
);
const MAX_MANIFEST_BYTES = 1024 * 1024;

/** Files whose change can change how other files' imports resolve. */
const MANIFEST = /(^|\/)(go\.mod|Cargo\.toml|composer\.json|[^/]*\.json)$/;

/**
 * Resolves every file's imports against the analysed files (and manifests
 * such as go.mod, tsconfig.json, composer.json of the commit) and stores them:
 * a `target_path` is a dependency edge, an `external` a package outside.
 * Resolution depends only on the set of paths and the manifests: when neither
 * changed since the analysis the unchanged files were reused from, their
 * resolved imports are copied and only changed files are resolved.
 */
export async function linkImports(
  db: Kysely<Database>,
  analysisId: string,
  reader: BlobReader,
  from: string | null,
): Promise<void> {
  const analysed = await db.selectFrom("analysis_files").select(["path", "blob_sha", "bytes", "skip_reason"])
    .where("analysis_id", "=", analysisId).execute();
  const reused = from === null ? [] : await unchangedPaths(db, analysisId, from);
  const copyResolved = from !== null && await sameWorld(db, from, analysed.map((f) => f.path), reused);
  let paths: string[] | null = null;
  if (copyResolved) {
    const reusedPaths = new Set(reused);
    paths = analysed.map((f) => f.path).filter((path) => !reusedPaths.has(path));
  }
  const files = await importsAsWritten(db, analysisId, paths);
  const rows = files.length ? await resolve(analysisId, analysed, reader, files) : [];
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("analysis_imports").where("analysis_id", "=", analysisId).execute();
    if (copyResolved) await copyResolvedImports(trx, from!, analysisId, reused);
    await bulkInsert(trx, "analysis_imports", IMPORT_COLUMNS, rows);
  });
}

async function resolve(
  analysisId: string,
  analysed: { path: string; blob_sha: string | null; bytes: number; skip_reason: string | null }[],
  reader: BlobReader,
  files: { path: string; language: string; imports: RawImport[] }[],
): Promise<ImportRow[]> {
  const blobs = new Map(
    analysed.filter((f) => !f.skip_reason && f.bytes <= MAX_MANIFEST_BYTES).map((f) => [f.path, f.blob_sha]),
  );
  const context = await createResolverContext(analysed.map((f) => f.path), async (path) => {
    // Only regular files of the commit, read from git: a manifest that is a symlink is skipped.
    const blob = blobs.get(path);
    const bytes = blob ? await reader.read(blob) : null;
    return bytes ? new TextDecoder().decode(bytes) : null;
  });
  return files.flatMap((file) =>
    resolveImports(context, file.path, file.language, file.imports).map((r) => ({
      analysis_id: analysisId,
      file_path: file.path,
      module: r.module,
      line: r.line,
      kind: r.kind,
      target_path: r.target,
      external: r.external,
    }))
  );
}

/** True when the previous analysis had exactly these paths and no manifest changed since. */
async function sameWorld(
  db: Kysely<Database>,
  previousId: string,
  paths: string[],
  reused: string[],
): Promise<boolean> {
  const kept = new Set(reused);
  if (paths.some((path) => !kept.has(path) && MANIFEST.test(path))) return false;
  const before = await db.selectFrom("analysis_files").select("path").where("analysis_id", "=", previousId).execute();
  if (before.length !== paths.length) return false;
  const now = new Set(paths);
  return before.every((row) => now.has(row.path));
}

/** Copies the resolved imports of the unchanged files from the previous analysis. */
async function copyResolvedImports(db: Kysely<Database>, from: string, to: string, paths: string[]): Promise<void> {
  await sql`insert into analysis_imports (analysis_id, file_path, module, line, kind, target_path, external)
    select ${to}::uuid, i.file_path, i.module, i.line, i.kind, i.target_path, i.external
    from analysis_imports as i join unnest(${paths}::text[]) as kept(path) on kept.path = i.file_path
    where i.analysis_id = ${from}::uuid`.execute(db);
}

/** The imports of the analysis's files as written in them (of only `paths` when given), from the parse cache. */
async function importsAsWritten(
  db: Kysely<Database>,
  analysisId: string,
  paths: string[] | null,
): Promise<{ path: string; language: string; imports: RawImport[] }[]> {
  if (paths?.length === 0) return [];
  const changed = paths ? sql`join unnest(${paths}::text[]) as changed(path) on changed.path = f.path` : sql``;
  const rows = await sql<{ path: string; language: string; module: string; line: number; kind: string }>`
    select f.path, f.language, i.module, i.line, i.kind
    from analysis_files f ${changed} join blob_imports i on i.structure_id = f.structure_id
    where f.analysis_id = ${analysisId}::uuid and f.language is not null
    order by f.path, i.line`.execute(db);
  const byFile = new Map<string, { path: string; language: string; imports: RawImport[] }>();
  for (const row of rows.rows) {
    let file = byFile.get(row.path);
    if (!file) byFile.set(row.path, file = { path: row.path, language: row.language, imports: [] });
    file.imports.push({ module: row.module, line: row.line, kind: row.kind as ImportKind });
  }
  return [...byFile.values()];
}
