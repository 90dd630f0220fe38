/**
 * What every view of an analysis starts with: the analysis, finished — or, for
 * a page, the way to its progress, and for the JSON API, why it is not there yet.
 */
import type { Context } from "hono";
import { AppError, notFound } from "../errors.ts";
import { type AnalysisView, findAnalysis } from "../pipeline/analyses.ts";
import type { AppEnv } from "./app_deps.ts";

/**
 * The succeeded analysis of the request's `:id`, or a Response: a 404 is
 * thrown for an unknown id (visibility was checked by the app's middleware);
 * an analysis still running or failed redirects to its overview, which says
 * how it is going.
 */
export async function succeededAnalysis(c: Context<AppEnv>): Promise<AnalysisView | Response> {
  const analysis = await findAnalysis(c.get("deps").db, c.req.param("id")!);
  if (!analysis) throw notFound("Analysis");
  if (analysis.status !== "succeeded") return c.redirect(`/analyses/${c.req.param("id")}`, 303);
  return analysis;
}

/**
 * The succeeded analysis of the request's `:id`, for the JSON API: a 404 for an
 * unknown id, a 409 `not_ready` while it runs or after it failed (`results` says
 * what waits for it: "its graph exists"), and with `history`, a 409 `no_history`
 * when it ran without its history.
 */
export async function requireSucceededAnalysis(
  c: Context<AppEnv>,
  results: string,
  options: { history?: boolean } = {},
): Promise<AnalysisView> {
  const analysis = await findAnalysis(c.get("deps").db, c.req.param("id")!);
  if (!analysis) throw notFound("Analysis");
  if (analysis.status !== "succeeded") {
    throw new AppError(409, "not_ready", `The analysis is ${analysis.status}; ${results} once it succeeds`);
  }
  if (options.history) requireHistory(analysis);
  return analysis;
}

/** Throws a 409 `no_history` when the analysis ran without its history. */
export function requireHistory(analysis: AnalysisView): void {
  if (!analysis.history) throw new AppError(409, "no_history", "This analysis ran without its history");
}
