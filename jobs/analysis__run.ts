import type { Task } from "graphile-worker";
import { z } from "zod";
import { withLogContext } from "../lib/log.ts";
import { runAnalysis, type RunDeps } from "../lib/pipeline/run_analysis.ts";

/** The job's payload, as `submitAnalysis` queues it. */
export const Payload = z.object({ analysisId: z.uuid(), requestId: z.string().max(100).optional() });
/** The job's payload type. */
export type Payload = z.infer<typeof Payload>;

/**
 * Runs one analysis. Made from the worker's dependencies (the database), so
 * tests can run it against their own database.
 */
export default function analysisRun(deps: RunDeps): Task {
  return async (raw, helpers) => {
    const payload = Payload.parse(raw);
    await withLogContext(
      { analysisId: payload.analysisId, requestId: payload.requestId, jobId: helpers.job.id },
      () =>
        runAnalysis(deps, payload.analysisId, {
          signal: helpers.abortSignal,
          lastAttempt: helpers.job.attempts >= helpers.job.max_attempts,
        }),
    );
  };
}
