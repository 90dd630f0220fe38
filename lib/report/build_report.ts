import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import type { FunctionInfo } from "../analysis/parse/extract.ts";
import { findAnalysis } from "../pipeline/analyses.ts";
import { type AnalysisSummary, summarize } from "./summary.ts";
import type { HistorySummary } from "../history/analyze_history.ts";
import {
  type Contributor,
  contributors,
  type Coupling,
  couplings,
  type DirectoryOwnership,
  type FileChurn,
  fileChurn,
  type Hotspot,
  hotspots,
  topLevelOwnership,
} from "../history/history_views.ts";

/** The analysis report; its shape is a stable interface (see PRODUCT.md). */
export interface Report {
  repo: { url: string; name: string; ref: string | null; commit: string | null };
  analysis: { id: string; status: string; createdAt: string; finishedAt: string | null };
  summary: AnalysisSummary;
  files: ReportFile[];
  /** Null when the analysis ran without history (`--no-history`). */
  history: ReportHistory | null;
  timings: Record<string, number>;
  /** Files parsed in this run and files whose parse was reused from the blob cache. */
  stats: Record<string, number>;
}

/** The history part: totals, churn per path, and the top of each metric (the API pages through all). */
export type ReportHistory = HistorySummary & {
  files: FileChurn[];
  hotspots: Hotspot[];
  contributors: Contributor[];
  coupling: Coupling[];
  ownership: DirectoryOwnership[];
};

/** One file in the report. */
export interface ReportFile {
  path: string;
  language: string | null;
  category: string;
  bytes: number;
  lines: { code: number; comment: number; blank: number };
  skipReason?: string;
  parseErrors?: number;
  functions: ReportFunction[];
  classes: { name: string; qualifiedName: string; kind: string; startLine: number; endLine: number }[];
  imports: ReportImport[];
}

/** A function in the report (lines 1-based): what the parser found, without its doc comment. */
export type ReportFunction = Omit<FunctionInfo, "doc">;

/** An import: `target` is a file of the repository, `external` a module outside it. */
export interface ReportImport {
  module: string;
  line: number;
  target: string | null;
  external: string | null;
}

/**
 * Builds the report of a finished analysis from the database: the one
 * builder the API, the CLI and exports share. Null when the id is unknown.
 */
export async function buildReport(db: Kysely<Database>, analysisId: string): Promise<Report | null> {
  const analysis = await findAnalysis(db, analysisId);
  if (!analysis) return null;
  const rows = await db.selectFrom("analysis_files")
    .select(["path", "language", "category", "bytes", "code", "comment", "blank", "skip_reason", "parse_errors"])
    .where("analysis_id", "=", analysisId)
    .orderBy("path")
    .execute();
  const functions = groupByFile(
    await db.selectFrom("analysis_files as file")
      .innerJoin("blob_functions as f", "f.structure_id", "file.structure_id")
      .select([
        "file.path as file_path",
        "f.name",
        "f.qualified_name",
        "f.start_line",
        "f.end_line",
        "f.ccn",
        "f.params",
        "f.nloc",
        "f.max_nesting",
      ])
      .where("file.analysis_id", "=", analysisId).orderBy("file.path").orderBy("f.start_line").execute(),
    (f): ReportFunction => ({
      name: f.name,
      qualifiedName: f.qualified_name,
      startLine: f.start_line,
      endLine: f.end_line,
      ccn: f.ccn,
      params: f.params,
      nloc: f.nloc,
      maxNesting: f.max_nesting,
    }),
  );
  const classes = groupByFile(
    await db.selectFrom("analysis_files as file")
      .innerJoin("blob_classes as c", "c.structure_id", "file.structure_id")
      .select(["file.path as file_path", "c.name", "c.qualified_name", "c.kind", "c.start_line", "c.end_line"])
      .where("file.analysis_id", "=", analysisId).orderBy("file.path").orderBy("c.start_line").execute(),
    (c) => ({
      name: c.name,
      qualifiedName: c.qualified_name,
      kind: c.kind,
      startLine: c.start_line,
      endLine: c.end_line,
    }),
  );
  const imports = groupByFile(
    await db.selectFrom("analysis_imports")
      .select(["file_path", "module", "line", "target_path", "external"])
      .where("analysis_id", "=", analysisId).orderBy("file_path").orderBy("line").execute(),
    (i): ReportImport => ({ module: i.module, line: i.line, target: i.target_path, external: i.external }),
  );
  return {
    repo: { url: analysis.repoUrl, name: analysis.repoName, ref: analysis.ref, commit: analysis.commit },
    analysis: {
      id: analysis.id,
      status: analysis.status,
      createdAt: analysis.createdAt,
      finishedAt: analysis.finishedAt,
    },
    summary: await summarize(db, analysisId),
    files: rows.map((row) => ({
      path: row.path,
      language: row.language,
      category: row.category,
      bytes: row.bytes,
      lines: { code: row.code, comment: row.comment, blank: row.blank },
      ...(row.skip_reason && { skipReason: row.skip_reason }),
      ...(row.parse_errors > 0 && { parseErrors: row.parse_errors }),
      functions: functions.get(row.path) ?? [],
      classes: classes.get(row.path) ?? [],
      imports: imports.get(row.path) ?? [],
    })),
    history: analysis.history
      ? await reportHistory(db, analysisId, analysis.history as unknown as HistorySummary)
      : null,
    timings: analysis.timings,
    stats: analysis.stats,
  };
}

async function reportHistory(
  db: Kysely<Database>,
  analysisId: string,
  summary: HistorySummary,
): Promise<ReportHistory> {
  const [files, top, people, coupled, owners] = await Promise.all([
    fileChurn(db, analysisId),
    hotspots(db, analysisId, 20),
    contributors(db, analysisId, { limit: 100 }),
    couplings(db, analysisId, 50),
    topLevelOwnership(db, analysisId),
  ]);
  return { ...summary, files, hotspots: top, contributors: people, coupling: coupled, ownership: owners };
}

function groupByFile<R extends { file_path: string }, T>(rows: R[], map: (row: R) => T): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    let list = grouped.get(row.file_path);
    if (!list) grouped.set(row.file_path, list = []);
    list.push(map(row));
  }
  return grouped;
}
