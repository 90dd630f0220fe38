import { type Kysely, sql } from "kysely";

// Frozen in time: no app imports; the schema here is as of this migration.
// Rate-limit counters when no Redis is configured (or while it is down). Unlogged:
// losing the counters of the current minute in a crash is fine, a WAL write per request is not.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create unlogged table rate_limits (
    key text primary key,
    window_start timestamptz not null,
    hits integer not null
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("rate_limits").execute();
}
