import { type Kysely, sql } from "kysely";
import { ANALYZER_VERSION } from "../analysis/parse/registry.ts";
import type { Database } from "../db/schema.ts";
import type { RepoLocation } from "../repo/url.ts";
import { AnalysisError } from "./analysis_error.ts";

/** The graphile-worker task that runs an analysis. */
export const ANALYSIS_TASK = "analysis__run";

/** How often a crashed or failing analysis job is tried before it is failed. */
export const ANALYSIS_MAX_ATTEMPTS = 5;

/** Finds the commit a ref names now; null when only fetching can tell. Throws an AnalysisError. */
export type ResolveRef = (url: string, ref: string | null) => Promise<string | null>;

/** What a submission led to. */
export interface Submission {
  id: string;
  /** An earlier analysis of the same commit answered: no new work. */
  cached: boolean;
  /** An analysis of the same commit was already queued or running: this request joined it. */
  joined: boolean;
}

/** What to analyse and how. */
export interface SubmitInput {
  repo: RepoLocation;
  ref: string | null;
  requestId?: string;
  /** False (the CLI): the caller runs the analysis itself, no job is queued. */
  queue?: boolean;
  withHistory?: boolean;
  /** Analyse again even when an analysis of this commit succeeded. */
  force?: boolean;
  /** Resolves the ref before anything is stored, so a known commit is answered from the cache. */
  resolve?: ResolveRef;
}

/**
 * Records a new analysis of `repo` at `ref` and queues its job, atomically —
 * unless the commit is known already: the key is (repository URL, commit,
 * analyzer version). A succeeded analysis of it is returned as `cached` (not
 * with `force`); one queued or running is joined, which a unique index on
 * in-flight analyses guarantees across every web process. A ref that cannot
 * exist (no such repository, no commits, credentials) gives an analysis that
 * failed at `resolve`; one that could not be resolved now (network) is
 * resolved by the job.
 */
export async function submitAnalysis(db: Kysely<Database>, input: SubmitInput): Promise<Submission> {
  const withHistory = input.withHistory ?? true;
  let commit: string | null = null;
  let failure: AnalysisError | null = null;
  const started = performance.now();
  if (input.resolve) {
    try {
      commit = await input.resolve(input.repo.url, input.ref);
    } catch (error) {
      if (!(error instanceof AnalysisError)) throw error;
      if (!error.transient) failure = error;
    }
  }
  const resolveMs = Math.round(performance.now() - started);
  for (let attempt = 1;; attempt++) {
    try {
      return await record(db, input, { commit, failure, resolveMs, withHistory });
    } catch (error) {
      // The analysis we would have joined ended meanwhile: now it is a cache hit, or we start a new one.
      if (!(error instanceof AnalysisError && error.code === "retry_submission") || attempt === 3) throw error;
    }
  }
}

async function record(
  db: Kysely<Database>,
  input: SubmitInput,
  { commit, failure, resolveMs, withHistory }: {
    commit: string | null;
    failure: AnalysisError | null;
    resolveMs: number;
    withHistory: boolean;
  },
): Promise<Submission> {
  return await db.transaction().execute(async (trx) => {
    const repository = await trx.insertInto("repositories")
      .values({ url: input.repo.url, display_name: input.repo.displayName })
      .onConflict((oc) => oc.column("url").doUpdateSet({ display_name: (eb) => eb.ref("excluded.display_name") }))
      .returning("id")
      .executeTakeFirstOrThrow();
    if (commit && !input.force) {
      const cached = await findCached(trx, repository.id, commit, withHistory);
      if (cached) return { id: cached, cached: true, joined: false };
    }
    const inserted = await sql<{ id: string }>`
      insert into analyses (repository_id, ref, commit_sha, request_id, with_history, force, analyzer_version, status,
        stage, error_code, error_message, finished_at, timings)
      values (${repository.id}, ${input.ref}, ${commit}, ${input.requestId ?? null}, ${withHistory},
        ${input.force ?? false}, ${ANALYZER_VERSION}, ${failure ? "failed" : "queued"},
        ${failure ? "resolve" : "queued"}, ${failure?.code ?? null}, ${failure?.message ?? null},
        ${failure ? sql`now()` : null}, ${JSON.stringify(commit ? { resolve: resolveMs } : {})}::jsonb)
      on conflict (repository_id, commit_sha, with_history)
        where status in ('queued', 'running') and commit_sha is not null
      do nothing
      returning id`.execute(trx);
    const id = inserted.rows[0]?.id;
    if (!id) {
      const running = await trx.selectFrom("analyses").select("id")
        .where("repository_id", "=", repository.id).where("commit_sha", "=", commit)
        .where("with_history", "=", withHistory).where("status", "in", ["queued", "running"])
        .executeTakeFirst();
      if (!running) throw new AnalysisError("retry_submission", "The analysis ended meanwhile", { transient: true });
      return { id: running.id, cached: false, joined: true };
    }
    if (!failure && input.queue !== false) await queueJob(trx, id, input.requestId);
    return { id, cached: false, joined: false };
  });
}

/** A succeeded analysis of this commit by this analyzer that has what was asked for (history, if wanted). */
export async function findCached(
  db: Kysely<Database>,
  repositoryId: string,
  commit: string,
  withHistory: boolean,
): Promise<string | null> {
  let query = db.selectFrom("analyses").select("id")
    .where("repository_id", "=", repositoryId).where("commit_sha", "=", commit)
    .where("analyzer_version", "=", ANALYZER_VERSION).where("status", "=", "succeeded")
    .where("cached_from", "is", null);
  if (withHistory) query = query.where("with_history", "=", true);
  const row = await query.orderBy("finished_at", "desc").limit(1).executeTakeFirst();
  return row?.id ?? null;
}

/** Queues the job that runs (or resumes) an analysis; one job per analysis at a time (its job key). */
export async function queueJob(db: Kysely<Database>, analysisId: string, requestId?: string): Promise<void> {
  const payload = JSON.stringify({ analysisId, requestId });
  await sql`select graphile_worker.add_job(
    ${ANALYSIS_TASK}, ${payload}::json,
    max_attempts => ${ANALYSIS_MAX_ATTEMPTS}, job_key => ${`analysis:${analysisId}`})`.execute(db);
}
