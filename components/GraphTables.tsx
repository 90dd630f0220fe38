import type { ComponentChildren } from "preact";
import { ccnClass } from "../lib/shared/complexity.ts";
import { describeCycle, type GraphModel, type GraphNode } from "../lib/views/graph.ts";
import { number } from "../lib/shared/format.ts";
import { Card } from "./Cards.tsx";
import { DataTable } from "./DataTable.tsx";
import { fileHref } from "./FileParts.tsx";
import { Pager } from "./Pager.tsx";

/** Props of {@link GraphTables}. */
export interface GraphTablesProps {
  analysisId: string;
  model: GraphModel;
  /** The page of the node table, from 1. */
  page: number;
  pageSize: number;
  /** The address of another page of the node table. */
  pageHref: (page: number) => string;
}

/** Cycles and heavy edges listed on the page; the JSON lists more. */
const SHOWN_CYCLES = 20;
const SHOWN_EDGES = 25;

/** Where a node leads: a file's page, or the graph of a directory's files. */
function nodeHref(analysisId: string, node: Pick<GraphNode, "id" | "kind">): string {
  if (node.kind === "file") return fileHref(analysisId, node.id);
  return `/analyses/${analysisId}/graph?${new URLSearchParams({ level: "file", dir: node.id })}`;
}

function NodeLink({ analysisId, node }: { analysisId: string; node: GraphNode }) {
  const name = node.kind === "file" ? node.id : node.label;
  return (
    <a href={nodeHref(analysisId, node)}>
      <code>{name}</code>
    </a>
  );
}

/** The graph as text: totals, the most connected nodes (paginated), the cycles and the heaviest edges. */
export function GraphTables({ analysisId, model, page, pageSize, pageHref }: GraphTablesProps) {
  const { level } = model.options;
  const noun = level === "file" ? "files" : "directories";
  const nodeOf = (id: string) => model.nodes[model.indexOf.get(id)!];
  const pages = Math.max(1, Math.ceil(model.nodes.length / pageSize));
  const rows = model.nodes.slice((page - 1) * pageSize, page * pageSize);
  const cycles = model.cycles.slice(0, SHOWN_CYCLES).map((_, i) => describeCycle(model, i));
  const inCycles = model.edges.filter((e) => e.inCycle).length;

  return (
    <>
      <section class="panel" aria-labelledby="graph-numbers">
        <h2 id="graph-numbers">In numbers</h2>
        <div class="cards">
          <Card value={number.format(model.nodes.length)} label={`${noun} with imports`} />
          <Card value={number.format(model.edges.length)} label={`edges (${number.format(model.imports)} imports)`} />
          <Card
            value={number.format(model.cycles.length)}
            label={`import cycles (${number.format(inCycles)} edges in them)`}
          />
          {level === "dir" && (
            <Card
              value={number.format(model.internalImports)}
              label="imports inside one directory"
            />
          )}
        </div>
      </section>

      <section class="panel" aria-labelledby="graph-nodes">
        <h2 id="graph-nodes">Most connected {noun}</h2>
        {rows.length === 0 ? <p class="muted">Nothing on this page.</p> : (
          <DataTable
            columns={[
              "Name",
              "Imported by",
              "Imports",
              "Lines",
              "Max CCN",
              ...(level === "dir" ? ["Files"] : []),
              "Cycle",
            ]}
          >
            {rows.map((node) => (
              <tr key={node.id}>
                <td>
                  <NodeLink analysisId={analysisId} node={node} />
                </td>
                <td class="num">{number.format(node.in)}</td>
                <td class="num">{number.format(node.out)}</td>
                <td class="num">{number.format(node.lines)}</td>
                <td class="num">
                  <span class={ccnClass(node.maxCcn)}>{node.maxCcn}</span>
                </td>
                {level === "dir" && <td class="num">{number.format(node.files)}</td>}
                <td>{node.cycle === null ? "–" : <a href={`#cycle-${node.cycle + 1}`}>#{node.cycle + 1}</a>}</td>
              </tr>
            ))}
          </DataTable>
        )}
        <Pager page={page} pages={pages} href={pageHref} label={`Pages of ${noun}`} />
      </section>

      <section class="panel" aria-labelledby="graph-cycles">
        <h2 id="graph-cycles">Import cycles</h2>
        {cycles.length === 0 ? <p>No import cycles among these {noun}: every dependency points one way.</p> : (
          <>
            <p class="muted">
              Each cycle is a group of {noun}{" "}
              that all reach each other through imports (largest first), with one shortest loop through it.
            </p>
            <ol class="graph-cycles">
              {cycles.map((cycle, i) => (
                <li key={i} id={`cycle-${i + 1}`}>
                  <strong>{cycle.size} {noun}</strong>:{" "}
                  <span class="cycle-path">
                    {cycle.path.map((id, step) => (
                      <Step key={step} first={step === 0}>
                        <NodeLink analysisId={analysisId} node={nodeOf(id)} />
                      </Step>
                    ))}
                  </span>
                  {cycle.size > cycle.path.length - 1 && (
                    <details>
                      <summary>All {cycle.size} in this cycle</summary>
                      <ul class="cycle-members">
                        {cycle.members.map((id) => (
                          <li key={id}>
                            <NodeLink analysisId={analysisId} node={nodeOf(id)} />
                          </li>
                        ))}
                        {cycle.size > cycle.members.length && (
                          <li class="muted">and {cycle.size - cycle.members.length} more</li>
                        )}
                      </ul>
                    </details>
                  )}
                </li>
              ))}
            </ol>
            {model.cycles.length > SHOWN_CYCLES && (
              <p class="muted">
                {model.cycles.length - SHOWN_CYCLES} smaller cycles are not listed here.
              </p>
            )}
          </>
        )}
      </section>

      {model.edges.length > 0 && (
        <section class="panel" aria-labelledby="graph-edges">
          <h2 id="graph-edges">Heaviest edges</h2>
          <DataTable columns={["From", "To", "Imports", "In a cycle"]}>
            {model.edges.slice(0, SHOWN_EDGES).map((edge) => (
              <tr key={`${edge.source}→${edge.target}`}>
                <td>
                  <NodeLink analysisId={analysisId} node={nodeOf(edge.source)} />
                </td>
                <td>
                  <NodeLink analysisId={analysisId} node={nodeOf(edge.target)} />
                </td>
                <td class="num">{number.format(edge.weight)}</td>
                <td>{edge.inCycle ? "yes" : "no"}</td>
              </tr>
            ))}
          </DataTable>
          {model.edges.length > SHOWN_EDGES && (
            <p class="muted">The {SHOWN_EDGES} heaviest of {number.format(model.edges.length)} edges.</p>
          )}
        </section>
      )}
    </>
  );
}

function Step({ first, children }: { first: boolean; children: ComponentChildren }) {
  return (
    <>
      {!first && (
        <>
          <span aria-hidden="true">→</span>
          <span class="visually-hidden">imports</span>
          {" "}
        </>
      )}
      {children}
    </>
  );
}
