/** Props of {@link Pager}. */
export interface PagerProps {
  page: number;
  pages: number;
  /** The address of a page. */
  href: (page: number) => string;
  /** What the steps back and forth say: "← Previous" and "Next →" unless the list is, say, newest first. */
  labels?: [previous: string, next: string];
  /** What the pages hold, for screen readers ("Pages of files"). */
  label: string;
}

/** The steps of a list newest first. */
export const NEWER_OLDER: [previous: string, next: string] = ["← Newer", "Older →"];

/** Links to the previous and next pages of a table (the design system's `.pager`); nothing when it fits on one. */
export function Pager({ page, pages, href, labels = ["← Previous", "Next →"], label }: PagerProps) {
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={label}>
      {page > 1 && <a href={href(page - 1)} rel="prev">{labels[0]}</a>}
      <span class="muted">Page {page} of {pages}</span>
      {page < pages && <a href={href(page + 1)} rel="next">{labels[1]}</a>}
    </nav>
  );
}

/** The address `path?query` with `changes` applied to `query` (undefined removes a parameter), then `hash`. */
export function withQuery(
  path: string,
  query: Record<string, string | number | undefined>,
  changes: Record<string, string | number | undefined>,
  hash = "",
): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...query, ...changes })) {
    if (value !== undefined && value !== "" && !(name.toLowerCase().endsWith("page") && Number(value) === 1)) {
      params.set(name, String(value));
    }
  }
  const search = params.toString();
  return `${path}${search ? `?${search}` : ""}${hash}`;
}
