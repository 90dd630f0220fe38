import { type Kysely, sql } from "kysely";

// Frozen in time: no app imports; the schema here is as of this migration.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("repositories")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("url", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("analyses")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("repository_id", "uuid", (c) => c.notNull().references("repositories.id").onDelete("cascade"))
    .addColumn("ref", "text")
    .addColumn("commit_sha", "text")
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("queued").check(
        sql`status in ('queued', 'running', 'succeeded', 'failed', 'canceled')`,
      ))
    .addColumn("stage", "text", (c) => c.notNull().defaultTo("queued"))
    .addColumn("progress", "real", (c) => c.notNull().defaultTo(0))
    .addColumn("progress_message", "text")
    .addColumn("error_code", "text")
    .addColumn("error_message", "text")
    .addColumn("timings", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("request_id", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("started_at", "timestamptz")
    .addColumn("finished_at", "timestamptz")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("analyses_repository_created_idx").on("analyses")
    .columns(["repository_id", "created_at"]).execute();
  await db.schema.createIndex("analyses_created_idx").on("analyses").column("created_at").execute();

  await db.schema
    .createTable("analysis_files")
    .addColumn("analysis_id", "uuid", (c) => c.notNull().references("analyses.id").onDelete("cascade"))
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("language", "text")
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("bytes", "bigint", (c) => c.notNull())
    .addColumn("code", "integer", (c) => c.notNull())
    .addColumn("comment", "integer", (c) => c.notNull())
    .addColumn("blank", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("analysis_files_pk", ["analysis_id", "path"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("analysis_files").execute();
  await db.schema.dropTable("analyses").execute();
  await db.schema.dropTable("repositories").execute();
}
