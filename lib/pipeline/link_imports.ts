import { type Insertable, type Kysely, sql } from "kysely";
import type { AnalyzeSummary } from "../analysis/analyze_checkout.ts";
import type { ImportKind, RawImport } from "../analysis/imports/raw_import.ts";
import { createResolverContext, resolveImports } from "../analysis/imports/mod.ts";
import { bulkInsert, columnsOf } from "../db/bulk_insert.ts";
import type { BlobReader } from "../git/blob_reader.ts";
import type { AnalysisImportsTable, Database } from "../db/schema.ts";

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

/**
 * Resolves every file's imports against the analysed files (and manifests
 * such as go.mod, tsconfig.json, composer.json of the commit) and stores them:
 * a `target_path` is a dependency edge, an `external` a package outside.
 */
export async function linkImports(
  db: Kysely<Database>,
  analysisId: string,
  reader: BlobReader,
  summary: Pick<AnalyzeSummary, "imports" | "reused">,
): Promise<void> {
  const files = [...summary.imports, ...await copiedImports(db, analysisId, summary.reused)];
  const analysed = await db.selectFrom("analysis_files").select(["path", "blob_sha", "bytes", "skip_reason"])
    .where("analysis_id", "=", analysisId).execute();
  const blobs = new Map(
    analysed.filter((f) => !f.skip_reason && f.bytes <= MAX_MANIFEST_BYTES).map((f) => [
      f.path,
      f.blob_sha,
    ]),
  );
  const context = await createResolverContext(analysed.map((f) => f.path), async (path) => {
    // Only regular files of the commit, read from git: a manifest that is a symlink is skipped.
    const blob = blobs.get(path);
    const bytes = blob ? await reader.read(blob) : null;
    return bytes ? new TextDecoder().decode(bytes) : null;
  });
  const rows = files.flatMap((file) =>
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
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("analysis_imports").where("analysis_id", "=", analysisId).execute();
    await bulkInsert(trx, "analysis_imports", IMPORT_COLUMNS, rows);
  });
}

/** The raw imports of unchanged files, copied from the previous analysis. */
async function copiedImports(
  db: Kysely<Database>,
  analysisId: string,
  paths: string[],
): Promise<{ path: string; language: string; imports: RawImport[] }[]> {
  if (!paths.length) return [];
  const rows = await db.selectFrom("analysis_imports as i")
    .innerJoin(
      "analysis_files as f",
      (join) => join.onRef("f.analysis_id", "=", "i.analysis_id").onRef("f.path", "=", "i.file_path"),
    )
    .select(["i.file_path", "f.language", "i.module", "i.line", "i.kind"])
    .where("i.analysis_id", "=", analysisId)
    .where("i.file_path", "=", sql<string>`any(${paths}::text[])`)
    .execute();
  const byFile = new Map<string, { path: string; language: string; imports: RawImport[] }>();
  for (const row of rows) {
    if (!row.language) continue;
    let file = byFile.get(row.file_path);
    if (!file) byFile.set(row.file_path, file = { path: row.file_path, language: row.language, imports: [] });
    file.imports.push({ module: row.module, line: row.line, kind: row.kind as ImportKind });
  }
  return [...byFile.values()];
}
