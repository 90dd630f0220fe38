import { Hono } from "hono";
import { z } from "zod";
import { summarize } from "../../lib/report/summary.ts";
import { complexityHistogram } from "../../lib/views/complexity.ts";
import { commitsPage } from "../../lib/views/timeline.ts";
import { requireSucceededAnalysis } from "../../lib/web/analysis_page.ts";
import type { AppEnv } from "../../lib/web/app_deps.ts";
import { pageQuery, validQuery } from "../../lib/web/validate.ts";

/** An ISO date (the end of that day, as snapshots read a date) or an ISO time. */
const isoTime = z.string().max(40)
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/,
    "must be YYYY-MM-DD or an ISO time",
  )
  .transform((value, ctx) => {
    const time = new Date(value.length === 10 ? `${value}T23:59:59.999Z` : value);
    if (Number.isNaN(time.getTime())) {
      ctx.addIssue({ code: "custom", message: "is not a real date" });
      return z.NEVER;
    }
    return time;
  });
const commitsQuery = pageQuery.extend({ before: isoTime.optional() });

/** JSON for the overview's charts and the timeline's scrubber, under /api/analyses/:id/…. */
export const timelineApi = new Hono<AppEnv>();

/** Functions per CCN bucket (1, 2–4, 5–7, 8–10, 11–15, 16–20, 21–30, >30) with each bucket's colour band. */
timelineApi.get("/:id/complexity", async (c) => {
  const analysis = await requireSucceededAnalysis(c, "its results exist");
  const buckets = await complexityHistogram(c.get("deps").db, analysis.id);
  return c.json({ buckets, functions: buckets.reduce((sum, b) => sum + b.functions, 0) });
});

/** Files and lines per language at the analysed commit, largest first (the overview's donut). */
timelineApi.get("/:id/languages", async (c) => {
  const analysis = await requireSucceededAnalysis(c, "its results exist");
  const summary = await summarize(c.get("deps").db, analysis.id);
  return c.json({ items: Object.entries(summary.languages).map(([language, totals]) => ({ language, ...totals })) });
});

/** The history's commits newest first, paginated; `before` keeps those committed at or before a date or time. */
timelineApi.get("/:id/history/commits", validQuery(commitsQuery), async (c) => {
  const analysis = await requireSucceededAnalysis(c, "its results exist", { history: true });
  const { limit, offset, before } = c.req.valid("query");
  return c.json(await commitsPage(c.get("deps").db, analysis.id, { limit, offset, before }));
});
