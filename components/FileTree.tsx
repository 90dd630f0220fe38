import type { DirectoryListing, TreeEntry } from "../lib/views/files.ts";
import { ccnClass } from "../lib/shared/complexity.ts";
import { day, number, percent } from "../lib/shared/format.ts";
import { DataTable, num } from "./DataTable.tsx";
import { dirHref, FileBreadcrumb, fileHref, FilePager } from "./FileParts.tsx";

/** Props of {@link FileTree}. */
export interface FileTreeProps {
  analysisId: string;
  listing: DirectoryListing;
  page: number;
  pageSize: number;
  hasHistory: boolean;
}

const OUTSIDE = new Set(["vendored", "generated", "binary"]);

/** A directory's children as a table — directories first — browsable without JavaScript. */
export function FileTree({ analysisId, listing, page, pageSize, hasHistory }: FileTreeProps) {
  const { dir, entries, total } = listing;
  const first = (page - 1) * pageSize + 1;
  return (
    <section class="panel" aria-labelledby="tree-title">
      <h2 id="tree-title">Files in {dir ? <code>{dir}/</code> : "the repository"}</h2>
      <FileBreadcrumb analysisId={analysisId} path={dir} />
      <p class="muted">
        {entries.length === 0
          ? "Nothing on this page."
          : `${number.format(first)}–${number.format(first + entries.length - 1)} of ${number.format(total)} entries.`}
        {!hasHistory && " This analysis ran without its history: commits, main author and last change are unknown."}
      </p>
      <DataTable
        class="file-tree"
        caption={<>Directories and files in {dir || "the repository"} with lines of code, functions and complexity</>}
        columns={[
          "Name",
          "Language",
          num("Lines of code"),
          num("Functions"),
          num("Max CCN"),
          ...(hasHistory ? [num("Commits"), "Main author", "Last change"] : []),
        ]}
      >
        {entries.map((entry) => (
          <TreeRow key={entry.path} analysisId={analysisId} entry={entry} hasHistory={hasHistory} />
        ))}
      </DataTable>
      <FilePager
        page={page}
        pageSize={pageSize}
        total={total}
        href={(p) =>
          dirHref(analysisId, dir, p)}
        label="Pages of this directory"
      />
    </section>
  );
}

function TreeRow({ analysisId, entry, hasHistory }: { analysisId: string; entry: TreeEntry; hasHistory: boolean }) {
  const isDir = entry.kind === "dir";
  const outside = isDir ? entry.code > 0 && entry.excludedCode === entry.code : OUTSIDE.has(entry.category ?? "");
  return (
    <tr>
      <th scope="row" class="tree-name">
        {isDir
          ? (
            <a href={dirHref(analysisId, entry.path)}>
              <span class="tree-icon" aria-hidden="true">▸</span>
              {entry.name}/
            </a>
          )
          : <a href={fileHref(analysisId, entry.path)}>{entry.name}</a>}
        {isDir && <span class="muted tree-count">{number.format(entry.files)} files</span>}
        {outside && <span class="badge">{isDir ? "vendored or generated" : entry.category}</span>}
      </th>
      <td>{entry.language ?? "–"}</td>
      <td class="num">{number.format(entry.code)}</td>
      <td class="num">{number.format(entry.functions)}</td>
      <td class="num">
        {entry.functions ? <span class={ccnClass(entry.maxCcn)}>{entry.maxCcn}</span> : <span class="muted">–</span>}
      </td>
      {hasHistory && (
        <>
          <td class="num">{entry.commits === null ? "–" : number.format(entry.commits)}</td>
          <td>
            {entry.mainAuthor ?? "–"}
            {entry.mainAuthor && <span class="muted">{` ${percent(entry.mainAuthorShare)}`}</span>}
          </td>
          <td>{day(entry.lastChangedAt)}</td>
        </>
      )}
    </tr>
  );
}
