import { Hono } from "hono";
import { z } from "zod";
import { dependencyGraph, graphQuery, sliceGraph } from "../../lib/views/graph.ts";
import { peopleNetwork } from "../../lib/views/people.ts";
import { requireSucceededAnalysis } from "../../lib/web/analysis_page.ts";
import type { AppEnv } from "../../lib/web/app_deps.ts";
import { validQuery } from "../../lib/web/validate.ts";

const peopleQuery = z.object({ limit: z.coerce.number().int().min(2).max(100).default(25) });

/** JSON the Dependencies and Contributors views' islands fetch, under /api/analyses/:id/…. */
export const graphApi = new Hono<AppEnv>();

/** The top `limit` files or directories by connections, the edges between them, cycles and totals. */
graphApi.get("/:id/graph", validQuery(graphQuery), async (c) => {
  const analysis = await requireSucceededAnalysis(c, "its graph exists");
  const { limit, ...options } = c.req.valid("query");
  return c.json(sliceGraph(await dependencyGraph(c.get("deps").db, analysis.id, options), limit));
});

/** The top `limit` people by commits and the pairs of them who changed the same files. */
graphApi.get("/:id/history/people", validQuery(peopleQuery), async (c) => {
  const analysis = await requireSucceededAnalysis(c, "its graph exists", { history: true });
  const { limit } = c.req.valid("query");
  return c.json({ ...await peopleNetwork(c.get("deps").db, analysis.id, limit), limit });
});
