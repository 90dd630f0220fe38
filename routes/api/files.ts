import { Hono } from "hono";
import { z } from "zod";
import { notFound } from "../../lib/errors.ts";
import { loadFileDetail } from "../../lib/views/file_detail.ts";
import { normalizeDir, treemapData } from "../../lib/views/files.ts";
import { requireSucceededAnalysis } from "../../lib/web/analysis_page.ts";
import type { AppEnv } from "../../lib/web/app_deps.ts";
import { validQuery } from "../../lib/web/validate.ts";

const treeQuery = z.object({
  dir: z.string().max(4096).default(""),
  depth: z.coerce.number().int().min(1).max(2).default(1),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});
const detailQuery = z.object({ path: z.string({ error: "is required" }).min(1).max(4096) });

/** JSON for the files view: `/api/analyses/:id/files/tree` (the treemap) and `…/files/detail` (one file). */
export const filesApi = new Hono<AppEnv>();

filesApi.get("/:id/files/tree", validQuery(treeQuery), async (c) => {
  const analysis = await requireSucceededAnalysis(c, "its files are listed");
  const query = c.req.valid("query");
  const tree = await treemapData(c.get("deps").db, analysis.id, normalizeDir(query.dir), {
    depth: query.depth === 2 ? 2 : 1,
    limit: query.limit,
  });
  if (!tree) throw notFound("Directory");
  return c.json({
    ...tree,
    limit: query.limit,
    history: analysis.history !== null,
    referenceDate: analysis.history?.lastCommitAt ?? null,
  });
});

filesApi.get("/:id/files/detail", validQuery(detailQuery), async (c) => {
  const analysis = await requireSucceededAnalysis(c, "its files are listed");
  const detail = await loadFileDetail(c.get("deps").db, analysis.id, c.req.valid("query").path, {
    withHistory: analysis.history !== null,
    functions: { order: "line", limit: 1000, offset: 0 },
    importers: { limit: 200, offset: 0 },
    commits: { limit: 20, offset: 0 },
  });
  if (!detail) throw notFound("File");
  const { structureId: _, ...file } = detail.file;
  return c.json({ ...detail, file });
});
