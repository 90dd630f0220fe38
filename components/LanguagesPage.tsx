import type { AnalysisView } from "../lib/pipeline/analyses.ts";
import type { AnalysisSummary } from "../lib/report/summary.ts";
import { type LanguageSeries, OTHER, TOP_LANGUAGES } from "../lib/shared/charts.ts";
import { number } from "../lib/shared/format.ts";
import LanguageChart from "../islands/LanguageChart.tsx";
import { AnalysisHeader } from "./AnalysisHeader.tsx";
import { DataTable, num } from "./DataTable.tsx";
import { Island } from "./Island.tsx";
import { LanguageSwatch } from "./LanguagesLegend.tsx";
import { NEWER_OLDER, Pager, withQuery } from "./Pager.tsx";

/** How many months the table shows per page. */
export const MONTHS_PER_PAGE = 24;

/** Props of {@link LanguagesPage}. */
export interface LanguagesPageProps {
  analysis: AnalysisView;
  summary: AnalysisSummary;
  /** Lines per language per month, or null when the analysis ran without its history. */
  series: LanguageSeries | null;
  page: number;
  truncated: boolean;
}

/** The language evolution view: stacked areas of lines per language, and the months × languages table. */
export function LanguagesPage({ analysis, summary, series, page, truncated }: LanguagesPageProps) {
  const now = Object.entries(summary.languages);
  return (
    <>
      <AnalysisHeader analysis={analysis} current="languages" />
      {series
        ? <Evolution analysis={analysis} series={series} page={page} truncated={truncated} />
        : (
          <section class="panel">
            <p class="notice">
              This analysis ran without its history, so languages cannot be followed over time. Below: the languages at
              the analysed commit.
            </p>
          </section>
        )}
      <section class="panel" aria-labelledby="now-title">
        <h2 id="now-title">Now</h2>
        {now.length === 0 ? <p class="muted">No source files in a known language.</p> : (
          <ul class="lg-now">
            {now.map(([language, t], i) => (
              <li key={language}>
                <LanguageSwatch rank={i} />
                <strong>{language}</strong> {number.format(t.code)} lines of code in {number.format(t.files)}{" "}
                file{t.files === 1 ? "" : "s"}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function Evolution({ analysis, series, page, truncated }: {
  analysis: AnalysisView;
  series: LanguageSeries;
  page: number;
  truncated: boolean;
}) {
  const { months, languages, lines } = series;
  const pages = Math.max(1, Math.ceil(months.length / MONTHS_PER_PAGE));
  const current = Math.min(page, pages);
  // Newest first: page 1 holds the last MONTHS_PER_PAGE months.
  const end = months.length - (current - 1) * MONTHS_PER_PAGE;
  const shown = months.map((month, i) => ({ month, i })).slice(Math.max(0, end - MONTHS_PER_PAGE), end).reverse();
  const total = (i: number) => lines.reduce((sum, l) => sum + l[i], 0);
  const base = `/analyses/${analysis.id}/languages`;
  return (
    <section class="panel" aria-labelledby="evolution-title">
      <h2 id="evolution-title">Lines per language over time</h2>
      {truncated && <p class="notice">Only the latest commits were read: the months before them are not shown.</p>}
      {months.length === 0 ? <p class="muted">The history changed no file in a known language.</p> : (
        <>
          <figure class="plot">
            <Island name="LanguageChart" component={LanguageChart} props={{ analysisId: analysis.id, languages }} />
            <figcaption class="muted">
              Lines (code, comments and blanks) at the end of each month from {months[0]} to {months.at(-1)}, stacked
              {languages.includes(OTHER) && `; the ${TOP_LANGUAGES} largest languages apart, the rest as “Other”`}. The
              table has the numbers.
            </figcaption>
          </figure>
          <DataTable
            id="months"
            caption="Lines per language at the end of each month, newest first"
            columns={["Month", ...languages.map(num), num("Total")]}
          >
            {shown.map(({ month, i }) => (
              <tr key={month}>
                <th scope="row">{month}</th>
                {languages.map((l, s) => <td key={l} class="num">{number.format(lines[s][i])}</td>)}
                <td class="num">{number.format(total(i))}</td>
              </tr>
            ))}
          </DataTable>
          <Pager
            label="Months"
            labels={NEWER_OLDER}
            page={current}
            pages={pages}
            href={(p) => withQuery(base, {}, { page: p }, "#months")}
          />
        </>
      )}
    </section>
  );
}
