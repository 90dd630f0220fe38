import type { HistorySummary as Summary } from "../lib/history/analyze_history.ts";
import type { Contributor, Coupling, Hotspot } from "../lib/history/history_views.ts";
import { day, number, percent } from "../lib/shared/format.ts";
import { DataTable, num } from "./DataTable.tsx";
import { fileHref } from "./FileParts.tsx";

/** Props of {@link HistorySummary}. */
export interface HistorySummaryProps {
  analysisId: string;
  summary: Summary;
  hotspots: Hotspot[];
  people: Contributor[];
  coupling: Coupling[];
}

/** The history of a finished analysis: truck factor, hotspots, top contributors and coupling, as plain tables (the cards are the overview's). */
export function HistorySummary({ analysisId, summary, hotspots, people, coupling }: HistorySummaryProps) {
  const api = `/api/analyses/${analysisId}/history`;
  return (
    <section class="panel" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {summary.truckFactorAuthors.length > 0 && (
        <p class="muted">
          Truck factor: if {summary.truckFactorAuthors.join(", ")}{" "}
          left, more than half of the files would have nobody who knows them.
        </p>
      )}
      <h3>Top hotspots</h3>
      {hotspots.length === 0
        ? <p class="muted">No file is both complex and changed: hotspots need functions with complexity.</p>
        : (
          <DataTable
            caption="Files ranked by commits times complexity"
            columns={["File", num("Commits"), num("CCN (sum)"), num("Score"), "Main author", "Last change"]}
          >
            {hotspots.map((h) => (
              <tr key={h.path}>
                <th scope="row">
                  <a href={fileHref(analysisId, h.path)}>
                    <code>{h.path}</code>
                  </a>
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
          </DataTable>
        )}
      <h3>Top contributors</h3>
      <DataTable
        caption="People by commits, bots apart"
        columns={["Person", num("Commits"), num("Added"), num("Deleted"), "Active"]}
      >
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
      </DataTable>
      {coupling.length > 0 && (
        <>
          <h3>Files that change together</h3>
          <DataTable
            caption="Change coupling, strongest first"
            columns={["Files", num("Together"), num("Degree"), "Import between them"]}
          >
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
          </DataTable>
        </>
      )}
      <p class="muted">
        Everyone and who owns what:{" "}
        <a href={`/analyses/${analysisId}/contributors`}>Contributors</a>. All of it as JSON, paginated:{" "}
        <a href={`${api}/files`}>files</a>, <a href={`${api}/hotspots`}>hotspots</a>,{" "}
        <a href={`${api}/contributors`}>contributors</a>, <a href={`${api}/coupling`}>coupling</a>,{" "}
        <a href={`${api}/ownership`}>ownership</a>, <a href={`${api}/activity`}>activity</a>,{" "}
        <a href={`${api}/languages`}>languages over time</a>.
      </p>
    </section>
  );
}
