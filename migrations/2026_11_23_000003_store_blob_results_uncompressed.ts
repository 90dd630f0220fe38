import { type Kysely, sql } from "kysely";

// Blob results are written once per new blob on the hot path of an analysis:
// compressing them costs more CPU than the disk it saves.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table blob_results alter column result set storage external`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table blob_results alter column result set storage extended`.execute(db);
}
