import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Kysely } from "kysely";
import { analyzeCheckout, type Listing, scanCheckout } from "../analysis/analyze_checkout.ts";
import type { ParsePool } from "../analysis/parse/parse_pool.ts";
import { ANALYZER_VERSION } from "../analysis/parse/registry.ts";
import { withAdvisoryLock } from "../db/advisory_lock.ts";
import type { Database } from "../db/schema.ts";
import { BlobReader } from "../git/blob_reader.ts";
import { type Checkout, fetchCommit, unpin } from "../git/clone.ts";
import { resolveRef } from "../git/resolve_ref.ts";
import type { GitCredential } from "../git/run_git.ts";
import { forgetSubmissionCredential } from "../credentials/store.ts";
import { analyzeHistory } from "../history/analyze_history.ts";
import { clearHistory } from "../history/ingest.ts";
import { getLogger } from "../log.ts";
import { isFinished } from "../shared/stages.ts";
import { AnalysisError } from "./analysis_error.ts";
import { freeDiskMb } from "./disk.ts";
import { linkImports } from "./link_imports.ts";
import { ProgressReporter } from "./progress.ts";
import { PIPELINE, type PipelineStage, progressWithin, resumeStage, StageRunner } from "./stage_machine.ts";
import { clearStructure, createStructureStore, unchangedPaths } from "./structure_store.ts";
import { findCached } from "./submit.ts";

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
  /** How often a running analysis says it is alive (and learns whether it was canceled); 2 s by default. */
  heartbeatMs?: number;
  /** A fetch is refused when the mirrors' disk has less free space than this; 0 turns the check off. */
  minFreeDiskMb?: number;
  /** A fetch that receives more than this stops with `repo_too_large`. */
  maxFetchBytes?: number;
  /** Opens a stored repository token of that user for that host (private analyses); null when it was deleted. */
  openCredential?: (credentialId: string, expected: { userId: string; host: string }) => Promise<GitCredential | null>;
}

/** How a run ended, so the job knows whether to ask for a retry. */
export type RunOutcome = "succeeded" | "failed" | "canceled" | "skipped";

/**
 * Runs (or resumes) one analysis through its stages — resolve, fetch, scan,
 * parse, link, history — from the stage it was in: each stage is idempotent,
 * so a run interrupted anywhere (a killed worker, a deploy) continues where it
 * stopped and ends with the rows a clean run has. Permanent errors end the
 * analysis `failed` at its stage; transient ones are rethrown for the job
 * queue to retry with backoff, unless this was the last attempt. A cancel
 * request (seen with the heartbeat) stops git, the reading and the parsing.
 */
export async function runAnalysis(
  deps: RunDeps,
  id: string,
  options: { signal?: AbortSignal; lastAttempt?: boolean } = {},
): Promise<RunOutcome> {
  const { db } = deps;
  const row = await db.selectFrom("analyses").innerJoin("repositories", "repositories.id", "analyses.repository_id")
    .selectAll("analyses").select("repositories.url").where("analyses.id", "=", id)
    .executeTakeFirst();
  if (!row || isFinished(row.status)) return "skipped";
  const progress = new ProgressReporter(db, id, 250, (error) => log.warn("progress update failed: {error}", { error }));
  if (row.cancel_requested) {
    await progress.set({ status: "canceled", message: "Canceled" });
    return "canceled";
  }
  let stage = row.stage;
  if (row.analyzer_version !== ANALYZER_VERSION && stage !== "queued") {
    // Rows of another analyzer version must not mix with ours: this analysis starts over.
    await clearStructure(db, id);
    await clearHistory(db, id);
    stage = "resolve";
  }
  const attempt = row.attempts + 1;
  await db.updateTable("analyses")
    .set({ attempts: attempt, heartbeat_at: new Date(), analyzer_version: ANALYZER_VERSION, stage })
    .where("id", "=", id).execute();
  await progress.set({ status: "running", errorCode: null, errorMessage: null });

  const cancel = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, cancel.signal]) : cancel.signal;
  const heartbeat = setInterval(() => {
    db.updateTable("analyses").set({ heartbeat_at: new Date() }).where("id", "=", id)
      .returning("cancel_requested").executeTakeFirst()
      .then((alive) => {
        if (alive?.cancel_requested) cancel.abort(new AnalysisError("canceled", "The analysis was canceled"));
      })
      .catch((error) => log.warn("heartbeat failed: {error}", { error }));
  }, deps.heartbeatMs ?? 2000);

  const stages = new StageRunner(db, id, attempt, progress, stage);
  const from = PIPELINE.indexOf(resumeStage(stage));
  // A private analysis fetches into its owner's own mirror: what one token fetched, another cannot read.
  const owner = row.private ? row.owner_id : null;
  const mirror = mirrorDir(deps.mirrorsDir, row.url, owner);
  let credential: GitCredential | null = null;
  let commit = row.commit_sha;
  let checkout: Checkout | null = null;
  let reader: BlobReader | null = null;
  const due = (s: PipelineStage) => PIPELINE.indexOf(s) >= from;
  const fetch = async () => {
    await fs.mkdir(mirror, { recursive: true });
    await assertDiskSpace(deps);
    // One fetch at a time per mirror, across every worker process.
    checkout = await withAdvisoryLock(db, `mirror:${mirror}`, () =>
      fetchCommit(row.url, commit ?? row.ref, mirror, {
        timeoutMs: deps.cloneTimeoutMs,
        signal,
        pin: id,
        depth: row.with_history ? deps.historyMaxCommits + 1 : 1,
        maxBytes: deps.maxFetchBytes,
        credential: credential ?? undefined,
      }));
    if (commit === null) await recordCommit(db, id, commit = checkout.commit);
    reader = new BlobReader(mirror);
    return checkout;
  };
  const source = () => ({ gitDir: mirror, commit: commit!, reader: reader! });
  try {
    if (row.private && !owner) {
      throw new AnalysisError("owner_gone", "The account whose token reached this private repository was deleted");
    }
    credential = await openCredentialOf(deps, row.credential_id, owner, row.url);
    if (due("resolve") && commit !== null) await stages.skip("resolve");
    else if (due("resolve")) {
      const resolved = await stages.run("resolve", () => resolveInJob(deps, row, progress, signal, credential));
      if (resolved === "cached") return "succeeded";
      commit = resolved;
    }
    // Resuming later on, this worker may still lack the commit (another machine ran the first stages).
    if (due("fetch")) await stages.run("fetch", fetch);
    else await fetch();
    log.info("fetched {commit}", { commit });

    let listing: Listing | undefined;
    if (due("scan")) {
      await stages.run("scan", async () => {
        const scan = await scanCheckout(source(), { store: createStructureStore(db, id), signal });
        listing = scan.listing;
        await db.updateTable("analyses").set({ reused_from: scan.reusedFrom }).where("id", "=", id).execute();
        if (scan.configProblem) log.warn(scan.configProblem);
      });
    }
    let parsed = { parsed: 0, cached: 0 };
    if (due("parse")) {
      parsed = await stages.run("parse", () =>
        analyzeCheckout(source(), {
          pool: deps.pool,
          store: createStructureStore(db, id),
          signal,
          listing,
          onProgress: (done, total) =>
            progress.tick({
              progress: progressWithin("parse", done / total),
              message: `Analysed ${done} of ${total} files`,
            }),
        }));
      log.info("parsed {parsed} files, {cached} from the blob cache", parsed);
    }
    if (due("link")) {
      const reusedFrom = (await db.selectFrom("analyses").select("reused_from").where("id", "=", id)
        .executeTakeFirstOrThrow()).reused_from;
      await stages.run("link", () => linkImports(db, id, reader!, reusedFrom));
    }
    let history = null;
    if (!row.with_history) await stages.skip("history");
    else {
      history = await stages.run("history", () =>
        analyzeHistory(db, id, mirror, commit!, {
          maxCommits: deps.historyMaxCommits,
          signal,
          onProgress: (commits) => progress.tick({ message: `Read ${commits} commits` }),
        }));
    }
    const stats = await finalStats(db, id);
    await progress.set({
      status: "succeeded",
      stage: "done",
      progress: 1,
      message: `${stats.files} files`,
      timings: { ...row.timings, ...stages.timings },
      stats: { ...stats, parsed: parsed.parsed, cached: parsed.cached },
      analyzerVersion: ANALYZER_VERSION,
      ...(history && { history: { ...history } }),
    });
    log.info("analysis succeeded with {files} files in {timings}", { files: stats.files, timings: stages.timings });
    // A token given with the submission is kept only while its analysis may still need it (a retry).
    if (row.credential_id) await forgetSubmissionCredential(db, id);
    return "succeeded";
  } catch (error) {
    const outcome = await recordFailure(progress, error, { ...options, canceled: cancel.signal.aborted });
    if (outcome === "canceled" && row.credential_id) await forgetSubmissionCredential(db, id);
    return outcome;
  } finally {
    clearInterval(heartbeat);
    await (reader as BlobReader | null)?.close();
    if (checkout) await unpin(mirror, id);
  }
}

/**
 * The resolve stage when the submission could not resolve the ref: asks the
 * server; a commit with a succeeded analysis makes this one show that one.
 */
async function resolveInJob(
  deps: RunDeps,
  row: {
    id: string;
    url: string;
    ref: string | null;
    repository_id: string;
    with_history: boolean;
    force: boolean;
    private: boolean;
  },
  progress: ProgressReporter,
  signal: AbortSignal,
  credential: GitCredential | null,
): Promise<string | null | "cached"> {
  const commit = await resolveRef(row.url, row.ref, {
    timeoutMs: deps.cloneTimeoutMs,
    signal,
    credential: credential ?? undefined,
  });
  if (commit === null) return null; // an abbreviated id: the fetch resolves it
  if (!row.force) {
    const cached = await findCached(deps.db, row.repository_id, commit, row.with_history, row.private);
    if (cached) {
      await deps.db.updateTable("analyses").set({ cached_from: cached, commit_sha: commit })
        .where("id", "=", row.id).execute();
      await progress.set({
        status: "succeeded",
        stage: "done",
        progress: 1,
        message: "The same commit was analysed before",
      });
      return "cached";
    }
  }
  await recordCommit(deps.db, row.id, commit);
  return commit;
}

/** Sets the analysis's commit; another analysis of it in flight makes this one wait (a transient error). */
async function recordCommit(db: Kysely<Database>, id: string, commit: string): Promise<void> {
  try {
    await db.updateTable("analyses").set({ commit_sha: commit }).where("id", "=", id).execute();
  } catch (error) {
    if ((error as { code?: string }).code !== "23505") throw error;
    throw new AnalysisError(
      "waiting",
      "Another analysis of the same commit is running; this one continues when it ends",
      { transient: true },
    );
  }
}

async function assertDiskSpace(deps: RunDeps): Promise<void> {
  const minimum = deps.minFreeDiskMb ?? 0;
  if (minimum <= 0) return;
  const free = await freeDiskMb(deps.mirrorsDir);
  if (free !== null && free < minimum) {
    throw new AnalysisError(
      "disk_full",
      `The server has ${free} MB of free disk where repositories are kept; it needs at least ${minimum} MB`,
    );
  }
}

/** Counts for the report: every file, and how many rows were copied from the analysis reused. */
async function finalStats(db: Kysely<Database>, id: string): Promise<{ files: number; reused: number }> {
  const row = await db.selectFrom("analyses").select("reused_from")
    .select((eb) =>
      eb.selectFrom("analysis_files").select((f) => f.fn.countAll<string>().as("n")).where("analysis_id", "=", id)
        .as("files")
    )
    .where("id", "=", id).executeTakeFirstOrThrow();
  const reused = row.reused_from ? (await unchangedPaths(db, id, row.reused_from)).length : 0;
  return { files: Number(row.files ?? 0), reused };
}

async function recordFailure(
  progress: ProgressReporter,
  error: unknown,
  options: { signal?: AbortSignal; lastAttempt?: boolean; canceled: boolean },
): Promise<RunOutcome> {
  if (options.canceled) {
    log.info("analysis canceled");
    await progress.set({ status: "canceled", message: "Canceled", errorCode: null, errorMessage: null });
    return "canceled";
  }
  if (options.signal?.aborted && !options.lastAttempt) {
    log.info("analysis interrupted; it will resume when a worker picks it up again");
    throw error;
  }
  // No attempt is left to resume an interrupted run: say so rather than leave it running forever.
  const failure = options.signal?.aborted
    ? new AnalysisError("interrupted", "The worker was stopped during the last attempt; retry it")
    : error;
  const known = failure instanceof AnalysisError;
  if ((!known || failure.transient) && !options.lastAttempt) {
    log.warn("analysis attempt failed, will retry: {error}", { error });
    await progress.set({ message: known ? failure.message : "Retrying after an error" });
    throw error;
  }
  const code = known ? failure.code : "internal_error";
  const message = known ? failure.message : "The analysis failed because of an internal error; it has been logged";
  if (!known) log.error("analysis failed: {error}", { error });
  else log.info("analysis failed: {code} {message}", { code, message });
  await progress.set({ status: "failed", errorCode: code, errorMessage: message, message: null });
  return "failed";
}

/** The repository token of a private analysis, opened; a token that cannot be opened fails the analysis. */
async function openCredentialOf(
  deps: RunDeps,
  credentialId: string | null,
  owner: string | null,
  url: string,
): Promise<GitCredential | null> {
  if (!credentialId || !owner || !deps.openCredential) return null;
  try {
    return await deps.openCredential(credentialId, { userId: owner, host: new URL(url).host });
  } catch (error) {
    log.error("a stored repository token could not be opened: {error}", { error: String(error) });
    throw new AnalysisError(
      "credential_unreadable",
      "The stored repository token could not be decrypted (its key is no longer configured); add the token again",
    );
  }
}

/**
 * The mirror of a repository: a folder named by a hash of its URL (never by
 * the URL itself) and, for private analyses, of the user whose token fetches.
 */
export function mirrorDir(mirrorsDir: string, url: string, owner: string | null = null): string {
  const key = owner === null ? url : `${url}\0private:${owner}`;
  return path.join(mirrorsDir, `${createHash("sha256").update(key).digest("hex").slice(0, 32)}.git`);
}
