import type { HistorySummary } from "../lib/history/analyze_history.ts";
import type { Page } from "../lib/history/history_views.ts";
import type { AnalysisView } from "../lib/pipeline/analyses.ts";
import { mondayOf } from "../lib/shared/charts.ts";
import type { CommitRow, MonthActivity } from "../lib/views/timeline.ts";
import { number } from "../lib/shared/format.ts";
import ActivityChart from "../islands/ActivityChart.tsx";
import SnapshotScrubber from "../islands/SnapshotScrubber.tsx";
import { AnalysisHeader } from "./AnalysisHeader.tsx";
import { Island } from "./Island.tsx";
import type { ComparisonView } from "./TimelineCompare.tsx";
import { NEWER_OLDER, Pager, withQuery } from "./Pager.tsx";
import type { PointLookup } from "./TimelineSnapshot.tsx";
import { TimelineCommits, TimelineMonths } from "./TimelineTables.tsx";

/** What the timeline page shows (the history's parts are null when the analysis ran without it). */
export interface TimelinePageProps {
  analysis: AnalysisView;
  /** The page's query, as validated: kept by every link. */
  query: Record<string, string | number | undefined>;
  history: {
    totals: HistorySummary;
    months: Page<MonthActivity>;
    commits: Page<CommitRow>;
    point: PointLookup | null;
    comparison: ComparisonView | null;
  } | null;
}

/** The timeline view: activity per week and month, the repository at any commit, comparisons, commits. */
export function TimelinePage({ analysis, query, history }: TimelinePageProps) {
  const base = `/analyses/${analysis.id}/timeline`;
  const head = analysis.commit ?? "";
  if (!history) {
    return (
      <>
        <AnalysisHeader analysis={analysis} current="timeline" />
        <section class="panel">
          <p class="notice">
            This analysis ran without its history, so there is no activity to draw, no commit to go back to and nothing
            to compare. Analyse the repository again with its history to see its timeline.
          </p>
        </section>
      </>
    );
  }
  const { totals, months, commits } = history;
  const first = totals.firstCommitAt?.slice(0, 10);
  const last = totals.lastCommitAt?.slice(0, 10);
  const pages = (p: Page<unknown>) => Math.max(1, Math.ceil(p.total / p.limit));
  return (
    <>
      <AnalysisHeader analysis={analysis} current="timeline" />
      <section class="panel" aria-labelledby="activity-title">
        <h2 id="activity-title">Activity</h2>
        {totals.truncated && (
          <p class="notice">
            Only the latest {number.format(totals.maxCommits)} commits were read: the timeline starts at {first}.
          </p>
        )}
        <figure class="plot">
          <Island name="ActivityChart" component={ActivityChart} props={{ analysisId: analysis.id }} />
          <figcaption class="muted">
            {number.format(totals.commits)} commits by {number.format(totals.authors)}{" "}
            {totals.authors === 1 ? "person" : "people"}
            {first && ` from ${first} to ${last}`}, per week. The table below has them per month.
          </figcaption>
        </figure>
        <h3 id="months">Per month</h3>
        <TimelineMonths months={months} />
        <Pager
          label="Months"
          labels={NEWER_OLDER}
          page={Number(query.page ?? 1)}
          pages={pages(months)}
          href={(page) => withQuery(base, query, { page }, "#months")}
        />
      </section>
      {first && last
        ? (
          <Island
            name="SnapshotScrubber"
            component={SnapshotScrubber}
            props={{
              analysisId: analysis.id,
              firstWeek: mondayOf(first),
              lastWeek: mondayOf(last),
              head,
              point: history.point,
              comparison: history.comparison,
            }}
          />
        )
        : (
          <section class="panel">
            <p class="muted">The history has no commits to go back to.</p>
          </section>
        )}
      <section class="panel" id="commits" aria-labelledby="commits-title">
        <h2 id="commits-title">Commits</h2>
        <p class="muted">Newest first. Open the repository as it was at any of them, or compare it with now.</p>
        <TimelineCommits
          commits={commits}
          head={head}
          href={(changes, hash) => withQuery(base, query, changes, hash)}
        />
        <Pager
          label="Commits"
          labels={NEWER_OLDER}
          page={Number(query.commitsPage ?? 1)}
          pages={pages(commits)}
          href={(commitsPage) => withQuery(base, query, { commitsPage }, "#commits")}
        />
      </section>
    </>
  );
}
