import path from "node:path";
import type { Config } from "../env.ts";
import { getLogger } from "../log.ts";
import { closeDatabase, type DatabaseHandle, openDatabase } from "./database.ts";
import { type EmbeddedCluster, startEmbeddedPostgres } from "./embedded.ts";
import { migrateToLatest } from "./migrate.ts";

const log = getLogger("db");

/** The app's database, migrated, and how to close it (the embedded server last). */
export interface AppDatabase extends DatabaseHandle {
  url: string;
  close(): Promise<void>;
}

/**
 * Connects to `DATABASE_URL`, or starts the embedded cluster under
 * `DATA_DIR`, and migrates it. `share` lets a short-lived process (the CLI) use
 * a cluster another process already runs.
 */
export async function openAppDatabase(config: Config, options: { share?: boolean } = {}): Promise<AppDatabase> {
  let cluster: EmbeddedCluster | null = null;
  let url = config.DATABASE_URL;
  if (!url) {
    const started = performance.now();
    cluster = await startEmbeddedPostgres({
      stateDir: path.resolve(config.DATA_DIR),
      share: options.share,
      onInfo: (message) => log.info(message),
    });
    url = cluster.url.replace(/\/postgres$/, "/codevoyage");
    await ensureDatabase(cluster.url, "codevoyage");
    log.info("embedded Postgres ready in {ms} ms at {dir}", {
      ms: Math.round(performance.now() - started),
      dir: cluster.dataDir,
    });
  }
  const handle = openDatabase(url, { onError: logClientError });
  try {
    const applied = await migrateToLatest(handle.db, handle.pool);
    if (applied.length) log.info("applied migrations {applied}", { applied });
  } catch (error) {
    await closeDatabase(handle);
    await cluster?.stop();
    throw error;
  }
  return {
    ...handle,
    url,
    async close() {
      await closeDatabase(handle);
      await cluster?.stop();
    },
  };
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } catch (error) {
    // Two processes creating it at once: the other one won.
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await client.end();
  }
}

/** A connection the server ended: expected (57P01) when the embedded server stops; worth a line otherwise. */
function logClientError(error: Error & { code?: string }): void {
  if (error.code === "57P01") return;
  // The message and code only: the error object drags the whole client (and its settings) along.
  log.warn("database client error: {message} ({code})", { message: error.message, code: error.code ?? "none" });
}
