import { Hono } from "hono";
import { AnalysisHeader } from "../components/AnalysisHeader.tsx";
import { AnalysisResult } from "../components/AnalysisResult.tsx";
import { HistorySummary } from "../components/HistorySummary.tsx";
import { Island } from "../components/Island.tsx";
import { OverviewCards } from "../components/OverviewCards.tsx";
import { OverviewNext } from "../components/OverviewNext.tsx";
import { renderPage } from "../components/render.tsx";
import AnalysisProgress from "../islands/AnalysisProgress.tsx";
import OverviewCharts from "../islands/OverviewCharts.tsx";
import { notFound } from "../lib/errors.ts";
import type { HistorySummary as HistoryTotals } from "../lib/history/analyze_history.ts";
import { contributors, couplings, hotspots } from "../lib/history/history_views.ts";
import { findAnalysis, toProgressEvent } from "../lib/pipeline/analyses.ts";
import { mostComplexFunctions, summarize } from "../lib/report/summary.ts";
import { isFinished } from "../lib/shared/stages.ts";
import { complexityHistogram } from "../lib/views/complexity.ts";
import type { AppEnv } from "../lib/web/app_deps.ts";

/** The page of one analysis: live progress while it runs, then its overview. */
export const analyses = new Hono<AppEnv>();

analyses.get("/:id", async (c) => {
  const db = c.get("deps").db;
  const analysis = await findAnalysis(db, c.req.param("id"));
  if (!analysis) throw notFound("Analysis");
  const done = analysis.status === "succeeded";
  const totals = analysis.history as unknown as HistoryTotals | null;
  const [code, history] = done
    ? await Promise.all([
      Promise.all([
        summarize(db, analysis.id),
        mostComplexFunctions(db, analysis.id),
        complexityHistogram(db, analysis.id),
      ]),
      totals && Promise.all([
        hotspots(db, analysis.id, 10),
        contributors(db, analysis.id, { limit: 10 }),
        couplings(db, analysis.id, 10),
      ]),
    ])
    : [null, null];
  const running = !isFinished(analysis.status);
  return c.html(renderPage(c, {
    title: analysis.repoName,
    // Without JavaScript the page refreshes itself until the analysis ends.
    head: running && (
      <noscript>
        <meta http-equiv="refresh" content="2" />
      </noscript>
    ),
    body: (
      <>
        <AnalysisHeader analysis={analysis} current="" />
        {!done && (
          <Island
            name="AnalysisProgress"
            component={AnalysisProgress}
            props={{ id: analysis.id, initial: toProgressEvent(analysis) }}
          />
        )}
        {code && (
          <>
            <OverviewCards summary={code[0]} history={totals} />
            <section class="panel" aria-label="Charts">
              <Island name="OverviewCharts" component={OverviewCharts} props={{ analysisId: analysis.id }} />
            </section>
            <AnalysisResult analysisId={analysis.id} summary={code[0]} complex={code[1]} histogram={code[2]} />
          </>
        )}
        {history && totals && (
          <HistorySummary
            analysisId={analysis.id}
            summary={totals}
            hotspots={history[0]}
            people={history[1]}
            coupling={history[2]}
          />
        )}
        {done && <OverviewNext analysisId={analysis.id} hasHistory={totals !== null} />}
      </>
    ),
  }));
});
