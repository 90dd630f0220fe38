import { useSignal } from "@preact/signals";
import { useMemo } from "preact/hooks";
import type { ElementDefinition, StylesheetJson } from "cytoscape";
import { bandColor, type ChartTheme } from "../lib/shared/charts.ts";
import type { ComplexityBand } from "../lib/shared/complexity.ts";
import { fileHref } from "../components/FileParts.tsx";
import { GraphNetwork, labelledNode, useNetworkData } from "../components/GraphNetwork.tsx";

/** Props: which graph to draw and the totals the page already knows (so the caption never shifts). */
export interface DependencyGraphProps {
  analysisId: string;
  level: "file" | "dir";
  depth: number;
  dir: string;
  limit: number;
  /** How many more nodes each "show more" draws. */
  step: number;
  total: { nodes: number; edges: number; cycles: number };
}

/** What the graph JSON holds that the island uses. */
interface GraphJson {
  nodes: {
    id: string;
    label: string;
    kind: "file" | "dir";
    lines: number;
    band: ComplexityBand;
    cycle: number | null;
  }[];
  edges: { source: string; target: string; weight: number; inCycle: boolean }[];
  total: { nodes: number; edges: number; cycles: number };
}

const BANDS: ComplexityBand[] = ["low", "mid", "high"];
const BAND_LABEL: Record<ComplexityBand, string> = { low: "max CCN under 5", mid: "5–10", high: "over 10" };

function stylesheet(colors: ChartTheme): StylesheetJson {
  return [
    {
      selector: "node",
      style: { ...labelledNode(colors, 10), "border-width": 1, "border-color": colors.surface },
    },
    ...BANDS.map((band) => ({
      selector: `node[band = "${band}"]`,
      style: { "background-color": bandColor(colors, band) },
    })),
    { selector: 'node[kind = "dir"]', style: { shape: "round-rectangle" } },
    { selector: "node[?inCycle]", style: { "border-width": 3, "border-color": colors.bad } },
    {
      selector: "edge",
      style: {
        width: "data(width)",
        "line-color": colors.muted,
        "target-arrow-color": colors.muted,
        "target-arrow-shape": "triangle",
        "arrow-scale": 0.7,
        "curve-style": "bezier",
        opacity: 0.55,
      },
    },
    {
      selector: "edge[?inCycle]",
      style: { "line-color": colors.bad, "target-arrow-color": colors.bad, opacity: 0.95, "z-index": 2 },
    },
  ] as StylesheetJson;
}

function toElements(graph: GraphJson): ElementDefinition[] {
  const maxLines = Math.max(1, ...graph.nodes.map((n) => n.lines));
  return [
    ...graph.nodes.map((n) => ({
      group: "nodes" as const,
      data: {
        id: n.id,
        label: n.label,
        kind: n.kind,
        band: n.band,
        inCycle: n.cycle !== null,
        size: 14 + 40 * Math.sqrt(n.lines / maxLines),
      },
    })),
    ...graph.edges.map((e) => ({
      group: "edges" as const,
      data: {
        id: `${e.source}→${e.target}`,
        source: e.source,
        target: e.target,
        inCycle: e.inCycle,
        width: Math.min(6, 1 + Math.log2(e.weight)),
      },
    })),
  ];
}

/**
 * The dependency network: files or directories coloured by complexity and
 * sized by lines, cycles in red, the top-N most connected with "show more".
 * A file links to its page; a directory to the graph of its files.
 */
export default function DependencyGraph(props: DependencyGraphProps) {
  const limit = useSignal(props.limit);
  const noun = props.level === "file" ? "files" : "directories";
  const query = new URLSearchParams({
    level: props.level,
    depth: String(props.depth),
    dir: props.dir,
    limit: String(limit.value),
  });
  const { data: graph, error, loading } = useNetworkData<GraphJson>(`/api/analyses/${props.analysisId}/graph?${query}`);

  const elements = useMemo(() => graph && toElements(graph), [graph]);
  const shown = Math.min(limit.value, props.total.nodes);
  const more = shown < props.total.nodes;

  function showMore() {
    limit.value += props.step;
    const url = new URL(location.href);
    url.searchParams.set("limit", String(limit.value));
    history.replaceState(null, "", url);
  }

  function open(id: string) {
    if (props.level === "file") location.href = fileHref(props.analysisId, id);
    else {
      const query = new URLSearchParams({ level: "file", dir: id });
      location.href = `/analyses/${props.analysisId}/graph?${query}`;
    }
  }

  const summary = `Showing the ${shown} most connected of ${props.total.nodes} ${noun}, ${props.total.edges} ` +
    `import edges in all; ${props.total.cycles} import cycle${props.total.cycles === 1 ? "" : "s"}` +
    (props.total.cycles ? " (in red)." : ".");
  return (
    <figure class="graph-figure">
      <GraphNetwork
        elements={elements}
        stylesheet={stylesheet}
        label={`Dependency graph. ${summary}`}
        placeholder="Drawing the graph…"
        onNodeTap={open}
      />
      <figcaption class="graph-caption">
        <span aria-live="polite">{error ? `The graph could not be loaded: ${error}` : summary}</span>
        <button
          type="button"
          class="button small"
          onClick={showMore}
          disabled={!more || loading}
          aria-disabled={!more}
        >
          {more ? `Show ${Math.min(props.step, props.total.nodes - shown)} more` : `All ${noun} shown`}
        </button>
      </figcaption>
      <ul class="graph-legend" aria-label="Legend">
        {BANDS.map((band) => (
          <li key={band}>
            <span class={`swatch swatch-${band}`} aria-hidden="true" /> {BAND_LABEL[band]}
          </li>
        ))}
        <li>
          <span class="swatch swatch-cycle" aria-hidden="true" /> in an import cycle
        </li>
        <li>
          size: lines of code · arrow: imports ·{" "}
          {props.level === "file" ? "click a file to open it" : "click a directory for its files"}
        </li>
      </ul>
    </figure>
  );
}
