import { Hono } from "hono";
import { z } from "zod";
import { LanguagesPage } from "../../components/LanguagesPage.tsx";
import { renderPage } from "../../components/render.tsx";
import { languageMonths } from "../../lib/history/history_views.ts";
import { summarize } from "../../lib/report/summary.ts";
import { languageSeries } from "../../lib/shared/charts.ts";
import { succeededAnalysis } from "../../lib/web/analysis_page.ts";
import type { AppEnv } from "../../lib/web/app_deps.ts";
import { validQuery } from "../../lib/web/validate.ts";

const languagesQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) });

/** The languages view of an analysis: /analyses/:id/languages (lines per language over time). */
export const languagesView = new Hono<AppEnv>();

languagesView.get("/:id/languages", validQuery(languagesQuery), async (c) => {
  const analysis = await succeededAnalysis(c);
  if (analysis instanceof Response) return analysis;
  const db = c.get("deps").db;
  const [summary, rows] = await Promise.all([
    summarize(db, analysis.id),
    analysis.history ? languageMonths(db, analysis.id) : null,
  ]);
  // The series in the overview's order (largest language now first), so colours agree between the views.
  const series = rows && languageSeries(rows, Object.keys(summary.languages));
  return c.html(renderPage(c, {
    title: `Languages · ${analysis.repoName}`,
    body: (
      <LanguagesPage
        analysis={analysis}
        summary={summary}
        series={series}
        page={c.req.valid("query").page}
        truncated={Boolean(analysis.history?.truncated)}
      />
    ),
  }));
});
