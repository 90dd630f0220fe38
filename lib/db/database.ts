import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema.ts";

// bigint (int8) columns hold byte sizes and counts well below 2^53.
pg.types.setTypeParser(20, (value: string) => Number(value));
// A calendar date (weeks, months) stays "YYYY-MM-DD": a Date would shift it by the server's time zone.
pg.types.setTypeParser(1082, (value: string) => value);

/** A pool and the kysely instance over it; close both with {@link closeDatabase}. */
export interface DatabaseHandle {
  pool: pg.Pool;
  db: Kysely<Database>;
}

/** Opens a connection pool to `url`. */
export function openDatabase(
  url: string,
  options: { max?: number; onError?: (error: Error) => void } = {},
): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // A client losing its connection (idle or checked out) must not crash the process.
  const onError = options.onError ?? (() => {});
  pool.on("error", onError);
  pool.on("connect", (client) => client.on("error", onError));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { pool, db };
}

/** Closes the kysely instance and its pool. */
export async function closeDatabase(handle: DatabaseHandle): Promise<void> {
  await handle.db.destroy();
}
