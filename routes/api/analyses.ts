import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { z } from "zod";
import { invalidField, notFound } from "../../lib/errors.ts";
import { findAnalysis } from "../../lib/pipeline/analyses.ts";
import { cancelAnalysis, retryAnalysis } from "../../lib/pipeline/control.ts";
import { submitAnalysis } from "../../lib/pipeline/submit.ts";
import { buildReport } from "../../lib/report/build_report.ts";
import { normalizeRepoUrl, validateRef } from "../../lib/repo/url.ts";
import type { AppEnv } from "../../lib/web/app_deps.ts";
import { analysisEvents } from "./analysis_events.ts";
import { historyApi } from "./history.ts";

const submission = z.object({
  repoUrl: z.string({ error: "is required" }).max(2048),
  ref: z.string().max(200).optional(),
  force: z.boolean().optional(),
});

/** `/api/analyses`: submit, read, follow and fetch the report of analyses. */
export const analysesApi = new Hono<AppEnv>();

analysesApi.post(
  "/",
  zValidator("json", submission, (result) => {
    if (!result.success) {
      const issue = result.error.issues[0];
      throw invalidField(issue.path.join(".") || "body", issue.message);
    }
  }),
  async (c) => {
    const deps = c.get("deps");
    const body = c.req.valid("json");
    const repo = normalizeRepoUrl(body.repoUrl, { allowLocal: deps.config.ALLOW_LOCAL_REPOS });
    const { id, cached, joined } = await submitAnalysis(deps.db, {
      repo,
      ref: validateRef(body.ref),
      requestId: c.get("requestId"),
      force: body.force,
      resolve: deps.resolveRef,
    });
    const analysis = await findAnalysis(deps.db, id);
    c.header("Location", `/api/analyses/${id}`);
    // A cache hit is the finished analysis itself; anything else is (still) being worked on.
    return c.json({ ...analysis, cached, joined }, cached ? 200 : 202);
  },
);

analysesApi.get("/:id", async (c) => {
  const analysis = await findAnalysis(c.get("deps").db, c.req.param("id"));
  if (!analysis) throw notFound("Analysis");
  return c.json(analysis);
});

analysesApi.get("/:id/report", async (c) => {
  const deps = c.get("deps");
  const analysis = await findAnalysis(deps.db, c.req.param("id"));
  if (!analysis) throw notFound("Analysis");
  if (analysis.status !== "succeeded") {
    return c.json({
      error: { code: "not_ready", message: `The analysis is ${analysis.status}; its report exists once it succeeds` },
    }, 409);
  }
  return c.json(await buildReport(deps.db, analysis.id));
});

analysesApi.post("/:id/cancel", async (c) => {
  const deps = c.get("deps");
  const id = c.req.param("id");
  if (!await findAnalysis(deps.db, id)) throw notFound("Analysis");
  const outcome = await cancelAnalysis(deps.db, id);
  return c.json(await findAnalysis(deps.db, id), outcome === "canceled" ? 200 : 202);
});

analysesApi.post("/:id/retry", async (c) => {
  const deps = c.get("deps");
  const id = c.req.param("id");
  if (!await findAnalysis(deps.db, id)) throw notFound("Analysis");
  await retryAnalysis(deps.db, id);
  return c.json(await findAnalysis(deps.db, id), 202);
});

analysesApi.route("/", analysisEvents);
analysesApi.route("/", historyApi);
