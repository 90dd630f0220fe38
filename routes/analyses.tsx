import { Hono } from "hono";
import { AnalysisResult } from "../components/AnalysisResult.tsx";
import { HistorySummary } from "../components/HistorySummary.tsx";
import type { HistorySummary as HistoryTotals } from "../lib/history/analyze_history.ts";
import { contributors, couplings, hotspots } from "../lib/history/history_views.ts";
import { Island } from "../components/Island.tsx";
import { renderPage } from "../components/render.tsx";
import AnalysisProgress from "../islands/AnalysisProgress.tsx";
import { notFound } from "../lib/errors.ts";
import { findAnalysis, toProgressEvent } from "../lib/pipeline/analyses.ts";
import { isFinished } from "../lib/shared/stages.ts";
import { mostComplexFunctions, summarize } from "../lib/report/summary.ts";
import type { AppEnv } from "../lib/web/app_deps.ts";

/** The page of one analysis: live progress while it runs, then its result. */
export const analyses = new Hono<AppEnv>();

analyses.get("/:id", async (c) => {
  const deps = c.get("deps");
  const analysis = await findAnalysis(deps.db, c.req.param("id"));
  if (!analysis) throw notFound("Analysis");
  const done = analysis.status === "succeeded";
  const [summary, complex] = done
    ? await Promise.all([summarize(deps.db, analysis.id), mostComplexFunctions(deps.db, analysis.id)])
    : [null, []];
  const history = done && analysis.history
    ? await Promise.all([
      hotspots(deps.db, analysis.id, 10),
      contributors(deps.db, analysis.id, { limit: 10 }),
      couplings(deps.db, analysis.id, 10),
    ])
    : null;
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
        <section class="page-head">
          <p class="eyebrow">Analysis</p>
          <h1>{analysis.repoName}</h1>
          <p class="muted">
            <code>{analysis.repoUrl}</code>
            {analysis.ref && (
              <>
                {" · ref "}
                <code>{analysis.ref}</code>
              </>
            )}
            {analysis.commit && (
              <>
                {" · commit "}
                <code>{analysis.commit.slice(0, 12)}</code>
              </>
            )}
          </p>
        </section>
        {analysis.status !== "succeeded" && (
          <Island
            name="AnalysisProgress"
            component={AnalysisProgress}
            props={{ id: analysis.id, initial: toProgressEvent(analysis) }}
          />
        )}
        {summary && <AnalysisResult analysisId={analysis.id} summary={summary} complex={complex} />}
        {history && (
          <HistorySummary
            analysisId={analysis.id}
            summary={analysis.history as unknown as HistoryTotals}
            hotspots={history[0]}
            people={history[1]}
            coupling={history[2]}
          />
        )}
      </>
    ),
  }));
});
