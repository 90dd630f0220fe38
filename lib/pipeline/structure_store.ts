import { type Kysely, sql } from "kysely";
import type { AnalyzedFile, StructureStore } from "../analysis/analyze_checkout.ts";
import type { FileStructure } from "../analysis/parse/extract.ts";
import { ANALYZER_VERSION } from "../analysis/parse/registry.ts";
import type { Database } from "../db/schema.ts";

const ROWS_PER_INSERT = 1000;

/** Removes what an earlier (interrupted) run of this analysis stored: a re-run never doubles rows. */
export async function clearStructure(db: Kysely<Database>, analysisId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of ["analysis_files", "analysis_functions", "analysis_classes", "analysis_imports"] as const) {
      await trx.deleteFrom(table).where("analysis_id", "=", analysisId).execute();
    }
  });
}

/** The database side of an analysis: the blob cache and the per-analysis tables. */
export function createStructureStore(db: Kysely<Database>, analysisId: string): StructureStore {
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
    async remember(entries) {
      for (let i = 0; i < entries.length; i += ROWS_PER_INSERT) {
        await db.insertInto("blob_results")
          .values(
            entries.slice(i, i + ROWS_PER_INSERT).map((e) => ({
              blob_sha: e.blob,
              analyzer_version: ANALYZER_VERSION,
              language: e.language,
              result: JSON.stringify(e.structure),
            })),
          )
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    },
    async write(files) {
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < files.length; i += ROWS_PER_INSERT) {
          await trx.insertInto("analysis_files").values(files.slice(i, i + ROWS_PER_INSERT).map(fileRow)).execute();
        }
        const functions = files.flatMap((f) =>
          (f.structure?.functions ?? []).map((fn) => ({
            analysis_id: analysisId,
            file_path: f.path,
            name: fn.name,
            qualified_name: fn.qualifiedName,
            start_line: fn.startLine,
            end_line: fn.endLine,
            ccn: fn.ccn,
            params: fn.params,
            nloc: fn.nloc,
            max_nesting: fn.maxNesting,
            doc: fn.doc,
          }))
        );
        for (let i = 0; i < functions.length; i += ROWS_PER_INSERT) {
          await trx.insertInto("analysis_functions").values(functions.slice(i, i + ROWS_PER_INSERT)).execute();
        }
        const classes = files.flatMap((f) =>
          (f.structure?.classes ?? []).map((c) => ({
            analysis_id: analysisId,
            file_path: f.path,
            name: c.name,
            qualified_name: c.qualifiedName,
            kind: c.kind,
            start_line: c.startLine,
            end_line: c.endLine,
            doc: c.doc,
          }))
        );
        for (let i = 0; i < classes.length; i += ROWS_PER_INSERT) {
          await trx.insertInto("analysis_classes").values(classes.slice(i, i + ROWS_PER_INSERT)).execute();
        }
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
