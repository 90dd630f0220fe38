import { Hono } from "hono";
import { z } from "zod";
import { AnalysisHeader } from "../../components/AnalysisHeader.tsx";
import { ContributorsPage } from "../../components/ContributorsPage.tsx";
import { renderPage } from "../../components/render.tsx";
import type { HistorySummary } from "../../lib/history/analyze_history.ts";
import { topLevelOwnership } from "../../lib/history/history_views.ts";
import { botsOf, ownershipPage, peopleCounts, peopleNetwork } from "../../lib/views/people.ts";
import { succeededAnalysis } from "../../lib/web/analysis_page.ts";
import type { AppEnv } from "../../lib/web/app_deps.ts";
import { pageNumber, validQuery } from "../../lib/web/validate.ts";

const PAGE_SIZE = 50;
/** People drawn in the network (and whose pairs the table lists). */
const NETWORK_LIMIT = 25;
const query = z.object({ page: pageNumber });

/** The Contributors view of an analysis: /analyses/:id/contributors?page=. */
export const contributorsView = new Hono<AppEnv>();

contributorsView.get("/:id/contributors", validQuery(query), async (c) => {
  const analysis = await succeededAnalysis(c);
  if (analysis instanceof Response) return analysis;
  const title = `Contributors · ${analysis.repoName}`;
  const header = <AnalysisHeader analysis={analysis} current="contributors" />;
  if (!analysis.history) {
    return c.html(renderPage(c, {
      title,
      body: (
        <>
          {header}
          <section class="panel">
            <h2>No history</h2>
            <p>
              This analysis was run without reading the git history (<code>--no-history</code>), so there are no
              contributors, ownership, truck factor or people network to show. Analyse the repository again with its
              history to see them.
            </p>
          </section>
        </>
      ),
    }));
  }
  const db = c.get("deps").db;
  const { page } = c.req.valid("query");
  const counts = await peopleCounts(db, analysis.id);
  const [people, bots, dirs, network] = await Promise.all([
    ownershipPage(db, analysis.id, counts, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    botsOf(db, analysis.id, counts),
    topLevelOwnership(db, analysis.id),
    peopleNetwork(db, analysis.id, NETWORK_LIMIT),
  ]);
  return c.html(renderPage(c, {
    title,
    body: (
      <>
        {header}
        <ContributorsPage
          analysisId={analysis.id}
          summary={analysis.history as unknown as HistorySummary}
          counts={counts}
          people={people}
          bots={bots}
          dirs={dirs}
          network={network}
          networkLimit={NETWORK_LIMIT}
          page={page}
          pages={Math.max(1, Math.ceil(counts.people / PAGE_SIZE))}
          pageHref={(n) => `/analyses/${analysis.id}/contributors?page=${n}#ownership`}
        />
      </>
    ),
  }));
});
