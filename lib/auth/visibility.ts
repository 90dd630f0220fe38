/**
 * Who may see an analysis, and whose scan history it is in. Public analyses
 * are shared; a private one (fetched with a user's token) only by the users
 * linked to it — each proved access by a token that worked. Anything else
 * is answered as if the id did not exist.
 */
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import { AppError, notFound } from "../errors.ts";
import { type AnalysisView, listAnalyses } from "../pipeline/analyses.ts";
import { isUuid } from "../shared/ids.ts";

/** Whether `userId` (null: anonymous) may see the analysis `id` (not for unknown ids), and whether it is private. */
export async function canSeeAnalysis(
  db: Kysely<Database>,
  id: string,
  userId: string | null,
): Promise<{ visible: boolean; private: boolean }> {
  const hidden = { visible: false, private: true };
  if (!isUuid(id)) return hidden;
  const row = await db.selectFrom("analyses").select("private").where("id", "=", id).executeTakeFirst();
  if (!row) return hidden;
  if (!row.private) return { visible: true, private: false };
  if (!userId) return hidden;
  // Linked to it, or to an analysis that found this one's commit analysed before and shows its results.
  const link = await db.selectFrom("user_analyses").select("analysis_id").where("user_id", "=", userId)
    .where((eb) =>
      eb.or([
        eb("analysis_id", "=", id),
        eb("analysis_id", "in", eb.selectFrom("analyses").select("id").where("cached_from", "=", id)),
      ])
    ).limit(1).executeTakeFirst();
  return { visible: link !== undefined, private: true };
}

/** Throws the same 404 an unknown id gets when the analysis is not the user's to see; says if it is private. */
export async function assertCanSee(
  db: Kysely<Database>,
  id: string,
  userId: string | null,
): Promise<{ private: boolean }> {
  const seen = await canSeeAnalysis(db, id, userId);
  if (!seen.visible) throw notFound("Analysis");
  return { private: seen.private };
}

/**
 * Cancel and retry: an analysis someone asked for while signed in is theirs
 * to stop — another visitor gets a 403; one asked for anonymously, anyone's.
 */
export async function assertCanControl(db: Kysely<Database>, id: string, userId: string | null): Promise<void> {
  const owners = await db.selectFrom("user_analyses").select("user_id").where("analysis_id", "=", id).execute();
  if (owners.length === 0 || owners.some((o) => o.user_id === userId)) return;
  throw new AppError(403, "not_yours", "Only the users who asked for this analysis can cancel or retry it");
}

/** Puts an analysis in a user's history (again at the top when it was there). */
export async function linkAnalysis(db: Kysely<Database>, userId: string, analysisId: string): Promise<void> {
  await db.insertInto("user_analyses").values({ user_id: userId, analysis_id: analysisId })
    .onConflict((oc) => oc.columns(["user_id", "analysis_id"]).doUpdateSet({ created_at: sql`now()` }))
    .execute();
}

/** One page of a user's scans, newest first (snapshots the timeline asked for are not listed). */
export async function listUserAnalyses(
  db: Kysely<Database>,
  userId: string,
  page: { limit: number; offset: number },
): Promise<{ items: (AnalysisView & { requestedAt: string; private: boolean })[]; total: number }> {
  const linked = db.selectFrom("user_analyses as ua").innerJoin("analyses as a", "a.id", "ua.analysis_id")
    .where("ua.user_id", "=", userId).where("a.with_history", "=", true);
  const [rows, total] = await Promise.all([
    linked.select(["ua.analysis_id", "ua.created_at", "a.private"]).orderBy("ua.created_at", "desc")
      .orderBy("ua.analysis_id").limit(page.limit).offset(page.offset).execute(),
    linked.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const views = new Map((await listAnalyses(db, rows.map((r) => r.analysis_id))).map((v) => [v.id, v]));
  return {
    items: rows.flatMap((r) => {
      const view = views.get(r.analysis_id);
      return view ? [{ ...view, id: r.analysis_id, requestedAt: r.created_at.toISOString(), private: r.private }] : [];
    }),
    total: Number(total.n),
  };
}
