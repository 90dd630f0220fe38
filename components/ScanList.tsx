import { DataTable } from "./DataTable.tsx";
import type { AnalysisView } from "../lib/pipeline/analyses.ts";

/** Props of {@link ScanList}. */
export interface ScanListProps {
  items: (AnalysisView & { requestedAt: string; private: boolean })[];
  total: number;
  page: number;
  pageSize: number;
}

/** A user's scans, newest first, as a table with pages. */
export function ScanList({ items, total, page, pageSize }: ScanListProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <>
      <section class="page-head">
        <p class="eyebrow">Your history</p>
        <h1>Recent scans</h1>
        <p class="muted">{total === 1 ? "1 scan" : `${total} scans`}, newest first.</p>
      </section>
      <section class="panel">
        {items.length === 0
          ? (
            <p class="muted">
              No scans yet. <a href="/">Analyse a repository</a>: it will be listed here.
            </p>
          )
          : (
            <DataTable columns={["Repository", "Ref", "Commit", "Status", "Asked"]}>
              {items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <a href={`/analyses/${a.id}`}>{a.repoName}</a>
                    {a.private && <span class="badge">private</span>}
                  </td>
                  <td>{a.ref ? <code>{a.ref}</code> : <span class="muted">default</span>}</td>
                  <td>{a.commit ? <code>{a.commit.slice(0, 12)}</code> : "—"}</td>
                  <td>
                    <span class={`status status-${a.status}`}>{a.status}</span>
                  </td>
                  <td>
                    <time datetime={a.requestedAt}>{a.requestedAt.slice(0, 16).replace("T", " ")}</time>
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        {pages > 1 && (
          <nav class="pager" aria-label="Pages">
            {page > 1 && <a href={`/scans?page=${page - 1}`} rel="prev">← Newer</a>}
            <span class="muted">Page {page} of {pages}</span>
            {page < pages && <a href={`/scans?page=${page + 1}`} rel="next">Older →</a>}
          </nav>
        )}
      </section>
    </>
  );
}
