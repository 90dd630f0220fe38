/**
 * A cytoscape network inside a box whose size the stylesheet reserves, shared
 * by the Dependencies and Contributors islands with what else they have in
 * common: the loading of their JSON and the style of a labelled node.
 * Cytoscape is imported only when the component mounts in the browser: the
 * server never loads it, and esbuild puts it in a chunk of its own that only
 * these islands fetch.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { Core, ElementDefinition, LayoutOptions, StylesheetJson } from "cytoscape";
import { fetchJson } from "../lib/shared/api_client.ts";
import { type ChartTheme, readTheme, watchTheme } from "../lib/shared/charts.ts";

/** Props of {@link GraphNetwork}. */
export interface GraphNetworkProps {
  /** Nodes and edges; null while they are fetched. */
  elements: ElementDefinition[] | null;
  /** The cytoscape style for the current theme. */
  stylesheet: (colors: ChartTheme) => StylesheetJson;
  /** A text alternative of what is drawn. */
  label: string;
  /** Shown in the box until the network is drawn. */
  placeholder: string;
  /** Called with a node's id when it is clicked or tapped. */
  onNodeTap?: (id: string) => void;
}

/** Cytoscape injects an inline <style> unless an element with this id exists; the CSP forbids inline styles. */
const CYTOSCAPE_STYLESHEET_ID = "__________cytoscape_stylesheet";

const MAX_FIT_ZOOM = 1.5;

/** The style of a node sized by `data(size)` with its `data(label)` under it, outlined to read over edges. */
export function labelledNode(colors: ChartTheme, fontSize: number) {
  return {
    width: "data(size)",
    height: "data(size)",
    label: "data(label)",
    "font-size": fontSize,
    color: colors.text,
    "text-valign": "bottom",
    "text-margin-y": 3,
    "text-outline-color": colors.surface,
    "text-outline-width": 2,
    "min-zoomed-font-size": 7,
  };
}

/**
 * The JSON a network is drawn from, fetched again whenever `url` changes; the
 * last answer stays while the next one loads. `error` is the API's message.
 */
export function useNetworkData<T>(url: string): { data: T | null; error: string | null; loading: boolean } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    fetchJson<T>(url, controller.signal)
      .then((body) => {
        setData(body);
        setError(null);
      })
      .catch((e) => {
        if (!controller.signal.aborted) setError(e.message);
      })
      .finally(() => setLoading(false));
    return () => controller.abort();
  }, [url]);
  return { data, error, loading };
}

/** A layout fast enough for hundreds of nodes: force-directed with bounded iterations, rings when large. */
export function fastLayout(nodes: number): LayoutOptions {
  if (nodes > 300) {
    return {
      name: "concentric",
      animate: false,
      // deno-lint-ignore no-explicit-any -- cytoscape's node type is not exported under a usable name
      concentric: (node: any) => node.degree(false),
      levelWidth: () => 2,
      minNodeSpacing: 6,
    };
  }
  return {
    name: "cose",
    animate: false,
    randomize: true,
    numIter: 600,
    nodeRepulsion: () => 9000,
    idealEdgeLength: () => 70,
    padding: 16,
  } as LayoutOptions;
}

/** Draws `elements` with cytoscape once they are there, and restyles when the theme changes. */
export function GraphNetwork({ elements, stylesheet, label, placeholder, onNodeTap }: GraphNetworkProps) {
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<"waiting" | "drawn" | "failed">("waiting");
  const tap = useRef(onNodeTap);
  tap.current = onNodeTap;

  useEffect(() => {
    const container = box.current;
    if (!container || elements === null) return;
    let cy: Core | null = null;
    let stopped = false;
    const stopWatching = watchTheme(() => cy?.style(stylesheet(readTheme())));

    (async () => {
      const { default: cytoscape } = await import("cytoscape");
      if (stopped) return;
      if (!document.getElementById(CYTOSCAPE_STYLESHEET_ID)) {
        const marker = document.createElement("meta");
        marker.id = CYTOSCAPE_STYLESHEET_ID;
        document.head.append(marker);
      }
      const graph = cy = cytoscape({
        container,
        elements,
        style: stylesheet(readTheme()),
        layout: { name: "preset" },
        minZoom: 0.1,
        maxZoom: 4,
        wheelSensitivity: 0.3,
        boxSelectionEnabled: false,
      });
      graph.on("tap", "node", (event) => tap.current?.(event.target.id()));
      graph.on("mouseover", "node", () => container.classList.add("is-pointing"));
      graph.on("mouseout", "node", () => container.classList.remove("is-pointing"));
      const layout = graph.layout(fastLayout(graph.nodes().length));
      layout.one("layoutstop", () => {
        // A few nodes fitted to the box would be drawn huge: keep them at a readable size.
        if (graph.zoom() > MAX_FIT_ZOOM) {
          graph.zoom(MAX_FIT_ZOOM);
          graph.center();
        }
        container.dataset.nodes = String(graph.nodes().length);
        container.dataset.drawn = "true";
        setState("drawn");
      });
      layout.run();
    })().catch((error) => {
      setState("failed");
      console.error("the network could not be drawn", error);
    });

    return () => {
      stopped = true;
      stopWatching();
      cy?.destroy();
      delete container.dataset.drawn;
    };
  }, [elements]);

  // Preact never renders into the canvas: cytoscape owns its children.
  return (
    <div class="network-box">
      <div class="network-canvas" ref={box} role="img" aria-label={label} />
      {state !== "drawn" && (
        <p class="network-placeholder muted" role={state === "failed" ? "alert" : undefined}>
          {state === "failed" ? "The network could not be drawn; the tables below hold the same data." : placeholder}
        </p>
      )}
    </div>
  );
}
