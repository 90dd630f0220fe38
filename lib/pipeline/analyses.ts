import type { Kysely } from "kysely";
import type { Analysis, AnalysisStatus, Database } from "../db/schema.ts";
import type { ProgressEvent } from "./progress.ts";
import { isUuid } from "../shared/ids.ts";

/** An analysis with its repository's URL and name, as pages and the API show it. */
export interface AnalysisView {
  id: string;
  status: AnalysisStatus;
  stage: string;
  progress: number;
  message: string | null;
  error: { code: string; message: string } | null;
  repoUrl: string;
  repoName: string;
  ref: string | null;
  commit: string | null;
  timings: Record<string, number>;
  stats: Record<string, number>;
  /** The history's totals once read (see HistorySummary), or null. */
  history: Record<string, unknown> | null;
  /** Jobs that ran it so far (a resumed analysis has more than one). */
  attempts: number;
  /** A cancel was asked for and the worker has not stopped yet. */
  cancelRequested: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

function baseQuery(db: Kysely<Database>) {
  return db.selectFrom("analyses")
    .innerJoin("repositories", "repositories.id", "analyses.repository_id")
    .selectAll("analyses")
    .select(["repositories.url as repo_url", "repositories.display_name as repo_name"]);
}

function toView(row: Analysis & { repo_url: string; repo_name: string }): AnalysisView {
  return {
    id: row.id,
    status: row.status,
    stage: row.stage,
    progress: row.progress,
    message: row.progress_message,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? "" } : null,
    repoUrl: row.repo_url,
    repoName: row.repo_name,
    ref: row.ref,
    commit: row.commit_sha,
    timings: row.timings,
    stats: row.stats,
    history: row.history,
    attempts: row.attempts,
    cancelRequested: row.cancel_requested && !["succeeded", "failed", "canceled"].includes(row.status),
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

/**
 * One analysis, or null when the id is unknown (or not an id at all). An
 * analysis that found its commit analysed before is that earlier analysis.
 */
export async function findAnalysis(db: Kysely<Database>, id: string): Promise<AnalysisView | null> {
  if (!isUuid(id)) return null;
  const row = await baseQuery(db).where("analyses.id", "=", id).executeTakeFirst();
  if (row?.cached_from) {
    const source = await baseQuery(db).where("analyses.id", "=", row.cached_from).executeTakeFirst();
    if (source) return toView(source);
  }
  return row ? toView(row) : null;
}

/** Several analyses by id (each as {@link findAnalysis} sees it), in no particular order. */
export async function listAnalyses(db: Kysely<Database>, ids: string[]): Promise<AnalysisView[]> {
  if (!ids.length) return [];
  const rows = await baseQuery(db).where("analyses.id", "in", ids).execute();
  const sourceIds = rows.flatMap((r) => r.cached_from ? [r.cached_from] : []);
  const sources = new Map(
    sourceIds.length ? (await baseQuery(db).where("analyses.id", "in", sourceIds).execute()).map((r) => [r.id, r]) : [],
  );
  return rows.map((row) => toView((row.cached_from && sources.get(row.cached_from)) || row));
}

/** The newest public analyses, for the home page. */
export async function listRecentAnalyses(db: Kysely<Database>, limit = 10): Promise<AnalysisView[]> {
  const rows = await baseQuery(db).where("analyses.cached_from", "is", null).where("analyses.private", "=", false)
    .orderBy("analyses.created_at", "desc").limit(limit).execute();
  return rows.map(toView);
}

/** The progress part of an analysis, in the shape progress events have. */
export function toProgressEvent(view: AnalysisView): ProgressEvent {
  return {
    id: view.id,
    status: view.status,
    stage: view.stage,
    progress: view.progress,
    message: view.message,
    errorCode: view.error?.code ?? null,
    errorMessage: view.error?.message ?? null,
  };
}
