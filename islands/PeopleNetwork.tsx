import { useMemo } from "preact/hooks";
import type { ElementDefinition, StylesheetJson } from "cytoscape";
import type { ChartTheme } from "../lib/shared/charts.ts";
import { GraphNetwork, labelledNode, useNetworkData } from "../components/GraphNetwork.tsx";

/** Props: the analysis, how many people to draw, and how many there are (for the caption). */
export interface PeopleNetworkProps {
  analysisId: string;
  limit: number;
  people: number;
}

interface PeopleJson {
  people: { id: number; name: string; commits: number; files: number }[];
  pairs: { a: number; b: number; shared: number }[];
}

function stylesheet(colors: ChartTheme): StylesheetJson {
  return [
    { selector: "node", style: { ...labelledNode(colors, 11), "background-color": colors.accent } },
    {
      selector: "edge",
      style: {
        width: "data(width)",
        "line-color": colors.muted,
        opacity: "data(opacity)",
        "curve-style": "haystack",
      },
    },
  ] as StylesheetJson;
}

function toElements(data: PeopleJson): ElementDefinition[] {
  const maxCommits = Math.max(1, ...data.people.map((p) => p.commits));
  const maxShared = Math.max(1, ...data.pairs.map((p) => p.shared));
  return [
    ...data.people.map((p) => ({
      group: "nodes" as const,
      data: { id: String(p.id), label: p.name, size: 18 + 36 * Math.sqrt(p.commits / maxCommits) },
    })),
    ...data.pairs.map((pair) => ({
      group: "edges" as const,
      data: {
        id: `${pair.a}-${pair.b}`,
        source: String(pair.a),
        target: String(pair.b),
        width: 1 + 7 * pair.shared / maxShared,
        opacity: 0.25 + 0.6 * pair.shared / maxShared,
      },
    })),
  ];
}

/** People linked by the files both of them changed: the thicker the line, the more files they share. */
export default function PeopleNetwork({ analysisId, limit, people }: PeopleNetworkProps) {
  const { data, error } = useNetworkData<PeopleJson>(`/api/analyses/${analysisId}/history/people?limit=${limit}`);

  const elements = useMemo(() => data && toElements(data), [data]);
  const shown = Math.min(limit, people);
  const summary = `The ${shown} people with the most commits${people > shown ? ` (of ${people})` : ""}, ` +
    "linked when they changed the same files; line width is the number of files they share.";
  return (
    <figure class="graph-figure">
      <GraphNetwork
        elements={elements}
        stylesheet={stylesheet}
        label={`Network of people. ${summary}`}
        placeholder="Drawing the network…"
      />
      <figcaption class="graph-caption">
        <span aria-live="polite">{error ? `The network could not be loaded: ${error}` : summary}</span>
      </figcaption>
    </figure>
  );
}
