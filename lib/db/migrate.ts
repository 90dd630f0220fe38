import fs from "node:fs/promises";
import path from "node:path";
import { runMigrations as runWorkerMigrations } from "graphile-worker";
import type { Kysely } from "kysely";
import { FileMigrationProvider, Migrator } from "kysely/migration";
import type pg from "pg";
import { withAdvisoryLock } from "./advisory_lock.ts";

const MIGRATIONS = path.join(import.meta.dirname!, "..", "..", "migrations");

/**
 * Brings the schema up to date: ours (kysely, which holds an advisory lock so
 * concurrent starts are safe) and graphile-worker's own.
 */
// deno-lint-ignore no-explicit-any -- migrations run before and outside the typed schema
export async function migrateToLatest(db: Kysely<any>, pool: pg.Pool): Promise<string[]> {
  const migrator = createMigrator(db);
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new Error(`Migration ${failed ?? ""} failed: ${error instanceof Error ? error.message : error}`);
  }
  // graphile-worker's installer is not safe against a concurrent first run.
  await withAdvisoryLock(db, 0x636f6465, () => runWorkerMigrations({ pgPool: pool }));
  return (results ?? []).map((r) => r.migrationName);
}

/** Our migrations (the `migrations/` folder), for kysely's migrator. */
// deno-lint-ignore no-explicit-any -- migrations run before and outside the typed schema
export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: new FileMigrationProvider({ fs, path, migrationFolder: MIGRATIONS }) });
}
