import path from "node:path";
import { Hono } from "hono";
import { z } from "zod";
import { AnalysisHeader } from "../../components/AnalysisHeader.tsx";
import { FilePage } from "../../components/FilePage.tsx";
import { FileTree } from "../../components/FileTree.tsx";
import { Island } from "../../components/Island.tsx";
import { renderPage } from "../../components/render.tsx";
import Treemap from "../../islands/Treemap.tsx";
import { notFound } from "../../lib/errors.ts";
import { functionMarks, loadFileDetail } from "../../lib/views/file_detail.ts";
import { readFileSource } from "../../lib/views/file_source.ts";
import { listDirectory, normalizeDir, pathAfter } from "../../lib/views/files.ts";
import { succeededAnalysis } from "../../lib/web/analysis_page.ts";
import type { AppEnv } from "../../lib/web/app_deps.ts";
import { pageNumber, validQuery } from "../../lib/web/validate.ts";

const dirQuery = z.object({ dir: z.string().max(4096).default(""), page: pageNumber });
const fileQuery = z.object({
  sort: z.enum(["line", "ccn"]).default("line"),
  fpage: pageNumber,
  hpage: pageNumber,
  ipage: pageNumber,
});
const TREE_PAGE = 100;
const FUNCTIONS_PAGE = 100;
const COMMITS_PAGE = 20;
const IMPORTERS_PAGE = 50;

/** The files view of an analysis: /analyses/:id/files (a directory) and /analyses/:id/files/<path> (a file). */
export const filesView = new Hono<AppEnv>();

filesView.get("/:id/files", validQuery(dirQuery), async (c) => {
  const analysis = await succeededAnalysis(c);
  if (analysis instanceof Response) return analysis;
  const { page } = c.req.valid("query");
  const dir = normalizeDir(c.req.valid("query").dir);
  const listing = await listDirectory(c.get("deps").db, analysis.id, dir, {
    order: "name",
    limit: TREE_PAGE,
    offset: (page - 1) * TREE_PAGE,
  });
  if (!listing) throw notFound("Directory");
  const hasHistory = analysis.history !== null;
  const referenceDate = (analysis.history?.lastCommitAt as string | null | undefined) ?? null;
  return c.html(renderPage(c, {
    title: `${dir ? `${dir}/` : "Files"} · ${analysis.repoName}`,
    body: (
      <>
        <AnalysisHeader analysis={analysis} current="files" subtitle={dir ? `${dir}/` : undefined} />
        <section class="panel" aria-labelledby="treemap-title">
          <h2 id="treemap-title">Treemap</h2>
          <Island
            name="Treemap"
            component={Treemap}
            props={{ analysisId: analysis.id, dir, hasHistory, referenceDate }}
          />
        </section>
        <FileTree analysisId={analysis.id} listing={listing} page={page} pageSize={TREE_PAGE} hasHistory={hasHistory} />
      </>
    ),
  }));
});

filesView.get("/:id/files/*", validQuery(fileQuery), async (c) => {
  const analysis = await succeededAnalysis(c);
  if (analysis instanceof Response) return analysis;
  const filePath = pathAfter(new URL(c.req.url).pathname, `/analyses/${c.req.param("id")}/files/`);
  if (filePath === "") return c.redirect(`/analyses/${c.req.param("id")}/files`, 301);
  const query = c.req.valid("query");
  const db = c.get("deps").db;
  const detail = filePath === null ? null : await loadFileDetail(db, analysis.id, filePath, {
    withHistory: analysis.history !== null,
    functions: { order: query.sort, limit: FUNCTIONS_PAGE, offset: (query.fpage - 1) * FUNCTIONS_PAGE },
    importers: { limit: IMPORTERS_PAGE, offset: (query.ipage - 1) * IMPORTERS_PAGE },
    commits: { limit: COMMITS_PAGE, offset: (query.hpage - 1) * COMMITS_PAGE },
  });
  if (!detail) throw notFound("File");
  const mirrors = path.resolve(c.get("deps").config.DATA_DIR, "mirrors");
  const [source, marks] = await Promise.all([
    readFileSource(db, mirrors, analysis.id, detail.file),
    functionMarks(db, detail.file.structureId),
  ]);
  return c.html(renderPage(c, {
    title: `${detail.file.path} · ${analysis.repoName}`,
    body: (
      <>
        <AnalysisHeader analysis={analysis} current="files" subtitle={detail.file.path} />
        <FilePage
          analysisId={analysis.id}
          file={detail.file}
          query={query}
          functions={detail.functions}
          imports={detail.imports}
          importers={detail.importers}
          coupling={detail.coupling}
          history={detail.history && { ...detail.history, path: detail.file.path, page: query.hpage }}
          source={source}
          marks={marks}
        />
      </>
    ),
  }));
});
