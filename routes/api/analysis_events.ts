import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { notFound } from "../../lib/errors.ts";
import { findAnalysis, toProgressEvent } from "../../lib/pipeline/analyses.ts";
import type { ProgressEvent } from "../../lib/pipeline/progress.ts";
import { isFinished } from "../../lib/shared/stages.ts";
import type { AppEnv } from "../../lib/web/app_deps.ts";

/** Re-reads the row this often, in case a notification was lost. */
const RECHECK_MS = 5_000;
const KEEPALIVE_MS = 15_000;

/** `GET /api/analyses/:id/events`: progress as Server-Sent Events, until the analysis ends. */
export const analysisEvents = new Hono<AppEnv>();

analysisEvents.get("/:id/events", async (c) => {
  const deps = c.get("deps");
  const id = c.req.param("id");
  const queue: ProgressEvent[] = [];
  let wake = () => {};
  // Subscribe before reading the current state, so no change falls between.
  const unsubscribe = deps.progress.subscribe(id, (event) => {
    queue.push(event);
    wake();
  });
  const current = await findAnalysis(deps.db, id).catch((error) => {
    unsubscribe();
    throw error;
  });
  if (!current) {
    unsubscribe();
    throw notFound("Analysis");
  }
  queue.unshift(toProgressEvent(current));
  return streamSSE(c, async (stream) => {
    const recheck = setInterval(async () => {
      const row = await findAnalysis(deps.db, id).catch(() => null);
      if (row) queue.push(toProgressEvent(row));
      wake();
    }, RECHECK_MS);
    const keepalive = setInterval(() => void stream.write(": keepalive\n\n").catch(() => {}), KEEPALIVE_MS);
    stream.onAbort(() => wake());
    // On shutdown, end the stream: the browser's EventSource reconnects to another process.
    const onClosing = () => wake();
    deps.closing.addEventListener("abort", onClosing);
    try {
      let last = "";
      while (!stream.aborted && !deps.closing.aborted) {
        const event = queue.shift();
        if (!event) {
          await new Promise<void>((resolve) => wake = resolve);
          continue;
        }
        const data = JSON.stringify(event);
        if (data === last) continue;
        last = data;
        await stream.writeSSE({ event: "progress", data });
        if (isFinished(event.status)) break;
      }
    } finally {
      unsubscribe();
      deps.closing.removeEventListener("abort", onClosing);
      clearInterval(recheck);
      clearInterval(keepalive);
    }
  });
});
