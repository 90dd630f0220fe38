import type { Page } from "../lib/history/history_views.ts";
import type { CommitRow, MonthActivity } from "../lib/views/timeline.ts";
import { number } from "../lib/shared/format.ts";
import { DataTable } from "./DataTable.tsx";
import { shortSha } from "./TimelineSnapshot.tsx";

/** Commits, people and lines changed per month, newest first: the activity chart's numbers. */
export function TimelineMonths({ months }: { months: Page<MonthActivity> }) {
  if (!months.items.length) return <p class="muted">No commits.</p>;
  return (
    <DataTable columns={["Month", "Commits", "People", "Lines added", "Lines deleted"]}>
      {months.items.map((m) => (
        <tr key={m.month}>
          <th scope="row">{m.month}</th>
          <td class="num">{number.format(m.commits)}</td>
          <td class="num">{number.format(m.authors)}</td>
          <td class="num">{number.format(m.added)}</td>
          <td class="num">{number.format(m.deleted)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Props of {@link TimelineCommits}. */
export interface TimelineCommitsProps {
  commits: Page<CommitRow>;
  head: string;
  /** The address of the timeline with given query changes (keeps the rest of the page's state). */
  href: (changes: Record<string, string>, hash: string) => string;
}

/** Recent commits with links to the repository at each and to its comparison with now. */
export function TimelineCommits({ commits, head, href }: TimelineCommitsProps) {
  if (!commits.items.length) return <p class="muted">No commits.</p>;
  return (
    <DataTable columns={["Commit", "Date", "Author", "Subject", "Files", "Lines ±"]} actions>
      {commits.items.map((c) => (
        <tr key={c.sha}>
          <th scope="row">
            <code title={c.sha}>{shortSha(c.sha)}</code>
          </th>
          <td>
            <time datetime={c.committedAt}>{c.committedAt.slice(0, 10)}</time>
          </td>
          <td>{c.author ?? <span class="muted">unknown</span>}</td>
          <td class="tl-subject-cell">
            {c.subject} {c.merge && <span class="badge">merge</span>}
          </td>
          <td class="num">{number.format(c.files)}</td>
          <td class="num tl-lines">
            <span class="tl-added">+{number.format(c.added)}</span>{" "}
            <span class="tl-deleted">−{number.format(c.deleted)}</span>
          </td>
          <td class="tl-actions">
            <a href={href({ at: c.sha.slice(0, 12) }, "#snapshot")}>
              Snapshot<span class="visually-hidden">at {shortSha(c.sha)}</span>
            </a>
            {c.sha !== head && (
              <a href={href({ from: c.sha.slice(0, 12), to: head.slice(0, 12) }, "#compare")}>
                Compare with now<span class="visually-hidden">: {shortSha(c.sha)}</span>
              </a>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
