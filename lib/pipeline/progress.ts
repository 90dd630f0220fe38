import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import { type AnalysisStatus, isFinished, type ProgressState } from "../shared/stages.ts";

/** The channel progress is announced on; payloads are {@link ProgressEvent} JSON. */
export const PROGRESS_CHANNEL = "analysis_progress";

/** What a watcher of an analysis learns on each change: the state the progress island shows, and whose. */
export type ProgressEvent = ProgressState & { id: string };

/** A change to an analysis's state; unset fields stay as they are. */
export interface ProgressChange {
  status?: AnalysisStatus;
  stage?: string;
  progress?: number;
  message?: string | null;
  errorCode?: string | null;
  errorMessage?: string | null;
  commitSha?: string;
  timings?: Record<string, number>;
  stats?: Record<string, number>;
  analyzerVersion?: string;
  /** The history's totals (issue #4), once it is read. */
  history?: Record<string, unknown>;
}

/**
 * The statuses an analysis may move to `status` from: work starts from
 * queued, ends from queued or running, and only a failed or canceled one is
 * queued again. A move from anywhere else (a late worker finishing an
 * analysis that was canceled meanwhile) changes nothing.
 */
export const ALLOWED_FROM: Record<AnalysisStatus, AnalysisStatus[]> = {
  queued: ["queued", "failed", "canceled"],
  running: ["queued", "running"],
  succeeded: ["queued", "running"],
  failed: ["queued", "running"],
  canceled: ["queued", "running"],
};

/**
 * The one way an analysis's state changes: updates the row and notifies every
 * listener (in any process) in the same statement. A status change that
 * {@link ALLOWED_FROM} does not allow is not made (null is returned).
 */
export async function recordProgress(
  db: Kysely<Database>,
  id: string,
  change: ProgressChange,
): Promise<ProgressEvent | null> {
  const now = sql<Date>`now()`;
  const result = await db.with("changed", (q) =>
    q.updateTable("analyses")
      .set({
        updated_at: now,
        ...(change.status && { status: change.status }),
        ...(change.status === "running" && { started_at: sql`coalesce(started_at, now())` }),
        ...(change.status && isFinished(change.status) && { finished_at: now }),
        ...(change.stage !== undefined && { stage: change.stage }),
        ...(change.progress !== undefined && { progress: Math.max(0, Math.min(1, change.progress)) }),
        ...(change.message !== undefined && { progress_message: change.message }),
        ...(change.errorCode !== undefined && { error_code: change.errorCode }),
        ...(change.errorMessage !== undefined && { error_message: change.errorMessage?.slice(0, 2000) ?? null }),
        ...(change.commitSha !== undefined && { commit_sha: change.commitSha }),
        ...(change.timings !== undefined && { timings: JSON.stringify(change.timings) }),
        ...(change.stats !== undefined && { stats: JSON.stringify(change.stats) }),
        ...(change.analyzerVersion !== undefined && { analyzer_version: change.analyzerVersion }),
        ...(change.history !== undefined && { history: JSON.stringify(change.history) }),
      })
      .where("id", "=", id)
      .$if(change.status !== undefined, (q) => q.where("status", "in", ALLOWED_FROM[change.status!]))
      .returning(["id", "status", "stage", "progress", "progress_message", "error_code", "error_message"]))
    .selectFrom("changed")
    .select((eb) => [
      "changed.id",
      "changed.status",
      "changed.stage",
      "changed.progress",
      "changed.progress_message",
      "changed.error_code",
      "changed.error_message",
      eb.fn<string>("pg_notify", [
        sql.lit(PROGRESS_CHANNEL),
        sql`json_build_object('id', changed.id, 'status', changed.status, 'stage', changed.stage,
          'progress', changed.progress, 'message', changed.progress_message,
          'errorCode', changed.error_code, 'errorMessage', left(changed.error_message, 1000))::text`,
      ]).as("notified"),
    ])
    .executeTakeFirst();
  if (!result) return null;
  return {
    id: result.id,
    status: result.status,
    stage: result.stage,
    progress: result.progress,
    message: result.progress_message,
    errorCode: result.error_code,
    errorMessage: result.error_message,
  };
}

/**
 * Progress of one run, written in order: frequent updates (files counted) are
 * throttled and queued behind each other, and a stage change waits for them,
 * so watchers never see progress go back.
 */
export class ProgressReporter {
  #chain: Promise<unknown> = Promise.resolve();
  #last = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly id: string,
    private readonly intervalMs = 250,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Records a change now, after any queued update. */
  async set(change: ProgressChange): Promise<ProgressEvent | null> {
    const next = this.#chain.then(() => recordProgress(this.db, this.id, change));
    this.#chain = next.catch(this.onError);
    this.#last = Date.now();
    return await next;
  }

  /** Queues a change unless one was written within the interval; never throws. */
  tick(change: ProgressChange, force = false): void {
    if (!force && Date.now() - this.#last < this.intervalMs) return;
    this.#last = Date.now();
    this.#chain = this.#chain.then(() => recordProgress(this.db, this.id, change)).catch(this.onError);
  }
}
