/** Cancelling and retrying analyses, as the API asks for them. */
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import { AppError, notFound } from "../errors.ts";
import { isFinished } from "../shared/stages.ts";
import { ALLOWED_FROM, recordProgress } from "./progress.ts";
import { queueJob } from "./submit.ts";
import { forgetSubmissionCredential } from "../credentials/store.ts";

/**
 * Cancels an analysis: a queued one at once (its job is removed); a running
 * one is asked to stop, and its worker stops git and the parsing at its
 * next heartbeat (within seconds) and marks it `canceled`. A finished one: 409.
 */
export async function cancelAnalysis(db: Kysely<Database>, id: string): Promise<"canceled" | "requested"> {
  const row = await db.selectFrom("analyses").select(["status"]).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Analysis");
  if (isFinished(row.status)) throw new AppError(409, "already_finished", `The analysis is already ${row.status}`);
  const stopped = await db.transaction().execute(async (trx) => {
    const queued = await trx.updateTable("analyses").set({ cancel_requested: true })
      .where("id", "=", id).where("status", "=", "queued").returning("id").executeTakeFirst();
    if (!queued) return false;
    await sql`select graphile_worker.remove_job(${`analysis:${id}`})`.execute(trx);
    // Its job will not run: a token given with its submission has no more use.
    await forgetSubmissionCredential(trx, id);
    return true;
  });
  if (stopped) {
    await recordProgress(db, id, { status: "canceled", message: "Canceled before it started" });
    return "canceled";
  }
  await db.updateTable("analyses").set({ cancel_requested: true }).where("id", "=", id).execute();
  return "requested";
}

/**
 * Runs a failed or canceled analysis again from the stage where it stopped
 * (stages before it are not repeated). 409 for any other status, or when
 * another analysis of the same commit is queued or running.
 */
export async function retryAnalysis(db: Kysely<Database>, id: string): Promise<void> {
  const row = await db.selectFrom("analyses").select(["status", "request_id"]).where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("Analysis");
  if (row.status !== "failed" && row.status !== "canceled") {
    throw new AppError(
      409,
      "not_retryable",
      `Only a failed or canceled analysis can be retried; this one is ${row.status}`,
    );
  }
  try {
    await db.transaction().execute(async (trx) => {
      const queued = await trx.updateTable("analyses")
        .set({ status: "queued", cancel_requested: false, error_code: null, error_message: null, finished_at: null })
        .where("id", "=", id).where("status", "in", ALLOWED_FROM.queued).returning("id").executeTakeFirst();
      if (!queued) throw new AppError(409, "not_retryable", "The analysis changed meanwhile; look at it again");
      await queueJob(trx, id, row.request_id ?? undefined);
    });
  } catch (error) {
    if ((error as { code?: string }).code !== "23505") throw error;
    throw new AppError(409, "in_flight", "Another analysis of the same commit is queued or running");
  }
  await recordProgress(db, id, { message: "Queued again" });
}
