/** Starts CodeVoyage: `ROLE` = all (default), web or worker. */
import { PortInUseError, startApp } from "./app.ts";
import { ClusterInUseError } from "./lib/db/embedded.ts";
import { ConfigError, readConfig } from "./lib/env.ts";
import { configureLogging, getLogger } from "./lib/log.ts";

const log = getLogger("main");

async function main(): Promise<number> {
  let config;
  try {
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  await configureLogging({ level: config.LOG_LEVEL });
  const started = performance.now();
  let app;
  try {
    app = await startApp(config);
  } catch (error) {
    if (error instanceof PortInUseError || error instanceof ClusterInUseError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const ms = Math.round(performance.now() - started);
  log.info("CodeVoyage ({role}) ready in {ms} ms", { role: config.ROLE, ms });
  if (app.url) console.error(`\n  CodeVoyage is ready: open ${app.url.replace("127.0.0.1", "localhost")}\n`);

  const { promise: stopped, resolve } = Promise.withResolvers<string>();
  for (const signal of ["SIGINT", "SIGTERM"] as const) Deno.addSignalListener(signal, () => resolve(signal));
  const signal = await stopped;
  log.info("{signal} received: shutting down", { signal });
  await app.close();
  log.info("stopped");
  return 0;
}

Deno.exit(await main());
