import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "./schema.ts";

/**
 * Runs `work` in a transaction whose joins are hashed, never nested loops.
 * For bulk aggregations over an analysis's rows: right after a bulk load the
 * planner's statistics are stale, and it picks nested loops over sets it
 * believes tiny (4 s for the coupling statement, 20 s for the people network
 * on 20,000 files, where hash joins take tens of milliseconds).
 */
export async function withHashJoins<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>) {
  return await db.transaction().execute(async (trx) => {
    await sql`set local enable_nestloop = off`.execute(trx);
    return await work(trx);
  });
}
