import { Hono } from "hono";
import { AnalysisHeader } from "../../components/AnalysisHeader.tsx";
import { GraphControls } from "../../components/GraphControls.tsx";
import { GraphTables } from "../../components/GraphTables.tsx";
import { Island } from "../../components/Island.tsx";
import { renderPage } from "../../components/render.tsx";
import DependencyGraph from "../../islands/DependencyGraph.tsx";
import { DEFAULT_LIMIT, dependencyGraph, graphQuery } from "../../lib/views/graph.ts";
import { succeededAnalysis } from "../../lib/web/analysis_page.ts";
import type { AppEnv } from "../../lib/web/app_deps.ts";
import { pageNumber, validQuery } from "../../lib/web/validate.ts";

const PAGE_SIZE = 50;
const pageQuery = graphQuery.extend({ page: pageNumber });

/** The Dependencies view of an analysis: /analyses/:id/graph?level=file|dir&depth=&dir=&limit=&page=. */
export const graphView = new Hono<AppEnv>();

graphView.get("/:id/graph", validQuery(pageQuery), async (c) => {
  const analysis = await succeededAnalysis(c);
  if (analysis instanceof Response) return analysis;
  const { limit, page, ...options } = c.req.valid("query");
  const model = await dependencyGraph(c.get("deps").db, analysis.id, options);
  const pageHref = (n: number) => {
    const query = new URLSearchParams({ ...c.req.query(), page: String(n) });
    return `/analyses/${analysis.id}/graph?${query}#graph-nodes`;
  };
  const scope = options.dir ? ` under ${options.dir}/` : "";
  return c.html(renderPage(c, {
    title: `Dependencies · ${analysis.repoName}`,
    body: (
      <>
        <AnalysisHeader analysis={analysis} current="graph" />
        <GraphControls analysisId={analysis.id} options={options} directories={model.directories} />
        {model.nodes.length === 0
          ? (
            <section class="panel">
              <p>
                No import between {options.level === "file" ? "files" : "directories"}
                {scope}{" "}
                was resolved to a file of this repository. External packages are not drawn, nor vendored or generated
                code.
              </p>
            </section>
          )
          : (
            <>
              <section class="panel graph-panel" aria-labelledby="graph-title">
                <h2 id="graph-title">
                  Dependency graph of {options.level === "file" ? "files" : "directories"}
                  {scope}
                </h2>
                <p class="graph-noscript muted">
                  The interactive graph needs JavaScript; the tables below list the same nodes, cycles and edges.
                </p>
                <Island
                  name="DependencyGraph"
                  component={DependencyGraph}
                  props={{
                    analysisId: analysis.id,
                    ...options,
                    limit,
                    step: DEFAULT_LIMIT,
                    total: { nodes: model.nodes.length, edges: model.edges.length, cycles: model.cycles.length },
                  }}
                />
              </section>
              <GraphTables
                analysisId={analysis.id}
                model={model}
                page={page}
                pageSize={PAGE_SIZE}
                pageHref={pageHref}
              />
            </>
          )}
      </>
    ),
  }));
});
