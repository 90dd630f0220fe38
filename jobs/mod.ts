import { Logger, run, type Runner } from "graphile-worker";
import type pg from "pg";
import { getLogger } from "../lib/log.ts";
import type { RunDeps } from "../lib/pipeline/run_analysis.ts";
import analysisRun from "./analysis__run.ts";

const log = getLogger("worker");

const graphileLogger = new Logger((scope) => (level, message, meta) => {
  // The whole job row is too much for one line; its id is enough.
  const { job, ...rest } = (meta ?? {}) as { job?: { id: string } };
  const props = { ...scope, ...rest, ...(job && { jobId: job.id }) };
  if (level === "error") log.error(message, props);
  else if (level === "warning") log.warn(message, props);
  else if (level === "info") log.info(message, props);
  else log.debug(message, props);
});

/** Starts the job runner: graphile-worker with every task of this folder. */
export async function startWorker(
  pool: pg.Pool,
  deps: RunDeps,
  options: { concurrency: number },
): Promise<Runner> {
  return await run({
    pgPool: pool,
    concurrency: options.concurrency,
    noHandleSignals: true,
    crontab: "",
    logger: graphileLogger,
    taskList: { analysis__run: analysisRun(deps) },
  });
}
