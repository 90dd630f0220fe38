import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { z } from "zod";
import { invalidField, notFound } from "../../lib/errors.ts";
import { findAnalysis } from "../../lib/pipeline/analyses.ts";
import { submitAnalysis } from "../../lib/pipeline/submit.ts";
import { buildReport } from "../../lib/report/build_report.ts";
import { normalizeRepoUrl, validateRef } from "../../lib/repo/url.ts";
import type { AppEnv } from "../../lib/web/app_deps.ts";
import { analysisEvents } from "./analysis_events.ts";
import { historyApi } from "./history.ts";

const submission = z.object({
  repoUrl: z.string({ error: "is required" }).max(2048),
  ref: z.string().max(200).optional(),
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
    const { id } = await submitAnalysis(deps.db, { repo, ref: validateRef(body.ref), requestId: c.get("requestId") });
    const analysis = await findAnalysis(deps.db, id);
    c.header("Location", `/api/analyses/${id}`);
    return c.json(analysis, 202);
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

analysesApi.route("/", analysisEvents);
analysesApi.route("/", historyApi);
