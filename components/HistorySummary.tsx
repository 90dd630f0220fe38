import type { HistorySummary as Summary } from "../lib/history/analyze_history.ts";
import type { Contributor, Coupling, Hotspot } from "../lib/history/history_views.ts";

const number = new Intl.NumberFormat("en");
const day = (iso: string | null) => iso?.slice(0, 10) ?? "–";
const percent = (share: number | null) => share === null ? "–" : `${Math.round(share * 100)}%`;

/** Props of {@link HistorySummary}. */
export interface HistorySummaryProps {
  analysisId: string;
  summary: Summary;
  hotspots: Hotspot[];
  people: Contributor[];
  coupling: Coupling[];
}

/** The history of a finished analysis: cards, hotspots, contributors and hidden coupling, as plain tables. */
export function HistorySummary({ analysisId, summary, hotspots, people, coupling }: HistorySummaryProps) {
  const api = `/api/analyses/${analysisId}/history`;
  return (
    <section class="panel" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {summary.truncated && (
        <p class="notice">
          Only the latest {number.format(summary.maxCommits)}{" "}
          commits were read (the history is longer); churn, ownership and coupling cover them.
        </p>
      )}
      {summary.incomplete && <p class="notice">The history could not be read to its end: {summary.incomplete}</p>}
      <div class="cards">
        <div class="card">
          <span class="card-value">{number.format(summary.commits)}</span>
          <span class="card-label">commits ({number.format(summary.merges)} merges)</span>
        </div>
        <div class="card">
          <span class="card-value">{number.format(summary.authors)}</span>
          <span class="card-label">contributors{summary.bots ? ` (+${summary.bots} bots)` : ""}</span>
        </div>
        <div class="card">
          <span class="card-value">{summary.truckFactor}</span>
          <span class="card-label">truck factor</span>
        </div>
        <div class="card">
          <span class="card-value">{day(summary.firstCommitAt)}</span>
          <span class="card-label">first commit</span>
        </div>
      </div>
      {summary.truckFactorAuthors.length > 0 && (
        <p class="muted">
          Truck factor: if {summary.truckFactorAuthors.join(", ")}{" "}
          left, more than half of the files would have nobody who knows them.
        </p>
      )}
      <h3>Hotspots</h3>
      {hotspots.length === 0
        ? <p class="muted">No file is both complex and changed: hotspots need functions with complexity.</p>
        : (
          <div class="table-wrap">
            <table class="data">
              <caption class="visually-hidden">Files ranked by commits times complexity</caption>
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col" class="num">Commits</th>
                  <th scope="col" class="num">CCN (sum)</th>
                  <th scope="col" class="num">Score</th>
                  <th scope="col">Main author</th>
                  <th scope="col">Last change</th>
                </tr>
              </thead>
              <tbody>
                {hotspots.map((h) => (
                  <tr key={h.path}>
                    <th scope="row">
                      <code>{h.path}</code>
                    </th>
                    <td class="num">{number.format(h.commits)}</td>
                    <td class="num">{number.format(h.complexity)}</td>
                    <td class="num">{number.format(h.score)}</td>
                    <td>
                      {h.mainAuthor ?? "–"} {h.mainAuthor && <span class="muted">{percent(h.mainAuthorShare)}</span>}
                    </td>
                    <td>{day(h.lastChangedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      <h3>Contributors</h3>
      <div class="table-wrap">
        <table class="data">
          <caption class="visually-hidden">People by commits, bots apart</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col" class="num">Commits</th>
              <th scope="col" class="num">Added</th>
              <th scope="col" class="num">Deleted</th>
              <th scope="col">Active</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  {p.name} {p.isBot && <span class="badge">bot</span>}
                </th>
                <td class="num">{number.format(p.commits)}</td>
                <td class="num">{number.format(p.added)}</td>
                <td class="num">{number.format(p.deleted)}</td>
                <td>{day(p.firstCommitAt)} – {day(p.lastCommitAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {coupling.length > 0 && (
        <>
          <h3>Files that change together</h3>
          <div class="table-wrap">
            <table class="data">
              <caption class="visually-hidden">Change coupling, strongest first</caption>
              <thead>
                <tr>
                  <th scope="col">Files</th>
                  <th scope="col" class="num">Together</th>
                  <th scope="col" class="num">Degree</th>
                  <th scope="col">Import between them</th>
                </tr>
              </thead>
              <tbody>
                {coupling.map((c) => (
                  <tr key={`${c.a}|${c.b}`}>
                    <th scope="row">
                      <code>{c.a}</code> · <code>{c.b}</code>
                    </th>
                    <td class="num">{number.format(c.shared)}</td>
                    <td class="num">{percent(c.degree)}</td>
                    <td>{c.hidden ? "none (hidden coupling)" : "yes"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <p class="muted">
        All of it, paginated: <a href={`${api}/files`}>files</a>, <a href={`${api}/hotspots`}>hotspots</a>,{" "}
        <a href={`${api}/contributors`}>contributors</a>, <a href={`${api}/coupling`}>coupling</a>,{" "}
        <a href={`${api}/ownership`}>ownership</a>, <a href={`${api}/activity`}>activity</a>,{" "}
        <a href={`${api}/languages`}>languages over time</a>.
      </p>
    </section>
  );
}
