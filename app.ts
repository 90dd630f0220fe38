/**
 * Assembles the process ROLE asks for: the web server, the job runner, or
 * both, over one database. main.ts runs it; tests run it in-process.
 */
import path from "node:path";
import type { Runner } from "graphile-worker";
import { startWorker } from "./jobs/mod.ts";
import { ParsePool } from "./lib/analysis/parse/parse_pool.ts";
import { type AppDatabase, openAppDatabase } from "./lib/db/connect.ts";
import type { Config } from "./lib/env.ts";
import { getLogger } from "./lib/log.ts";
import { ProgressListener } from "./lib/pipeline/progress_listener.ts";
import { cachedRefResolver } from "./lib/pipeline/ref_cache.ts";
import { configureRemoteGuard } from "./lib/git/remote_guard.ts";
import { postgresRateLimits, redisRateLimits, withFallback } from "./lib/web/rate_limit.ts";
import { heartbeatInterval, startWatchdog, sweepAtStartup } from "./lib/pipeline/watchdog.ts";
import { createRedisPing } from "./lib/redis.ts";
import { resolveSessionSecret } from "./lib/secrets.ts";
import { CredentialCipher } from "./lib/credentials/cipher.ts";
import { openCredential } from "./lib/credentials/store.ts";
import type { AppDeps } from "./lib/web/app_deps.ts";
import { buildAssets } from "./lib/web/assets.ts";
import { createApp } from "./routes/mod.tsx";

const log = getLogger("app");

/** A started process: where it listens (web role) and how to stop it. */
export interface RunningApp {
  /** Base URL of the web server, when this process serves. */
  url: string | null;
  database: AppDatabase;
  /** Stops taking work, finishes or releases it, then closes the database. */
  close(): Promise<void>;
}

/** Raised when the web port is taken: another CodeVoyage, or another program. */
export class PortInUseError extends Error {}

/** Starts what `config.ROLE` says, on a database of its own or the one given. */
export async function startApp(config: Config, options: { database?: AppDatabase } = {}): Promise<RunningApp> {
  configureRemoteGuard({
    dnsServer: config.DNS_SERVER,
    allowHosts: config.ALLOWED_GIT_HOSTS?.split(","),
    caFile: config.GIT_CA_FILE,
  });
  const cipher = await CredentialCipher.fromConfig(config);
  const web = config.ROLE !== "worker";
  if (web) assertPortFree(config.HOST, config.PORT);
  const database = options.database ?? await openAppDatabase(config);
  const closing = new AbortController();
  const stops: (() => Promise<void>)[] = [];
  try {
    let runner: Runner | null = null;
    let workerAlive = false;
    if (config.ROLE !== "web") {
      workerAlive = true;
      const pool = new ParsePool();
      const mirrorsDir = path.resolve(config.DATA_DIR, "mirrors");
      // Leftovers of killed processes: swept in the background, start-up does not wait on git per mirror.
      sweepAtStartup(database.db, mirrorsDir).catch((error) => log.warn("start-up sweep failed: {error}", { error }));
      runner = await startWorker(database.pool, {
        db: database.db,
        cloneTimeoutMs: config.CLONE_TIMEOUT_SECONDS * 1000,
        historyMaxCommits: config.HISTORY_MAX_COMMITS,
        heartbeatMs: heartbeatInterval(config),
        minFreeDiskMb: config.MIN_FREE_DISK_MB,
        maxFetchBytes: config.MAX_FETCH_MB * 1e6,
        mirrorsDir,
        openCredential: cipher ? (id, expected) => openCredential(database.db, cipher, id, expected) : undefined,
        pool,
      }, { concurrency: config.WORKER_CONCURRENCY });
      const watchdog = startWatchdog(database.db, {
        timeoutSeconds: config.HEARTBEAT_TIMEOUT_SECONDS,
        intervalMs: Math.max(1000, (config.HEARTBEAT_TIMEOUT_SECONDS * 1000) / 2),
      });
      stops.push(async () => {
        await watchdog.stop();
        await runner!.stop();
        pool.close();
      });
      runner.promise.catch(() => {}).finally(() => workerAlive = false);
      log.info("worker started with concurrency {n}", { n: config.WORKER_CONCURRENCY });
    }
    let url: string | null = null;
    if (web) {
      const progress = new ProgressListener(database.url);
      await progress.start();
      stops.unshift(() => progress.stop());
      const redis = config.REDIS_URL ? await createRedisPing(config.REDIS_URL) : null;
      if (redis) stops.push(redis.close);
      const deps: AppDeps = {
        config,
        db: database.db,
        pool: database.pool,
        progress,
        rateLimits: redis
          ? withFallback(redisRateLimits(redis.client), postgresRateLimits(database.db))
          : postgresRateLimits(database.db),
        resolveRef: cachedRefResolver(database.db, {
          ttlSeconds: config.REF_CACHE_SECONDS,
          timeoutMs: config.CLONE_TIMEOUT_SECONDS * 1000,
        }),
        assets: await buildAssets(),
        sessionSecret: await resolveSessionSecret(config),
        cipher,
        closing: closing.signal,
        pingRedis: redis?.ping,
        workerRunning: runner ? () => workerAlive : undefined,
      };
      const app = createApp(deps);
      const server = Deno.serve({ hostname: config.HOST, port: config.PORT, onListen: () => {} }, app.fetch);
      url = `http://${config.HOST}:${server.addr.port}`;
      stops.unshift(async () => {
        closing.abort();
        await server.shutdown();
      });
      log.info("listening on {url}", { url });
    }
    return {
      url,
      database,
      async close() {
        for (const stop of stops) await stop().catch((error) => log.error("shutdown step failed: {error}", { error }));
        if (!options.database) await database.close();
      },
    };
  } catch (error) {
    for (const stop of stops) await stop().catch(() => {});
    if (!options.database) await database.close();
    throw error;
  }
}

function assertPortFree(hostname: string, port: number): void {
  if (port === 0) return;
  try {
    Deno.listen({ hostname, port }).close();
  } catch (error) {
    if (error instanceof Deno.errors.AddrInUse) {
      throw new PortInUseError(
        `Port ${port} on ${hostname} is already in use — is CodeVoyage already running? ` +
          `Stop it, or start this one with another PORT (e.g. PORT=${port + 1}).`,
      );
    }
    throw error;
  }
}
