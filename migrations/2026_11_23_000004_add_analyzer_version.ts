import type { Kysely } from "kysely";

// Which analyzer produced an analysis's rows: a later analysis of the same
// repository may copy rows of unchanged files only from the same version.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("analyses").addColumn("analyzer_version", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("analyses").dropColumn("analyzer_version").execute();
}
