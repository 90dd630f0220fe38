import { type Kysely, sql } from "kysely";
import { ANALYZER_VERSION } from "../analysis/parse/registry.ts";
import type { Database } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import type { RepoLocation } from "../repo/url.ts";
import { AnalysisError } from "./analysis_error.ts";
import { linkAnalysis } from "../auth/visibility.ts";
import { FULL_SHA } from "../git/clone.ts";
import type { GitCredential } from "../git/run_git.ts";

/** The graphile-worker task that runs an analysis. */
export const ANALYSIS_TASK = "analysis__run";

/** How often a crashed or failing analysis job is tried before it is failed. */
export const ANALYSIS_MAX_ATTEMPTS = 5;

/** Finds the commit a ref names now; null when only fetching can tell. Throws an AnalysisError. */
export type ResolveRef = (url: string, ref: string | null, credential?: GitCredential) => Promise<string | null>;

/** How a private repository is reached: a user's token, which the submission proved works. */
export interface PrivateAccess {
  /** Whose token it is: their mirror, and the first user the private analysis is visible to. */
  ownerId: string;
  /** The token, to prove access now (absent for a snapshot: its commit is in the owner's mirror already). */
  credential?: GitCredential;
  /** The stored account token; null when the token came with this submission. */
  credentialId: string | null;
  /** Seals and stores a submission's token, only when a new analysis's job will need it. */
  store?: (db: Kysely<Database>) => Promise<string>;
}

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
  /** The signed-in user who asked: the analysis goes into their history. */
  userId?: string | null;
  /** A private repository: fetched with this token, visible only to the users who proved access. */
  access?: PrivateAccess | null;
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
  const credential = input.access?.credential;
  if (input.resolve) {
    try {
      // A full commit id needs no lookup, but a token must still prove it opens the repository.
      if (credential && input.ref !== null && FULL_SHA.test(input.ref)) {
        await input.resolve(input.repo.url, null, credential);
      }
      commit = await input.resolve(input.repo.url, input.ref, credential);
    } catch (error) {
      if (!(error instanceof AnalysisError)) throw error;
      // A token that does not open the repository is refused outright: no analysis, nothing stored.
      // (GitHub answers a token without access to the repository with "not found".)
      if (credential && (error.code === "auth_required" || error.code === "repo_not_found")) {
        throw new AppError(
          400,
          "token_rejected",
          `token: ${input.repo.url} did not accept it (wrong, expired, without access, or no such repository)`,
          "token",
        );
      }
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
  const access = input.access ?? null;
  return await db.transaction().execute(async (trx) => {
    const submission = await recordIn(trx, input, { commit, failure, resolveMs, withHistory, access });
    if (input.userId) await linkAnalysis(trx, input.userId, submission.id);
    return submission;
  });
}

async function recordIn(
  trx: Kysely<Database>,
  input: SubmitInput,
  { commit, failure, resolveMs, withHistory, access }: {
    commit: string | null;
    failure: AnalysisError | null;
    resolveMs: number;
    withHistory: boolean;
    access: PrivateAccess | null;
  },
): Promise<Submission> {
  const isPrivate = access !== null;
  const repository = await trx.insertInto("repositories")
    .values({ url: input.repo.url, display_name: input.repo.displayName })
    .onConflict((oc) => oc.column("url").doUpdateSet({ display_name: (eb) => eb.ref("excluded.display_name") }))
    .returning("id")
    .executeTakeFirstOrThrow();
  if (commit && !input.force) {
    const cached = await findCached(trx, repository.id, commit, withHistory, isPrivate);
    if (cached) return { id: cached, cached: true, joined: false };
  }
  const joinable = await findInFlight(trx, repository.id, commit, withHistory, isPrivate);
  if (joinable) return { id: joinable, cached: false, joined: true };
  const credentialId = access && !failure ? access.credentialId : null;
  const inserted = await sql<{ id: string }>`
    insert into analyses (repository_id, ref, commit_sha, request_id, with_history, force, analyzer_version, status,
      stage, error_code, error_message, finished_at, timings, private, owner_id, credential_id)
    values (${repository.id}, ${input.ref}, ${commit}, ${input.requestId ?? null}, ${withHistory},
      ${input.force ?? false}, ${ANALYZER_VERSION}, ${failure ? "failed" : "queued"},
      ${failure ? "resolve" : "queued"}, ${failure?.code ?? null}, ${failure?.message ?? null},
      ${failure ? sql`now()` : null}, ${JSON.stringify(commit ? { resolve: resolveMs } : {})}::jsonb,
      ${isPrivate}, ${access?.ownerId ?? null}, ${credentialId})
    on conflict (repository_id, commit_sha, with_history, private)
      where status in ('queued', 'running') and commit_sha is not null
    do nothing
    returning id`.execute(trx);
  const id = inserted.rows[0]?.id;
  if (!id) {
    // Another submission of the same commit won the race: join it, or start again if it ended meanwhile.
    const running = await findInFlight(trx, repository.id, commit, withHistory, isPrivate);
    if (!running) throw new AnalysisError("retry_submission", "The analysis ended meanwhile", { transient: true });
    return { id: running, cached: false, joined: true };
  }
  // A token given with the submission is stored only now that a job will fetch with it (not for a cache hit,
  // a joined analysis or one that failed already), in the transaction that queues the job.
  if (access?.store && !failure) {
    const stored = await access.store(trx);
    await trx.updateTable("analyses").set({ credential_id: stored }).where("id", "=", id).execute();
  }
  if (!failure && input.queue !== false) await queueJob(trx, id, input.requestId);
  return { id, cached: false, joined: false };
}

/** The analysis of this commit now queued or running, if any. */
async function findInFlight(
  db: Kysely<Database>,
  repositoryId: string,
  commit: string | null,
  withHistory: boolean,
  isPrivate: boolean,
): Promise<string | null> {
  if (commit === null) return null;
  const row = await db.selectFrom("analyses").select("id")
    .where("repository_id", "=", repositoryId).where("commit_sha", "=", commit)
    .where("with_history", "=", withHistory).where("private", "=", isPrivate)
    .where("status", "in", ["queued", "running"])
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * A succeeded analysis of this commit by this analyzer that has what was asked
 * for (history, if wanted), of the same visibility: a private one answers only
 * a submission whose token just proved access to the repository.
 */
export async function findCached(
  db: Kysely<Database>,
  repositoryId: string,
  commit: string,
  withHistory: boolean,
  isPrivate: boolean,
): Promise<string | null> {
  let query = db.selectFrom("analyses").select("id")
    .where("repository_id", "=", repositoryId).where("commit_sha", "=", commit).where("private", "=", isPrivate)
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
