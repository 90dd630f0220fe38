import { hierarchy, treemap, treemapSquarify } from "d3-hierarchy";
import { useEffect, useRef, useState } from "preact/hooks";
import { fetchJson } from "../lib/shared/api_client.ts";
import type { TreeEntry, TreemapData } from "../lib/shared/file_tree.ts";
import { number } from "../lib/shared/format.ts";
import {
  colorOf,
  counted,
  DAY,
  type Mode,
  type Scales,
  scalesOf,
  TreemapLegend,
} from "../components/FileTreemapColors.tsx";
import { dirHref, fileHref } from "../components/FileParts.tsx";

/** Props: the analysis, the directory the page shows, and what its history allows. */
export interface TreemapProps {
  analysisId: string;
  dir: string;
  hasHistory: boolean;
  /** The newest commit of the history: ages are counted back from it. */
  referenceDate: string | null;
}

/** What d3-hierarchy's treemap gives back for each node (the library ships no types). */
interface Box {
  data: TreeEntry;
  depth: number;
  value?: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  children?: Box[];
  descendants(): Box[];
}

const MODES: [Mode, string][] = [
  ["complexity", "Complexity"],
  ["churn", "Churn"],
  ["ownership", "Ownership"],
  ["age", "Age"],
];
/** Height of a directory's name above its tiles, in pixels. */
const HEADER = 20;

function describe(e: TreeEntry, s: Scales): string {
  const parts = [`${e.path}${e.kind === "dir" ? "/" : ""}`, `${number.format(counted(e))} lines of code`];
  if (e.kind === "dir") parts.push(`${number.format(e.files)} files`);
  parts.push(e.functions ? `max CCN ${e.maxCcn}, total ${number.format(e.totalCcn)}` : "no functions");
  if (e.commits !== null) parts.push(`${number.format(e.commits)} commits`);
  if (e.mainAuthor) {
    parts.push(
      `main author ${e.mainAuthor}${e.mainAuthorShare === null ? "" : ` (${Math.round(e.mainAuthorShare * 100)}%)`}`,
    );
  }
  if (e.lastChangedAt) {
    parts.push(`last change ${Math.round((s.reference - Date.parse(e.lastChangedAt)) / DAY)} days ago`);
  }
  return parts.join(" · ");
}

const place = (b: Box, w: number, h: number) => ({
  left: `${(b.x0 / w) * 100}%`,
  top: `${(b.y0 / h) * 100}%`,
  width: `${((b.x1 - b.x0) / w) * 100}%`,
  height: `${((b.y1 - b.y0) / h) * 100}%`,
});

function layout(answer: TreemapData, w: number, h: number): Box[] {
  const root = hierarchy(
    { name: answer.dir, path: answer.dir, kind: "dir", children: answer.entries } as TreeEntry,
    (d: TreeEntry) => d.children,
  ).sum((d: TreeEntry) => (d.children?.length ? 0 : counted(d)))
    .sort((a: Box, b: Box) => (b.value ?? 0) - (a.value ?? 0));
  treemap().tile(treemapSquarify).size([w, h]).round(true).paddingInner(2)
    .paddingOuter((n: Box) => (n.depth === 1 ? 2 : 0))
    .paddingTop((n: Box) => (n.depth === 1 ? HEADER : 0))(root);
  return (root as Box).descendants().filter((b) => b.depth > 0 && (b.value ?? 0) > 0);
}

/**
 * The treemap of a directory: a tile per file and subdirectory (two levels),
 * sized by lines of code and coloured by complexity, churn, ownership or age.
 * Files open their page; directories zoom in. The table under it on the page
 * holds the same entries without JavaScript.
 */
export default function Treemap({ analysisId, dir: startDir, hasHistory, referenceDate }: TreemapProps) {
  const [dir, setDir] = useState(startDir);
  const [mode, setMode] = useState<Mode>("complexity");
  const [answer, setAnswer] = useState<TreemapData | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [hydrated, setHydrated] = useState(false);
  const [size, setSize] = useState<[number, number] | null>(null);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setHydrated(true);
    const element = box.current!;
    const measure = () => setSize([element.clientWidth, element.clientHeight]);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const abort = new AbortController();
    setAnswer(null);
    setFailure(null);
    fetchJson<TreemapData>(
      `/api/analyses/${analysisId}/files/tree?depth=2&limit=400&dir=${encodeURIComponent(dir)}`,
      abort.signal,
    )
      .then((body) => setAnswer(body))
      .catch((error: Error) => {
        if (!abort.signal.aborted) setFailure(error.message);
      });
    return () => abort.abort();
  }, [analysisId, dir]);

  const boxes = answer && size && size[0] > 0 ? layout(answer, size[0], size[1]) : [];
  const leaves = boxes.filter((b) => !b.children).map((b) => b.data);
  const scales = scalesOf(leaves, referenceDate);
  const crumbs = dir ? dir.split("/") : [];
  const totalCode = answer ? answer.entries.reduce((sum, e) => sum + counted(e), 0) : 0;
  const status = failure
    ? `The treemap could not be loaded: ${failure}`
    : !hydrated
    ? "The treemap is drawn in the browser; the table below lists the same entries."
    : !answer
    ? "Loading the treemap…"
    : boxes.length === 0
    ? "Nothing to draw here: no lines of code outside vendored and generated files."
    : null;

  return (
    <figure class="treemap">
      <div class="tm-bar">
        <nav class="tm-crumbs" aria-label="Treemap directory">
          <button type="button" class="link-button" disabled={!hydrated || !dir} onClick={() => setDir("")}>
            repository
          </button>
          {crumbs.map((name, i) => (
            <span key={i}>
              {" / "}
              <button
                type="button"
                class="link-button"
                disabled={!hydrated || i === crumbs.length - 1}
                onClick={() => setDir(crumbs.slice(0, i + 1).join("/"))}
              >
                {name}
              </button>
            </span>
          ))}
          {dir !== startDir && <a class="tm-table-link" href={dirHref(analysisId, dir)}>table of this directory</a>}
        </nav>
        <fieldset class="tm-modes">
          <legend>Colour by</legend>
          {MODES.map(([value, label]) => (
            <label key={value}>
              <input
                type="radio"
                name={`tm-mode-${analysisId}`}
                value={value}
                checked={mode === value}
                disabled={!hydrated || (value !== "complexity" && !hasHistory)}
                onChange={() => setMode(value)}
              />{" "}
              {label}
            </label>
          ))}
        </fieldset>
      </div>
      {!hasHistory && (
        <p class="muted tm-note">This analysis ran without its history: churn, ownership and age need it.</p>
      )}
      <div
        ref={box}
        class="tm-box"
        role="group"
        aria-label={answer
          ? `Treemap of ${dir || "the repository"}: ${answer.entries.length} entries, ${
            number.format(totalCode)
          } lines of code`
          : "Treemap"}
        aria-busy={!answer && !failure}
      >
        {status && <p class="tm-status">{status}</p>}
        {size && boxes.map((b) => {
          const e = b.data;
          const style = place(b, size[0], size[1]);
          const big = b.x1 - b.x0 > 46 && b.y1 - b.y0 > 20;
          const label = describe(e, scales);
          if (b.children) {
            return (
              <div key={e.path} class="tm-group" style={style}>
                <button
                  type="button"
                  class="tm-group-head"
                  title={label}
                  aria-label={`Zoom into ${label}`}
                  onClick={() => setDir(e.path)}
                >
                  {e.name}/
                </button>
              </div>
            );
          }
          const look = { ...style, background: colorOf(e, mode, scales) };
          const text = big && <span class="tm-label">{e.kind === "dir" ? `${e.name}/` : e.name}</span>;
          return e.kind === "dir"
            ? (
              <button
                key={e.path}
                type="button"
                class="tm-tile tm-dir"
                style={look}
                title={label}
                aria-label={`Zoom into ${label}`}
                onClick={() => setDir(e.path)}
              >
                {text}
              </button>
            )
            : (
              <a
                key={e.path}
                class="tm-tile"
                style={look}
                href={fileHref(analysisId, e.path)}
                title={label}
                aria-label={label}
              >
                {text}
              </a>
            );
        })}
      </div>
      <TreemapLegend mode={mode} scales={scales} />
      <figcaption class="muted">
        Tile size: lines of code (vendored and generated files left out). Select a file to open it, a directory to zoom
        in.
        {answer?.truncated &&
          ` The ${
            number.format(answer.omitted)
          } smallest entries are left out of the drawing; the table lists them all.`}
      </figcaption>
    </figure>
  );
}
