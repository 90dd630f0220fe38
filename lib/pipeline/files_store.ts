import type { Kysely } from "kysely";
import type { CountedFile } from "../analysis/count_files.ts";
import type { Database } from "../db/schema.ts";

const BATCH = 1000;

/** Replaces an analysis's file rows in one transaction: a re-run never doubles them. */
export async function saveFiles(db: Kysely<Database>, analysisId: string, files: CountedFile[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("analysis_files").where("analysis_id", "=", analysisId).execute();
    for (let i = 0; i < files.length; i += BATCH) {
      await trx.insertInto("analysis_files")
        .values(
          files.slice(i, i + BATCH).map((f) => ({
            analysis_id: analysisId,
            path: f.path,
            language: f.language,
            category: f.category,
            bytes: f.bytes,
            code: f.code,
            comment: f.comment,
            blank: f.blank,
          })),
        )
        .execute();
    }
  });
}
