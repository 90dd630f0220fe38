import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { notFound } from "../../lib/errors.ts";
import {
  contributors,
  countRows,
  couplings,
  filesPage,
  hotspots,
  languageMonths,
  topLevelOwnership,
  weeklyActivity,
} from "../../lib/history/history_views.ts";
import { compareSnapshots, findSnapshot, requestSnapshot } from "../../lib/history/snapshots.ts";
import type { AnalysisView } from "../../lib/pipeline/analyses.ts";
import { requireSucceededAnalysis } from "../../lib/web/analysis_page.ts";
import type { AppEnv } from "../../lib/web/app_deps.ts";
import { pageQuery, validJson, validQuery } from "../../lib/web/validate.ts";

const filesQuery = pageQuery.extend({
  order: z.enum(["commits", "churn", "path", "age"]).default("commits"),
  present: z.enum(["true", "false"]).default("true"),
});

/** The analysis, once its history exists: 404 unknown, 409 while it runs or when it ran without its history. */
function analysedHistory(c: Context<AppEnv>): Promise<AnalysisView> {
  return requireSucceededAnalysis(c, "its history exists", { history: true });
}

/** `/api/analyses/:id/history…`: the history's totals and each metric, paginated where it is long. */
export const historyApi = new Hono<AppEnv>();

historyApi.get("/:id/history", async (c) => c.json((await analysedHistory(c)).history));

historyApi.get("/:id/history/files", validQuery(filesQuery), async (c) => {
  const analysis = await analysedHistory(c);
  const query = c.req.valid("query");
  return c.json(
    await filesPage(c.get("deps").db, analysis.id, { ...query, presentOnly: query.present === "true" }),
  );
});

historyApi.get("/:id/history/hotspots", validQuery(pageQuery), async (c) => {
  const analysis = await analysedHistory(c);
  const { limit, offset } = c.req.valid("query");
  return c.json({ items: await hotspots(c.get("deps").db, analysis.id, limit, offset), limit, offset });
});

historyApi.get("/:id/history/contributors", validQuery(pageQuery), async (c) => {
  const analysis = await analysedHistory(c);
  const { limit, offset } = c.req.valid("query");
  const db = c.get("deps").db;
  return c.json({
    items: await contributors(db, analysis.id, { limit, offset }),
    total: await countRows(db, "analysis_authors", analysis.id),
    limit,
    offset,
  });
});

historyApi.get("/:id/history/coupling", validQuery(pageQuery), async (c) => {
  const analysis = await analysedHistory(c);
  const { limit, offset } = c.req.valid("query");
  const db = c.get("deps").db;
  return c.json({
    items: await couplings(db, analysis.id, limit, offset),
    total: await countRows(db, "analysis_coupling", analysis.id),
    limit,
    offset,
  });
});

historyApi.get("/:id/history/ownership", async (c) => {
  const analysis = await analysedHistory(c);
  return c.json({ items: await topLevelOwnership(c.get("deps").db, analysis.id) });
});

const activityQuery = z.object({ author: z.coerce.number().int().min(0).optional() });

historyApi.get("/:id/history/activity", validQuery(activityQuery), async (c) => {
  const analysis = await analysedHistory(c);
  return c.json({ items: await weeklyActivity(c.get("deps").db, analysis.id, c.req.valid("query").author) });
});

historyApi.get("/:id/history/languages", async (c) => {
  const analysis = await analysedHistory(c);
  return c.json({ items: await languageMonths(c.get("deps").db, analysis.id) });
});

const snapshotRequest = z.object({ at: z.string({ error: "is required" }).min(1).max(100) });
const compareQuery = z.object({
  from: z.string({ error: "is required" }).min(1).max(100),
  to: z.string({ error: "is required" }).min(1).max(100),
});

/** Asks for the repository as it was at a commit or date of the history: 202 while it is computed, 200 once it is. */
historyApi.post(
  "/:id/snapshots",
  validJson(snapshotRequest),
  async (c) => {
    const analysis = await analysedHistory(c);
    const snapshot = await requestSnapshot(c.get("deps").db, analysis, c.req.valid("json").at, c.get("user")?.id);
    return c.json(snapshot, snapshot.status === "succeeded" ? 200 : 202);
  },
);

historyApi.get("/:id/snapshots/:at", async (c) => {
  const analysis = await analysedHistory(c);
  const snapshot = await findSnapshot(c.get("deps").db, analysis, c.req.param("at"));
  if (!snapshot) throw notFound("Snapshot");
  return c.json(snapshot);
});

historyApi.get("/:id/compare", validQuery(compareQuery), async (c) => {
  const analysis = await analysedHistory(c);
  const { from, to } = c.req.valid("query");
  return c.json(await compareSnapshots(c.get("deps").db, analysis, from, to));
});
