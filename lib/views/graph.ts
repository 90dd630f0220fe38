/**
 * The dependency graph of an analysis as the Dependencies view shows it:
 * resolved imports (file → file) between the files that count (vendored and
 * generated code left out), seen file by file or aggregated per directory,
 * filtered to one directory, ranked by how connected each node is, with the
 * import cycles found (strongly connected components of more than one node).
 *
 * @module
 */
import { type Kysely, sql } from "kysely";
import { z } from "zod";
import type { Database } from "../db/schema.ts";
import { OUTSIDE_METRICS } from "../report/summary.ts";
import { type ComplexityBand, complexityBand } from "../shared/complexity.ts";
import { cyclicComponents, shortestCycleThrough } from "./cycles.ts";

/** The top-N nodes drawn by default; "show more" adds as many again. */
export const DEFAULT_LIMIT = 150;

/** The query of the graph page and its JSON: level, directory depth, directory filter, top-N. */
export const graphQuery = z.object({
  level: z.enum(["file", "dir"]).default("file"),
  depth: z.coerce.number().int().min(1).max(8).default(1),
  // deno-lint-ignore no-control-regex -- control characters are exactly what the filter must refuse
  dir: z.string().max(500).regex(/^[^\x00-\x1f]*$/, "must not hold control characters")
    .refine((p) => !p.startsWith("/") && !p.split("/").includes(".."), "must be a directory of the repository")
    .transform((p) => p.replace(/^(\.\/)+/, "").replace(/^\.$/, "").replace(/\/+$/, ""))
    .default(""),
  limit: z.coerce.number().int().min(1).max(2000).default(DEFAULT_LIMIT),
});

/** What to draw: files or directories (`depth` levels below `dir`), under `dir` ("" is everything). */
export interface GraphOptions {
  level: "file" | "dir";
  depth: number;
  dir: string;
}

/** One file's metrics as the graph colours and sizes it. */
interface FileFacts {
  lines: number;
  maxCcn: number;
}

/** Every file that counts and every resolved import edge (with how many import statements make it). */
export interface ImportGraphData {
  files: Map<string, FileFacts>;
  edges: { from: string; to: string; imports: number }[];
}

/** A file or directory of the graph. */
export interface GraphNode {
  id: string;
  label: string;
  kind: "file" | "dir";
  /** Lines of code (of every file of a directory). */
  lines: number;
  /** The largest CCN of its functions (of its files, for a directory). */
  maxCcn: number;
  band: ComplexityBand;
  /** Files it stands for (1 for a file). */
  files: number;
  /** Nodes importing it, nodes it imports. */
  in: number;
  out: number;
  /** Index of its cycle in {@link GraphModel.cycles}, or null. */
  cycle: number | null;
}

/** An import edge; `weight` counts the import statements (file → file pairs, for directories). */
export interface GraphEdge {
  source: string;
  target: string;
  weight: number;
  /** Both ends are in the same cycle. */
  inCycle: boolean;
}

/** The whole graph of a level and filter, ranked; {@link sliceGraph} takes the part that is drawn. */
export interface GraphModel {
  options: GraphOptions;
  /** Most connected first (in + out, then lines, then id). */
  nodes: GraphNode[];
  /** Heaviest first. */
  edges: GraphEdge[];
  /** Node ids of each cycle, sorted; largest cycle first. */
  cycles: string[][];
  /** Import statements between different nodes, and those inside one directory (not drawn). */
  imports: number;
  internalImports: number;
  /** Directories that hold files of the graph (for the filter's suggestions), by path. */
  directories: string[];
  adjacency: number[][];
  indexOf: Map<string, number>;
}

/** A cycle as shown: its size, its members (capped) and one shortest cycle through it. */
export interface GraphCycle {
  size: number;
  members: string[];
  path: string[];
}

/** The JSON of the graph: the top-N nodes, the edges between them, cycles, and totals to tell there is more. */
export interface GraphSlice {
  level: "file" | "dir";
  depth: number;
  dir: string;
  limit: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
  cycles: GraphCycle[];
  total: { nodes: number; edges: number; cycles: number; imports: number; internalImports: number };
}

const MAX_DIRECTORIES = 500;
const MAX_CYCLES = 50;
/** Edges drawn at most (the heaviest): a dense directory graph of 150 nodes can have 20,000. */
const MAX_EDGES = 3000;
const MAX_MEMBERS = 100;

/** Reads the files that count and the resolved imports between them (self-imports left out). */
export async function loadImportGraph(db: Kysely<Database>, analysisId: string): Promise<ImportGraphData> {
  const [fileRows, edgeRows] = await Promise.all([
    db.selectFrom("analysis_files").select(["path", "code", "max_ccn"])
      .where("analysis_id", "=", analysisId).where("category", "not in", [...OUTSIDE_METRICS]).execute(),
    db.selectFrom("analysis_imports")
      .select(["file_path", "target_path", sql<string>`count(*)`.as("imports")])
      .where("analysis_id", "=", analysisId).where("target_path", "is not", null)
      .where(sql<boolean>`target_path <> file_path`)
      .groupBy(["file_path", "target_path"]).execute(),
  ]);
  const files = new Map(fileRows.map((f) => [f.path, { lines: f.code, maxCcn: f.max_ccn }]));
  const edges = edgeRows.filter((e) => files.has(e.file_path) && files.has(e.target_path!))
    .map((e) => ({ from: e.file_path, to: e.target_path!, imports: Number(e.imports) }));
  return { files, edges };
}

/** The directory of a path ("" for the root). */
function directoryOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

/** The node a file belongs to: itself, or its directory cut to `segments` levels. */
function nodeKey(path: string, options: GraphOptions, segments: number): string {
  if (options.level === "file") return path;
  const dir = directoryOf(path);
  return dir === "" ? "" : dir.split("/").slice(0, segments).join("/");
}

/** Builds the ranked graph of one level and filter, with its cycles. */
export function buildGraph(data: ImportGraphData, options: GraphOptions): GraphModel {
  const prefix = options.dir === "" ? "" : `${options.dir}/`;
  const segments = (options.dir === "" ? 0 : options.dir.split("/").length) + options.depth;
  const inside = (path: string) => path.startsWith(prefix);
  const key = (path: string) => nodeKey(path, options, segments);

  const weights = new Map<string, Map<string, number>>();
  const endpoints = new Set<string>();
  let imports = 0;
  let internalImports = 0;
  for (const edge of data.edges) {
    if (!inside(edge.from) || !inside(edge.to)) continue;
    endpoints.add(edge.from).add(edge.to);
    const [a, b] = [key(edge.from), key(edge.to)];
    if (a === b) {
      internalImports += edge.imports;
      continue;
    }
    imports += edge.imports;
    let targets = weights.get(a);
    if (!targets) weights.set(a, targets = new Map());
    targets.set(b, (targets.get(b) ?? 0) + edge.imports);
  }

  // Nodes: every file with an edge, or every directory holding one (measured over all its files).
  const nodes = new Map<string, GraphNode>();
  const wanted = new Set([...endpoints].map(key));
  const members = options.level === "file" ? endpoints : [...data.files.keys()].filter(inside);
  for (const path of members) {
    const id = key(path);
    if (!wanted.has(id)) continue;
    const facts = data.files.get(path)!;
    const node = nodes.get(id);
    if (node) {
      node.lines += facts.lines;
      node.maxCcn = Math.max(node.maxCcn, facts.maxCcn);
      node.files++;
    } else nodes.set(id, newNode(id, options.level, facts));
  }

  const edges: GraphEdge[] = [];
  for (const [source, targets] of weights) {
    nodes.get(source)!.out = targets.size;
    for (const [target, weight] of targets) {
      nodes.get(target)!.in++;
      edges.push({ source, target, weight, inCycle: false });
    }
  }
  const ranked = [...nodes.values()].map((n) => ({ ...n, band: complexityBand(n.maxCcn) })).sort((a, b) =>
    b.in + b.out - a.in - a.out || b.lines - a.lines || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
  const indexOf = new Map(ranked.map((n, i) => [n.id, i]));
  const adjacency = ranked.map(() => [] as number[]);
  for (const edge of edges) adjacency[indexOf.get(edge.source)!].push(indexOf.get(edge.target)!);

  const cycles = cyclicComponents(adjacency).map((c) => c.map((i) => ranked[i].id).sort())
    .sort((a, b) => b.length - a.length || (a[0] < b[0] ? -1 : 1));
  cycles.forEach((cycle, index) => cycle.forEach((id) => ranked[indexOf.get(id)!].cycle = index));
  for (const edge of edges) {
    const cycle = ranked[indexOf.get(edge.source)!].cycle;
    edge.inCycle = cycle !== null && cycle === ranked[indexOf.get(edge.target)!].cycle;
  }
  edges.sort((a, b) => b.weight - a.weight || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));

  return {
    options,
    nodes: ranked,
    edges,
    cycles,
    imports,
    internalImports,
    directories: directoriesOf(data.edges),
    adjacency,
    indexOf,
  };
}

function newNode(id: string, kind: "file" | "dir", facts: FileFacts): GraphNode {
  const label = kind === "dir" ? (id === "" ? "(root)" : id) : id.slice(id.lastIndexOf("/") + 1);
  return {
    id,
    label,
    kind,
    lines: facts.lines,
    maxCcn: facts.maxCcn,
    band: "low",
    files: 1,
    in: 0,
    out: 0,
    cycle: null,
  };
}

/** Every directory holding a file with an import edge, by path, capped. */
function directoriesOf(edges: ImportGraphData["edges"]): string[] {
  const dirs = new Set<string>();
  for (const edge of edges) {
    for (const path of [edge.from, edge.to]) {
      for (let dir = directoryOf(path); dir !== "" && !dirs.has(dir); dir = directoryOf(dir)) dirs.add(dir);
    }
  }
  return [...dirs].sort().slice(0, MAX_DIRECTORIES);
}

/** One cycle as shown: members (capped) and a shortest cycle through its first member. */
export function describeCycle(model: GraphModel, index: number): GraphCycle {
  const members = model.cycles[index];
  const numbers = members.map((id) => model.indexOf.get(id)!);
  const path = shortestCycleThrough(model.adjacency, numbers, numbers[0]).map((i) => model.nodes[i].id);
  return { size: members.length, members: members.slice(0, MAX_MEMBERS), path };
}

/** The part of the graph that is drawn: the top `limit` nodes, the (heaviest) edges between them, the largest cycles. */
export function sliceGraph(model: GraphModel, limit: number): GraphSlice {
  const nodes = model.nodes.slice(0, limit);
  const shown = new Set(nodes.map((n) => n.id));
  return {
    ...model.options,
    limit,
    nodes,
    edges: model.edges.filter((e) => shown.has(e.source) && shown.has(e.target)).slice(0, MAX_EDGES),
    cycles: model.cycles.slice(0, MAX_CYCLES).map((_, i) => describeCycle(model, i)),
    total: {
      nodes: model.nodes.length,
      edges: model.edges.length,
      cycles: model.cycles.length,
      imports: model.imports,
      internalImports: model.internalImports,
    },
  };
}

/** The graph of an analysis for one level and filter (see {@link buildGraph}). */
export async function dependencyGraph(
  db: Kysely<Database>,
  analysisId: string,
  options: GraphOptions,
): Promise<GraphModel> {
  return buildGraph(await loadImportGraph(db, analysisId), options);
}
