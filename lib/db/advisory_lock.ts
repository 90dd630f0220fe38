import { type Kysely, sql } from "kysely";

/**
 * Runs `fn` holding a Postgres session advisory lock: one holder at a time
 * across every process on the database, released if the holder dies (its
 * connection closes). A string key is hashed to the lock's 64-bit number.
 */
export async function withAdvisoryLock<T>(
  // deno-lint-ignore no-explicit-any -- any schema: the lock touches no table
  db: Kysely<any>,
  key: number | string,
  fn: () => Promise<T>,
): Promise<T> {
  const id = typeof key === "number" ? sql`${key}::bigint` : sql`hashtextextended(${key}, 0)`;
  return await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${id})`.execute(conn);
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(${id})`.execute(conn);
    }
  });
}
