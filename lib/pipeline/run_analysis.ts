import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Kysely } from "kysely";
import { analyzeCheckout } from "../analysis/analyze_checkout.ts";
import type { ParsePool } from "../analysis/parse/parse_pool.ts";
import { ANALYZER_VERSION } from "../analysis/parse/registry.ts";
import type { Database } from "../db/schema.ts";
import { BlobReader } from "../git/blob_reader.ts";
import { fetchCommit, unpin } from "../git/clone.ts";
import { withAdvisoryLock } from "../db/advisory_lock.ts";
import { getLogger } from "../log.ts";
import { AnalysisError } from "./analysis_error.ts";
import { linkImports } from "./link_imports.ts";
import { analyzeHistory, type HistorySummary } from "../history/analyze_history.ts";
import { isFinished } from "../shared/stages.ts";
import { ProgressReporter } from "./progress.ts";
import { clearStructure, createStructureStore } from "./structure_store.ts";

const log = getLogger("pipeline");

/** What running an analysis needs from its host process. */
export interface RunDeps {
  db: Kysely<Database>;
  cloneTimeoutMs: number;
  /** The most commits of history read (one more is fetched, to know whether there were more). */
  historyMaxCommits: number;
  /** Where a bare mirror of each repository is kept between analyses (DATA_DIR/mirrors). */
  mirrorsDir: string;
  /** Parses files in Deno Workers; shared by the analyses of a process. */
  pool: ParsePool;
}

/** How a run ended, so the job knows whether to ask for a retry. */
export type RunOutcome = "succeeded" | "failed" | "skipped";

/**
 * Runs one analysis from clone to stored result, reporting progress as it
 * goes. Permanent errors end the analysis `failed` with a readable reason;
 * transient ones are rethrown for the job queue to retry, unless this was the
 * last attempt.
 */
export async function runAnalysis(
  deps: RunDeps,
  id: string,
  options: { signal?: AbortSignal; lastAttempt?: boolean } = {},
): Promise<RunOutcome> {
  const { db } = deps;
  const row = await db.selectFrom("analyses").innerJoin("repositories", "repositories.id", "analyses.repository_id")
    .select(["analyses.status", "analyses.ref", "analyses.with_history", "repositories.url"])
    .where("analyses.id", "=", id)
    .executeTakeFirst();
  if (!row || isFinished(row.status)) return "skipped";

  const timings: Record<string, number> = {};
  const timed = async <T>(stage: string, fn: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      timings[stage] = Math.round(performance.now() - start);
    }
  };
  const progress = new ProgressReporter(db, id, 250, (error) => log.warn("progress update failed: {error}", { error }));
  const mirror = mirrorDir(deps.mirrorsDir, row.url);
  let pinned = false;
  let reader: BlobReader | null = null;
  try {
    await progress.set({ status: "running", stage: "fetch", progress: 0.02, message: "Cloning" });
    await fs.mkdir(mirror, { recursive: true });
    // One fetch at a time per mirror, across every worker process.
    const checkout = await timed("fetch", () =>
      withAdvisoryLock(db, `mirror:${row.url}`, async () => {
        const fetched = await fetchCommit(row.url, row.ref, mirror, {
          timeoutMs: deps.cloneTimeoutMs,
          signal: options.signal,
          pin: id,
          depth: row.with_history ? deps.historyMaxCommits + 1 : 1,
        });
        pinned = true;
        return fetched;
      }));
    log.info("fetched {commit}", { commit: checkout.commit });

    await progress.set({ stage: "parse", progress: 0.2, commitSha: checkout.commit, message: "Reading files" });
    await clearStructure(db, id);
    reader = new BlobReader(checkout.dir);
    const source = { gitDir: checkout.dir, commit: checkout.commit, reader };
    const summary = await timed("parse", () =>
      analyzeCheckout(source, {
        pool: deps.pool,
        store: createStructureStore(db, id),
        signal: options.signal,
        onProgress: (done, total) =>
          progress.tick({ progress: 0.2 + 0.7 * (done / total), message: `Analysed ${done} of ${total} files` }),
      }));
    log.info("parsed {parsed} files, {cached} from the blob cache", { parsed: summary.parsed, cached: summary.cached });
    if (summary.configProblem) log.warn(summary.configProblem);

    await progress.set({ stage: "link", progress: 0.92, message: "Resolving imports" });
    await timed("link", () => linkImports(db, id, source.reader, summary));

    let history: HistorySummary | null = null;
    if (row.with_history) {
      await progress.set({ stage: "history", progress: 0.94, message: "Reading the history" });
      history = await timed("history", () =>
        analyzeHistory(db, id, checkout.dir, checkout.commit, {
          maxCommits: deps.historyMaxCommits,
          signal: options.signal,
          onProgress: (commits) => progress.tick({ message: `Read ${commits} commits` }),
        }));
    }
    await progress.set({
      status: "succeeded",
      stage: "done",
      progress: 1,
      message: `${summary.files} files`,
      timings,
      stats: { files: summary.files, parsed: summary.parsed, cached: summary.cached, reused: summary.reused.length },
      analyzerVersion: ANALYZER_VERSION,
      ...(history && { history: { ...history } }),
    });
    log.info("analysis succeeded with {files} files in {timings}", { files: summary.files, timings });
    return "succeeded";
  } catch (error) {
    return await recordFailure(progress, error, options);
  } finally {
    await reader?.close();
    if (pinned) await unpin(mirror, id);
  }
}

/** The mirror of a repository: a folder named by a hash of its URL, never by the URL itself. */
export function mirrorDir(mirrorsDir: string, url: string): string {
  return path.join(mirrorsDir, `${createHash("sha256").update(url).digest("hex").slice(0, 32)}.git`);
}

async function recordFailure(
  progress: ProgressReporter,
  error: unknown,
  options: { signal?: AbortSignal; lastAttempt?: boolean },
): Promise<RunOutcome> {
  if (options.signal?.aborted && !options.lastAttempt) {
    log.info("analysis interrupted; it will resume when a worker picks it up again");
    throw error;
  }
  // No attempt is left to resume an interrupted run: say so rather than leave it running forever.
  const failure = options.signal?.aborted
    ? new AnalysisError("interrupted", "The worker was stopped during the last attempt; submit it again")
    : error;
  const known = failure instanceof AnalysisError;
  if ((!known || failure.transient) && !options.lastAttempt) {
    log.warn("analysis attempt failed, will retry: {error}", { error });
    throw error;
  }
  const code = known ? failure.code : "internal_error";
  const message = known ? failure.message : "The analysis failed because of an internal error; it has been logged";
  if (!known) log.error("analysis failed: {error}", { error });
  else log.info("analysis failed: {code} {message}", { code, message });
  await progress.set({ status: "failed", errorCode: code, errorMessage: message, message: null });
  return "failed";
}
