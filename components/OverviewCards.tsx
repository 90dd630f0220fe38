import type { HistorySummary } from "../lib/history/analyze_history.ts";
import type { AnalysisSummary } from "../lib/report/summary.ts";
import { number } from "../lib/shared/format.ts";
import { CardList, type ListedCard } from "./Cards.tsx";

const month = new Intl.DateTimeFormat("en", { month: "short", year: "numeric", timeZone: "UTC" });

/** Props of {@link OverviewCards}. */
export interface OverviewCardsProps {
  summary: AnalysisSummary;
  /** The history's totals, or null when the analysis ran without its history. */
  history: HistorySummary | null;
}

/** The cards of the code at a commit: files, lines of code, functions, languages (a timeline's snapshot too). */
export function codeCards(summary: AnalysisSummary): ListedCard[] {
  const code = Object.values(summary.languages).reduce((sum, t) => sum + t.code, 0);
  return [
    { value: number.format(summary.files), label: "files" },
    { value: number.format(code), label: "lines of code" },
    { value: number.format(summary.functions), label: "functions" },
    { value: number.format(Object.keys(summary.languages).length), label: "languages" },
  ];
}

/** What a history that was cut short covers (`covers`: what the page draws from it), and why it stopped. */
export function HistoryNotices({ history, covers }: { history: HistorySummary; covers: string }) {
  return (
    <>
      {history.truncated && (
        <p class="notice">
          Only the latest {number.format(history.maxCommits)} commits were read (the history is longer): {covers}{" "}
          cover them.
        </p>
      )}
      {history.incomplete && <p class="notice">The history could not be read to its end: {history.incomplete}</p>}
    </>
  );
}

/** The overview's headline numbers: the code now, and the history behind it (or why it is missing). */
export function OverviewCards({ summary, history }: OverviewCardsProps) {
  const cards = codeCards(summary);
  if (history) {
    cards.push(
      {
        value: number.format(history.authors),
        label: `contributors${history.bots ? ` (+${history.bots} bots)` : ""}`,
      },
      { value: number.format(history.commits), label: `commits (${number.format(history.merges)} merges)` },
      { value: String(history.truckFactor), label: "truck factor" },
      {
        value: history.firstCommitAt ? month.format(new Date(history.firstCommitAt)) : "–",
        label: "first commit",
      },
    );
  }
  return (
    <section class="panel" aria-labelledby="overview-title">
      <h2 id="overview-title" class="visually-hidden">Summary</h2>
      {history && <HistoryNotices history={history} covers="contributors, churn, ownership and coupling" />}
      {!history && (
        <p class="notice">
          This analysis ran without its history: contributors, commits, hotspots, the timeline and the languages over
          time are not available. Analyse the repository again with its history to see them.
        </p>
      )}
      <CardList cards={cards} />
    </section>
  );
}
