/** The history stage of an analysis: read the log into rows, then compute and store the metrics. */
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { ingestHistory } from "./ingest.ts";
import { computeHistoryMetrics } from "./metrics.ts";

/** The history's totals, as `analyses.history` and the report's `history` keep them. */
export interface HistorySummary {
  commits: number;
  merges: number;
  /** People (aliases merged), bots not counted. */
  authors: number;
  bots: number;
  /** The cap was reached: older commits were not read. */
  truncated: boolean;
  /** Why reading stopped before the end of the history (a missing object …), or null. */
  incomplete: string | null;
  maxCommits: number;
  firstCommitAt: string | null;
  lastCommitAt: string | null;
  truckFactor: number;
  truckFactorAuthors: string[];
}

/** Reads at most `maxCommits` commits reachable from `commit` and stores the history's rows and metrics. */
export async function analyzeHistory(
  db: Kysely<Database>,
  analysisId: string,
  gitDir: string,
  commit: string,
  options: { maxCommits: number; signal?: AbortSignal; onProgress?: (commits: number) => void },
): Promise<HistorySummary> {
  const read = await ingestHistory(db, analysisId, gitDir, commit, options);
  options.signal?.throwIfAborted();
  const metrics = await computeHistoryMetrics(db, analysisId, read);
  return {
    commits: read.commits,
    merges: read.merges,
    authors: metrics.authors,
    bots: metrics.bots,
    truncated: read.truncated,
    incomplete: read.incomplete,
    maxCommits: options.maxCommits,
    firstCommitAt: read.firstAt?.toISOString() ?? null,
    lastCommitAt: read.lastAt?.toISOString() ?? null,
    truckFactor: metrics.truckFactor,
    truckFactorAuthors: metrics.truckFactorAuthors,
  };
}
