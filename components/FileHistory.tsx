import type { Page } from "../lib/history/history_views.ts";
import type { FileAuthor, FileCommit, FileHistoryTotals } from "../lib/views/file_detail.ts";
import { day, number, percent } from "../lib/shared/format.ts";
import { DataTable, num } from "./DataTable.tsx";
import { FilePager } from "./FileParts.tsx";

/** Props of {@link FileHistory}. */
export interface FileHistoryProps {
  path: string;
  /** Null when no commit of the history read touched the file. */
  totals: FileHistoryTotals | null;
  authors: FileAuthor[];
  commits: Page<FileCommit>;
  page: number;
  /** This page with another page of commits, at a section. */
  link: (change: { hpage: number }, section: string) => string;
}

/** A file's history: totals, main author and share, who wrote it, and the commits that changed it. */
export function FileHistory({ path, totals, authors, commits, page, link }: FileHistoryProps) {
  return (
    <section class="panel" id="history" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {totals === null ? <p class="muted">No commit of the history that was read changed this file.</p> : (
        <>
          <p>
            {number.format(totals.commits)} commit{totals.commits === 1 ? "" : "s"}, +{number.format(totals.added)}{" "}
            / −{number.format(totals.deleted)} lines, from {day(totals.firstChangedAt)} to {day(totals.lastChangedAt)}.
            {" "}
            {totals.mainAuthor
              ? (
                <>
                  Main author: <strong>{totals.mainAuthor}</strong> ({percent(totals.mainAuthorShare)}{" "}
                  of the lines added), {totals.authors} author{totals.authors === 1 ? "" : "s"} in all.
                </>
              )
              : "No main author (only bots changed it, or it counts for no metric)."}
          </p>
          <h3>Authors</h3>
          <DataTable
            caption="People who changed this file, most lines added first"
            columns={["Person", num("Commits"), num("+/−"), num("Share")]}
          >
            {authors.map((a) => (
              <tr key={a.name}>
                <th scope="row">
                  {a.name} {a.isBot && <span class="badge">bot</span>}
                </th>
                <td class="num">{number.format(a.commits)}</td>
                <td class="num">+{number.format(a.added)} / −{number.format(a.deleted)}</td>
                <td class="num">{percent(a.share)}</td>
              </tr>
            ))}
          </DataTable>
          <h3 id="commits-title">Commits</h3>
          <DataTable
            caption="Commits that changed this file, newest first"
            columns={["Date", "Author", "Subject", num("+/−")]}
          >
            {commits.items.map((c) => (
              <tr key={c.sha}>
                <td>
                  <time dateTime={c.authoredAt}>{day(c.authoredAt)}</time>
                </td>
                <td>{c.author ?? "–"}</td>
                <td>
                  <span class="commit-subject">{c.subject}</span> <code class="muted">{c.sha.slice(0, 8)}</code>
                  {c.changedPath !== path && <span class="muted">{` as ${c.changedPath}`}</span>}
                </td>
                <td class="num">
                  {c.added === null ? "binary" : `+${number.format(c.added)} / −${number.format(c.deleted ?? 0)}`}
                </td>
              </tr>
            ))}
          </DataTable>
          <FilePager
            page={page}
            pageSize={commits.limit}
            total={commits.total}
            href={(hpage) => link({ hpage }, "history")}
            label="Pages of commits"
          />
        </>
      )}
    </section>
  );
}
