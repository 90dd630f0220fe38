import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { findAnalysis } from "../pipeline/analyses.ts";

/** Line totals of one language. */
export interface LanguageTotals {
  files: number;
  code: number;
  comment: number;
  blank: number;
}

/** The analysis report; its shape is a stable interface (see PRODUCT.md). */
export interface Report {
  repo: { url: string; name: string; ref: string | null; commit: string | null };
  analysis: { id: string; status: string; createdAt: string; finishedAt: string | null };
  summary: {
    files: number;
    languages: Record<string, LanguageTotals>;
    categories: Record<string, number>;
  };
  files: ReportFile[];
  /** Null until history is analysed (issue #4). */
  history: null;
  timings: Record<string, number>;
}

/** One file in the report. */
export interface ReportFile {
  path: string;
  language: string | null;
  category: string;
  bytes: number;
  lines: { code: number; comment: number; blank: number };
  functions: never[];
  imports: never[];
}

/** Categories whose lines are listed but kept out of language totals. */
const OUTSIDE_METRICS = new Set(["vendored", "generated", "binary"]);

/**
 * Builds the report of a finished analysis from the database: the one
 * builder the API, the CLI and exports share. Null when the id is unknown.
 */
export async function buildReport(db: Kysely<Database>, analysisId: string): Promise<Report | null> {
  const analysis = await findAnalysis(db, analysisId);
  if (!analysis) return null;
  const rows = await db.selectFrom("analysis_files")
    .select(["path", "language", "category", "bytes", "code", "comment", "blank"])
    .where("analysis_id", "=", analysisId)
    .orderBy("path")
    .execute();
  const languages: Record<string, LanguageTotals> = {};
  const categories: Record<string, number> = {};
  for (const row of rows) {
    categories[row.category] = (categories[row.category] ?? 0) + 1;
    if (!row.language || OUTSIDE_METRICS.has(row.category)) continue;
    const totals = languages[row.language] ??= { files: 0, code: 0, comment: 0, blank: 0 };
    totals.files++;
    totals.code += row.code;
    totals.comment += row.comment;
    totals.blank += row.blank;
  }
  return {
    repo: { url: analysis.repoUrl, name: analysis.repoName, ref: analysis.ref, commit: analysis.commit },
    analysis: {
      id: analysis.id,
      status: analysis.status,
      createdAt: analysis.createdAt,
      finishedAt: analysis.finishedAt,
    },
    summary: { files: rows.length, languages: sortByCode(languages), categories },
    files: rows.map((row) => ({
      path: row.path,
      language: row.language,
      category: row.category,
      bytes: row.bytes,
      lines: { code: row.code, comment: row.comment, blank: row.blank },
      functions: [],
      imports: [],
    })),
    history: null,
    timings: analysis.timings,
  };
}

function sortByCode(languages: Record<string, LanguageTotals>): Record<string, LanguageTotals> {
  return Object.fromEntries(Object.entries(languages).sort(([, a], [, b]) => b.code - a.code));
}
