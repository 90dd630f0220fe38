import { AsyncLocalStorage } from "node:async_hooks";
import {
  configure,
  getConsoleSink,
  getJsonLinesFormatter,
  getLogger as logtapeLogger,
  type Logger,
  type LogLevel,
  reset,
  type Sink,
  withContext,
} from "@logtape/logtape";

/** Properties carried by every log line written inside {@link withLogContext}. */
export type LogContext = { requestId?: string; analysisId?: string; jobId?: string };

let configured = false;

/**
 * Sets up JSON-lines logging to stdout. Context set with {@link withLogContext}
 * (request id, analysis id) lands on every line written inside it.
 */
export async function configureLogging(options: { level: LogLevel; sink?: Sink }): Promise<void> {
  if (configured) await reset();
  await configure({
    reset: true,
    contextLocalStorage: new AsyncLocalStorage(),
    sinks: {
      out: options.sink ?? getConsoleSink({ formatter: getJsonLinesFormatter({ properties: "flatten" }) }),
    },
    loggers: [
      { category: ["codevoyage"], lowestLevel: options.level, sinks: ["out"] },
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["out"] },
    ],
  });
  configured = true;
}

/** A logger for one area of the app (`http`, `pipeline`, `worker` …). */
export function getLogger(area: string): Logger {
  return logtapeLogger(["codevoyage", area]);
}

/** Runs `fn` with `context` attached to every log line it writes. */
export function withLogContext<T>(context: LogContext, fn: () => T): T {
  return withContext(context, fn);
}
