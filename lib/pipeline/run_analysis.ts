import fs from "node:fs/promises";
import type { Kysely } from "kysely";
import { analyzeCheckout } from "../analysis/analyze_checkout.ts";
import type { ParsePool } from "../analysis/parse/parse_pool.ts";
import { ANALYZER_VERSION } from "../analysis/parse/registry.ts";
import type { Database } from "../db/schema.ts";
import { BlobReader } from "../git/blob_reader.ts";
import { shallowClone } from "../git/clone.ts";
import { getLogger } from "../log.ts";
import { AnalysisError } from "./analysis_error.ts";
import { linkImports } from "./link_imports.ts";
import { isFinished } from "../shared/stages.ts";
import { ProgressReporter } from "./progress.ts";
import { clearStructure, createStructureStore } from "./structure_store.ts";

const log = getLogger("pipeline");

/** What running an analysis needs from its host process. */
export interface RunDeps {
  db: Kysely<Database>;
  cloneTimeoutMs: number;
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
    .select(["analyses.status", "analyses.ref", "repositories.url"]).where("analyses.id", "=", id)
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
  let dir: string | null = null;
  let reader: BlobReader | null = null;
  try {
    dir = await Deno.makeTempDir({ prefix: "codevoyage-clone-" });
    const into = dir;
    await progress.set({ status: "running", stage: "fetch", progress: 0.02, message: "Cloning" });
    const checkout = await timed(
      "fetch",
      () => shallowClone(row.url, row.ref, into, { timeoutMs: deps.cloneTimeoutMs, signal: options.signal }),
    );
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
    await progress.set({
      status: "succeeded",
      stage: "done",
      progress: 1,
      message: `${summary.files} files`,
      timings,
      stats: { files: summary.files, parsed: summary.parsed, cached: summary.cached, reused: summary.reused.length },
      analyzerVersion: ANALYZER_VERSION,
    });
    log.info("analysis succeeded with {files} files in {timings}", { files: summary.files, timings });
    return "succeeded";
  } catch (error) {
    return await recordFailure(progress, error, options);
  } finally {
    await reader?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  }
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
