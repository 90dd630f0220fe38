import { type Context, Hono } from "hono";
import { z } from "zod";
import { renderPage } from "../../components/render.tsx";
import { toDiffView } from "../../components/TimelineCompare.tsx";
import { TimelinePage } from "../../components/TimelinePage.tsx";
import type { HistorySummary } from "../../lib/history/analyze_history.ts";
import { requestSnapshot } from "../../lib/history/snapshots.ts";
import { AppError, invalidField } from "../../lib/errors.ts";
import type { AnalysisView } from "../../lib/pipeline/analyses.ts";
import { requireHistory, succeededAnalysis } from "../../lib/web/analysis_page.ts";
import type { AppEnv } from "../../lib/web/app_deps.ts";
import { readForm, validQuery } from "../../lib/web/validate.ts";
import { commitsPage, isComputing, lookupComparison, lookupPoint, monthlyActivity } from "../../lib/views/timeline.ts";

const MONTHS_PER_PAGE = 24;
const COMMITS_PER_PAGE = 25;
const pageNumber = z.coerce.number().int().min(1).max(100_000).default(1);
const point = z.string().trim().min(1, "is empty").max(100).optional();
const timelineQuery = z.object({ page: pageNumber, commitsPage: pageNumber, at: point, from: point, to: point })
  .refine((q) => !q.from || q.to, { path: ["to"], message: "is required with from" })
  .refine((q) => !q.to || q.from, { path: ["from"], message: "is required with to" });

/** The timeline view of an analysis: /analyses/:id/timeline, and the no-JavaScript forms that request snapshots. */
export const timelineView = new Hono<AppEnv>();

timelineView.get("/:id/timeline", validQuery(timelineQuery), async (c) => {
  const analysis = await succeededAnalysis(c);
  if (analysis instanceof Response) return analysis;
  const db = c.get("deps").db;
  const query = c.req.valid("query");
  const totals = analysis.history as unknown as HistorySummary | null;
  const history = totals
    ? await Promise.all([
      monthlyActivity(db, analysis.id, { limit: MONTHS_PER_PAGE, offset: (query.page - 1) * MONTHS_PER_PAGE }),
      commitsPage(db, analysis.id, { limit: COMMITS_PER_PAGE, offset: (query.commitsPage - 1) * COMMITS_PER_PAGE }),
      query.at ? lookupPoint(db, analysis, query.at) : null,
      query.from && query.to ? lookupComparison(db, analysis, query.from, query.to) : null,
    ]).then(([months, commits, point, comparison]) => ({
      totals,
      months,
      commits,
      point,
      comparison: comparison && { ...comparison, diff: comparison.diff && toDiffView(comparison.diff) },
    }))
    : null;
  const computing = isComputing(history?.point) || isComputing(history?.comparison?.from) ||
    isComputing(history?.comparison?.to);
  const invalid = history?.point?.error || history?.comparison?.from.error || history?.comparison?.to.error;
  return c.html(
    renderPage(c, {
      title: `Timeline · ${analysis.repoName}`,
      // Without JavaScript the page refreshes itself while a snapshot it shows is computed. The address is
      // given without its #fragment: a refresh to the same address with one would only scroll, not reload.
      head: computing && (
        <noscript>
          <meta http-equiv="refresh" content={`3; url=${new URL(c.req.url).pathname}${new URL(c.req.url).search}`} />
        </noscript>
      ),
      body: <TimelinePage analysis={analysis} query={query} history={history} />,
    }),
    invalid ? 400 : 200,
  );
});

/** The form fields of a point: trimmed, required, at most 100 characters. */
function pointField(form: Record<string, string>, name: string): string {
  const value = (form[name] ?? "").trim();
  if (!value) throw invalidField(name, "is required");
  if (value.length > 100) throw invalidField(name, "is longer than 100 characters");
  return value;
}

/** Requests the snapshot at `at`; a point the history does not have is left for the page to explain. */
async function request(c: Context<AppEnv>, analysis: AnalysisView, at: string): Promise<string> {
  try {
    return (await requestSnapshot(c.get("deps").db, analysis, at, c.get("user")?.id)).commit.slice(0, 12);
  } catch (error) {
    if (error instanceof AppError && error.field) return at;
    throw error;
  }
}

timelineView.post("/:id/timeline/snapshots", async (c) => {
  const analysis = await succeededAnalysis(c);
  if (analysis instanceof Response) return analysis;
  requireHistory(analysis);
  const form = await readForm(c);
  const at = await request(c, analysis, pointField(form, "at"));
  const keep: Record<string, string> = form.from && form.to ? { from: form.from, to: form.to } : {};
  return c.redirect(`/analyses/${c.req.param("id")}/timeline?${new URLSearchParams({ ...keep, at })}#snapshot`, 303);
});

timelineView.post("/:id/timeline/compare", async (c) => {
  const analysis = await succeededAnalysis(c);
  if (analysis instanceof Response) return analysis;
  requireHistory(analysis);
  const form = await readForm(c);
  const [from, to] = [pointField(form, "from"), pointField(form, "to")];
  const points = { from: await request(c, analysis, from), to: await request(c, analysis, to) };
  const keep: Record<string, string> = form.at ? { at: form.at } : {};
  return c.redirect(
    `/analyses/${c.req.param("id")}/timeline?${new URLSearchParams({ ...keep, ...points })}#compare`,
    303,
  );
});
