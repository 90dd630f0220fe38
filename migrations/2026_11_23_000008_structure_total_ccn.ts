import { type Kysely, sql } from "kysely";

// Frozen in time: no app imports; the schema here is as of this migration.
//
// The sum of a structure's function CCN, stored with it like max_ccn: hotspots
// (commits × complexity) then join an analysis's files to their structures by
// primary key instead of aggregating blob_functions, a table shared by every
// analysis that only grows.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table blob_structures add column total_ccn integer not null default 0`.execute(db);
  await sql`update blob_structures s set total_ccn = x.total
    from (select structure_id, sum(ccn)::integer as total from blob_functions group by structure_id) x
    where s.id = x.structure_id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table blob_structures drop column total_ccn`.execute(db);
}
