import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";

/** Line totals of one language. */
export interface LanguageTotals {
  files: number;
  code: number;
  comment: number;
  blank: number;
}

/** The totals of an analysis, computed in the database (pages must not load every row). */
export interface AnalysisSummary {
  files: number;
  functions: number;
  languages: Record<string, LanguageTotals>;
  categories: Record<string, number>;
  /** Files whose content was not read or parsed, by reason (binary, too large, symlink …). */
  skipped: Record<string, number>;
}

/** Categories whose lines are listed but kept out of language totals. */
export const OUTSIDE_METRICS = ["vendored", "generated", "binary"] as const;

/** Sums an analysis's files per language, category and skip reason. */
export async function summarize(db: Kysely<Database>, analysisId: string): Promise<AnalysisSummary> {
  const [languageRows, categoryRows, skipRows, counts] = await Promise.all([
    db.selectFrom("analysis_files")
      .select((eb) => [
        "language",
        eb.fn.countAll<string>().as("files"),
        eb.fn.sum<string>("code").as("code"),
        eb.fn.sum<string>("comment").as("comment"),
        eb.fn.sum<string>("blank").as("blank"),
      ])
      .where("analysis_id", "=", analysisId)
      .where("language", "is not", null)
      .where("category", "not in", [...OUTSIDE_METRICS])
      .groupBy("language")
      .orderBy(sql`sum(code)`, "desc")
      .execute(),
    db.selectFrom("analysis_files").select((eb) => ["category", eb.fn.countAll<string>().as("files")])
      .where("analysis_id", "=", analysisId).groupBy("category").orderBy("category").execute(),
    db.selectFrom("analysis_files")
      .select((eb) => [
        sql<string>`case when skip_reason like 'larger than%' then 'too large'
          when skip_reason like 'parser failed%' then 'parser failed' else skip_reason end`.as("reason"),
        eb.fn.countAll<string>().as("files"),
      ])
      .where("analysis_id", "=", analysisId).where("skip_reason", "is not", null).groupBy("reason").execute(),
    db.selectFrom("analysis_files")
      .select((eb) => [eb.fn.countAll<string>().as("files"), eb.fn.sum<string>("functions").as("functions")])
      .where("analysis_id", "=", analysisId).executeTakeFirstOrThrow(),
  ]);
  return {
    files: Number(counts.files),
    functions: Number(counts.functions ?? 0),
    languages: Object.fromEntries(languageRows.map((r) => [r.language!, {
      files: Number(r.files),
      code: Number(r.code),
      comment: Number(r.comment),
      blank: Number(r.blank),
    }])),
    categories: Object.fromEntries(categoryRows.map((r) => [r.category, Number(r.files)])),
    skipped: Object.fromEntries(skipRows.map((r) => [r.reason, Number(r.files)])),
  };
}

/** A function among the most complex of an analysis. */
export interface ComplexFunction {
  path: string;
  name: string;
  qualifiedName: string;
  startLine: number;
  ccn: number;
  nloc: number;
  params: number;
  maxNesting: number;
}

/** The `limit` functions with the highest CCN (outside vendored and generated code). */
export async function mostComplexFunctions(
  db: Kysely<Database>,
  analysisId: string,
  limit = 10,
): Promise<ComplexFunction[]> {
  // Only files whose most complex function could be among the top `limit` are joined to their functions.
  const threshold = db.selectFrom("analysis_files").select("max_ccn")
    .where("analysis_id", "=", analysisId)
    .where("category", "not in", [...OUTSIDE_METRICS])
    .orderBy("max_ccn", "desc").offset(limit - 1).limit(1);
  const rows = await db.selectFrom("analysis_files as file")
    .innerJoin("blob_functions as f", "f.structure_id", "file.structure_id")
    .select([
      "file.path as file_path",
      "f.name",
      "f.qualified_name",
      "f.start_line",
      "f.ccn",
      "f.nloc",
      "f.params",
      "f.max_nesting",
    ])
    .where("file.analysis_id", "=", analysisId)
    .where("file.category", "not in", [...OUTSIDE_METRICS])
    .where(
      "file.max_ccn",
      ">=",
      (eb) => eb.fn.coalesce(eb.selectFrom(threshold.as("t")).select("t.max_ccn"), eb.lit(0)),
    )
    .orderBy("f.ccn", "desc").orderBy("f.nloc", "desc").orderBy("file.path").orderBy("f.start_line")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    path: r.file_path,
    name: r.name,
    qualifiedName: r.qualified_name,
    startLine: r.start_line,
    ccn: r.ccn,
    nloc: r.nloc,
    params: r.params,
    maxNesting: r.max_nesting,
  }));
}
