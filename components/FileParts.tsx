/** Small parts shared by the Files and File pages: links, the breadcrumb, the pager. */

/** The page of a file (each segment of its path encoded). */
export function fileHref(analysisId: string, path: string, query = ""): string {
  return `/analyses/${analysisId}/files/${path.split("/").map(encodeURIComponent).join("/")}${query}`;
}

/** The Files page of a directory ("" is the repository). */
export function dirHref(analysisId: string, dir: string, page = 1): string {
  const query = new URLSearchParams();
  if (dir) query.set("dir", dir);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return `/analyses/${analysisId}/files${text ? `?${text}` : ""}`;
}

/** Repository › dir › dir › (file): every ancestor links to its directory's table. */
export function FileBreadcrumb({ analysisId, path }: { analysisId: string; path: string }) {
  const parts = path ? path.split("/") : [];
  return (
    <nav class="crumbs" aria-label="Breadcrumb">
      <ol>
        <li>
          {parts.length
            ? <a href={dirHref(analysisId, "")}>repository</a>
            : <span aria-current="page">repository</span>}
        </li>
        {parts.map((name, i) => {
          const last = i === parts.length - 1;
          return (
            <li key={i}>
              {last
                ? <span aria-current="page">{name}</span>
                : <a href={dirHref(analysisId, parts.slice(0, i + 1).join("/"))}>{name}</a>}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** Previous and next links of a paginated table; nothing when everything fits on one page. */
export function FilePager(
  { page, pageSize, total, href, label }: {
    page: number;
    pageSize: number;
    total: number;
    href: (page: number) => string;
    label: string;
  },
) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages === 1 && page === 1) return null;
  return (
    <nav class="pager" aria-label={label}>
      {page > 1 ? <a href={href(page - 1)} rel="prev">← Previous</a> : <span class="muted">← Previous</span>}
      <span>Page {page} of {pages}</span>
      {page < pages ? <a href={href(page + 1)} rel="next">Next →</a> : <span class="muted">Next →</span>}
    </nav>
  );
}
