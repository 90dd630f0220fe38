import { Hono } from "hono";
import { z } from "zod";
import { notFound } from "../../lib/errors.ts";
import { findAnalysis } from "../../lib/pipeline/analyses.ts";
import { cancelAnalysis, retryAnalysis } from "../../lib/pipeline/control.ts";
import { submitAnalysis } from "../../lib/pipeline/submit.ts";
import { choosePrivateAccess } from "../../lib/pipeline/private_access.ts";
import { assertCanControl } from "../../lib/auth/visibility.ts";
import { buildReport } from "../../lib/report/build_report.ts";
import { normalizeRepoUrl, validateRef } from "../../lib/repo/url.ts";
import { requireSucceededAnalysis } from "../../lib/web/analysis_page.ts";
import type { AppEnv } from "../../lib/web/app_deps.ts";
import { validJson } from "../../lib/web/validate.ts";
import { analysisEvents } from "./analysis_events.ts";
import { historyApi } from "./history.ts";
import { filesApi } from "./files.ts";
import { graphApi } from "./graph.ts";
import { timelineApi } from "./timeline.ts";

const submission = z.object({
  repoUrl: z.string({ error: "is required" }).max(2048),
  ref: z.string().max(200).optional(),
  force: z.boolean().optional(),
  /** A token for a private repository (signed-in users): used for this analysis, never shown again. */
  token: z.string().min(1).max(1000).regex(/^[\x21-\x7e]+$/, "must be a token without spaces").optional(),
  /** The username sent with the token (x-access-token by default; GitLab wants oauth2). */
  username: z.string().min(1).max(100).regex(/^[\w.@-]+$/, "has characters a username cannot").optional(),
});

/** `/api/analyses`: submit, read, follow and fetch the report of analyses. */
export const analysesApi = new Hono<AppEnv>();

analysesApi.post(
  "/",
  validJson(submission),
  async (c) => {
    const deps = c.get("deps");
    const body = c.req.valid("json");
    const repo = normalizeRepoUrl(body.repoUrl, { allowLocal: deps.config.ALLOW_LOCAL_REPOS });
    const ref = validateRef(body.ref);
    const user = c.get("user");
    const { access, resolve } = await choosePrivateAccess(deps.db, deps.cipher, deps.resolveRef, {
      user,
      repo,
      ref,
      token: body.token,
      username: body.username,
    });
    const { id, cached, joined } = await submitAnalysis(deps.db, {
      repo,
      ref,
      requestId: c.get("requestId"),
      force: body.force,
      resolve,
      userId: user?.id,
      access,
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
  const analysis = await requireSucceededAnalysis(c, "its report exists");
  return c.json(await buildReport(c.get("deps").db, analysis.id));
});

analysesApi.post("/:id/cancel", async (c) => {
  const deps = c.get("deps");
  const id = c.req.param("id");
  if (!await findAnalysis(deps.db, id)) throw notFound("Analysis");
  await assertCanControl(deps.db, id, c.get("user")?.id ?? null);
  const outcome = await cancelAnalysis(deps.db, id);
  return c.json(await findAnalysis(deps.db, id), outcome === "canceled" ? 200 : 202);
});

analysesApi.post("/:id/retry", async (c) => {
  const deps = c.get("deps");
  const id = c.req.param("id");
  if (!await findAnalysis(deps.db, id)) throw notFound("Analysis");
  await assertCanControl(deps.db, id, c.get("user")?.id ?? null);
  await retryAnalysis(deps.db, id);
  return c.json(await findAnalysis(deps.db, id), 202);
});

analysesApi.route("/", analysisEvents);
analysesApi.route("/", historyApi);
analysesApi.route("/", filesApi);
analysesApi.route("/", graphApi);
analysesApi.route("/", timelineApi);
