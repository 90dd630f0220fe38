import type { Page } from "../lib/history/history_views.ts";
import { ccnClass } from "../lib/shared/complexity.ts";
import type { FileCoupling, FileFunction, FileImport, FileImporter, FileInfo } from "../lib/views/file_detail.ts";
import type { FileSource } from "../lib/views/file_source.ts";
import { number, percent } from "../lib/shared/format.ts";
import { FileBreadcrumb, fileHref, FilePager } from "./FileParts.tsx";
import { Card } from "./Cards.tsx";
import { DataTable, num } from "./DataTable.tsx";
import { FileHistory, type FileHistoryProps } from "./FileHistory.tsx";
import { type SourceMark, SourceView } from "./SourceView.tsx";

/** The page's own query: the functions' order and the page of each paginated table. */
export interface FileQuery {
  sort: "line" | "ccn";
  fpage: number;
  hpage: number;
  ipage: number;
}

/** Props of {@link FilePage}. */
export interface FilePageProps {
  analysisId: string;
  file: FileInfo;
  query: FileQuery;
  functions: Page<FileFunction>;
  imports: FileImport[];
  importers: Page<FileImporter>;
  coupling: FileCoupling[];
  /** Null when the analysis ran without its history. */
  history: Omit<FileHistoryProps, "link"> | null;
  source: FileSource;
  marks: SourceMark[];
}

/** One file of an analysis: its numbers, functions, history, neighbours and source. */
export function FilePage(props: FilePageProps) {
  const { analysisId, file, query } = props;
  /** This page with some of its query changed, at a section. */
  const link = (change: Partial<FileQuery>, section: string) => {
    const next = { ...query, ...change };
    const params = new URLSearchParams();
    if (next.sort !== "line") params.set("sort", next.sort);
    for (const key of ["fpage", "hpage", "ipage"] as const) if (next[key] > 1) params.set(key, String(next[key]));
    const text = params.toString();
    return fileHref(analysisId, file.path, `${text ? `?${text}` : ""}#${section}`);
  };
  return (
    <>
      <FileBreadcrumb analysisId={analysisId} path={file.path} />
      <FileSummary file={file} />
      <nav class="file-sections" aria-label="Sections of this page">
        <a href="#functions">Functions</a>
        <a href="#history">History</a>
        <a href="#dependencies">Imports and coupling</a>
        <a href="#source-title">Source</a>
      </nav>
      <FunctionsTable {...props} link={link} />
      {props.history ? <FileHistory {...props.history} link={link} /> : (
        <section class="panel" id="history">
          <h2>History</h2>
          <p class="muted">This analysis ran without its history: commits, authors and coupling are unknown.</p>
        </section>
      )}
      <Dependencies {...props} link={link} />
      <SourceView source={props.source} marks={props.marks} />
    </>
  );
}

function FileSummary({ file }: { file: FileInfo }) {
  return (
    <section class="panel" aria-label="Summary">
      <div class="cards">
        <Card
          value={number.format(file.code)}
          label={<>lines of code ({number.format(file.comment)} comment, {number.format(file.blank)} blank)</>}
        />
        <Card value={number.format(file.functions)} label="functions" />
        <Card
          value={file.functions ? <span class={ccnClass(file.maxCcn)}>{file.maxCcn}</span> : "–"}
          label={<>highest CCN (total {number.format(file.totalCcn)})</>}
        />
        <Card value={file.language ?? "–"} label={<>{file.category} · {number.format(file.bytes)} bytes</>} />
      </div>
      {file.skipReason && <p class="notice">Not analysed in full: {file.skipReason}.</p>}
      {file.parseErrors > 0 && (
        <p class="notice">
          The parser met {number.format(file.parseErrors)}{" "}
          syntax error{file.parseErrors === 1 ? "" : "s"}; the rest of the file was analysed.
        </p>
      )}
    </section>
  );
}

type Link = (change: Partial<FileQuery>, section: string) => string;

function FunctionsTable({ functions, query, link, file }: FilePageProps & { link: Link }) {
  const sortLink = (sort: "line" | "ccn", label: string) =>
    query.sort === sort
      ? <strong aria-current="true">{label}</strong>
      : <a href={link({ sort, fpage: 1 }, "functions")}>{label}</a>;
  return (
    <section class="panel" id="functions" aria-labelledby="functions-title">
      <h2 id="functions-title">Functions</h2>
      {functions.total === 0
        ? (
          <p class="muted">
            {file.structureId === null
              ? "This file was not parsed (its language has no parser here)."
              : "No functions."}
          </p>
        )
        : (
          <>
            <p class="sort-links">
              Order: {sortLink("line", "by line")} · {sortLink("ccn", "most complex first")}
            </p>
            <DataTable
              caption={`Functions of this file with their lines, size and cyclomatic complexity${
                query.sort === "ccn" ? ", most complex first" : ", in line order"
              }`}
              columns={[
                "Name",
                num("Lines"),
                num("NLOC"),
                { label: "CCN", num: true, sort: query.sort === "ccn" ? "descending" : undefined },
                num("Nesting"),
                num("Params"),
              ]}
            >
              {functions.items.map((f) => (
                <tr key={`${f.startLine}:${f.qualifiedName}`}>
                  <th scope="row">
                    <a href={`#L${f.startLine}`} title={f.qualifiedName}>
                      <code>{f.name}</code>
                    </a>
                  </th>
                  <td class="num">{f.startLine}–{f.endLine}</td>
                  <td class="num">{number.format(f.nloc)}</td>
                  <td class="num">
                    <span class={ccnClass(f.ccn)}>{f.ccn}</span>
                  </td>
                  <td class="num">{f.maxNesting}</td>
                  <td class="num">{f.params}</td>
                </tr>
              ))}
            </DataTable>
            <FilePager
              page={query.fpage}
              pageSize={functions.limit}
              total={functions.total}
              href={(fpage) => link({ fpage }, "functions")}
              label="Pages of functions"
            />
          </>
        )}
    </section>
  );
}

function Dependencies(
  { analysisId, imports, importers, coupling, history, query, link }: FilePageProps & { link: Link },
) {
  return (
    <section class="panel" id="dependencies" aria-labelledby="dependencies-title">
      <h2 id="dependencies-title">Imports and coupling</h2>
      <div class="file-columns">
        <div>
          <h3>Imports ({number.format(imports.length)})</h3>
          {imports.length === 0 ? <p class="muted">No imports.</p> : (
            <ul class="file-list">
              {imports.map((i) => (
                <li key={`${i.line}:${i.module}`}>
                  {i.target
                    ? <a href={fileHref(analysisId, i.target)}>{i.target}</a>
                    : <code>{i.external ?? i.module}</code>}
                  <span class="muted">{` line ${i.line}`}</span>
                  {!i.target && <span class="badge">{i.external ? "external" : "unresolved"}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>Imported by ({number.format(importers.total)})</h3>
          {importers.total === 0 ? <p class="muted">No file of the repository imports it.</p> : (
            <>
              <ul class="file-list">
                {importers.items.map((i) => (
                  <li key={i.path}>
                    <a href={fileHref(analysisId, i.path, `#L${i.line}`)}>{i.path}</a>
                    <span class="muted">{` line ${i.line}`}</span>
                  </li>
                ))}
              </ul>
              <FilePager
                page={query.ipage}
                pageSize={importers.limit}
                total={importers.total}
                href={(ipage) => link({ ipage }, "dependencies")}
                label="Pages of importers"
              />
            </>
          )}
        </div>
        <div>
          <h3>Changes together with</h3>
          {history === null
            ? <p class="muted">Needs the history.</p>
            : coupling.length === 0
            ? <p class="muted">No file changes with it often enough (5 shared commits, 30%).</p>
            : (
              <ul class="file-list">
                {coupling.map((c) => (
                  <li key={c.path}>
                    <a href={fileHref(analysisId, c.path)}>{c.path}</a>
                    <span class="muted">{` ${percent(c.degree)} · ${c.shared} commits`}</span>
                    {c.hidden && <span class="badge" title="No import joins the two files">no import</span>}
                  </li>
                ))}
              </ul>
            )}
        </div>
      </div>
    </section>
  );
}
