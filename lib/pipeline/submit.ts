import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import type { RepoLocation } from "../repo/url.ts";

/** The graphile-worker task that runs an analysis. */
export const ANALYSIS_TASK = "analysis__run";

/** How often a crashed or failing analysis job is tried before it is failed. */
export const ANALYSIS_MAX_ATTEMPTS = 3;

/**
 * Records a new analysis of `repo` at `ref` and queues its job, atomically:
 * either both exist or neither does. `queue: false` (the CLI) runs it in-process instead.
 */
export async function submitAnalysis(
  db: Kysely<Database>,
  input: { repo: RepoLocation; ref: string | null; requestId?: string; queue?: boolean; withHistory?: boolean },
): Promise<{ id: string }> {
  return await db.transaction().execute(async (trx) => {
    const repository = await trx.insertInto("repositories")
      .values({ url: input.repo.url, display_name: input.repo.displayName })
      .onConflict((oc) => oc.column("url").doUpdateSet({ display_name: (eb) => eb.ref("excluded.display_name") }))
      .returning("id")
      .executeTakeFirstOrThrow();
    const analysis = await trx.insertInto("analyses")
      .values({
        repository_id: repository.id,
        ref: input.ref,
        request_id: input.requestId ?? null,
        with_history: input.withHistory ?? true,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (input.queue === false) return { id: analysis.id };
    const payload = JSON.stringify({ analysisId: analysis.id, requestId: input.requestId });
    await sql`select graphile_worker.add_job(
      ${ANALYSIS_TASK}, ${payload}::json,
      max_attempts => ${ANALYSIS_MAX_ATTEMPTS}, job_key => ${`analysis:${analysis.id}`})`.execute(trx);
    return { id: analysis.id };
  });
}
