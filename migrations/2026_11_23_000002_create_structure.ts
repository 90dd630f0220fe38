import { type Kysely, sql } from "kysely";

// Frozen in time: no app imports; the schema here is as of this migration.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("analyses")
    .addColumn("stats", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.alterTable("analysis_files")
    .addColumn("blob_sha", "text")
    .addColumn("skip_reason", "text")
    .addColumn("parse_errors", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("functions", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_ccn", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema.createTable("analysis_functions")
    .addColumn("analysis_id", "uuid", (c) => c.notNull().references("analyses.id").onDelete("cascade"))
    .addColumn("file_path", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("qualified_name", "text", (c) => c.notNull())
    .addColumn("start_line", "integer", (c) => c.notNull())
    .addColumn("end_line", "integer", (c) => c.notNull())
    .addColumn("ccn", "integer", (c) => c.notNull())
    .addColumn("params", "integer", (c) => c.notNull())
    .addColumn("nloc", "integer", (c) => c.notNull())
    .addColumn("max_nesting", "integer", (c) => c.notNull())
    .addColumn("doc", "text")
    .execute();
  await db.schema.createIndex("analysis_functions_file_idx").on("analysis_functions")
    .columns(["analysis_id", "file_path", "start_line"]).execute();
  await db.schema.createIndex("analysis_functions_ccn_idx").on("analysis_functions")
    .columns(["analysis_id", "ccn desc"]).execute();

  await db.schema.createTable("analysis_classes")
    .addColumn("analysis_id", "uuid", (c) => c.notNull().references("analyses.id").onDelete("cascade"))
    .addColumn("file_path", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("qualified_name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("start_line", "integer", (c) => c.notNull())
    .addColumn("end_line", "integer", (c) => c.notNull())
    .addColumn("doc", "text")
    .execute();
  await db.schema.createIndex("analysis_classes_file_idx").on("analysis_classes")
    .columns(["analysis_id", "file_path", "start_line"]).execute();

  await db.schema.createTable("analysis_imports")
    .addColumn("analysis_id", "uuid", (c) => c.notNull().references("analyses.id").onDelete("cascade"))
    .addColumn("file_path", "text", (c) => c.notNull())
    .addColumn("module", "text", (c) => c.notNull())
    .addColumn("line", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("target_path", "text")
    .addColumn("external", "text")
    .execute();
  await db.schema.createIndex("analysis_imports_file_idx").on("analysis_imports")
    .columns(["analysis_id", "file_path"]).execute();
  await db.schema.createIndex("analysis_imports_target_idx").on("analysis_imports")
    .columns(["analysis_id", "target_path"]).execute();

  // Parse results by git blob: a file whose content was analysed before is never parsed again.
  await db.schema.createTable("blob_results")
    .addColumn("blob_sha", "text", (c) => c.notNull())
    .addColumn("analyzer_version", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("result", "jsonb", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("blob_results_pk", ["blob_sha", "analyzer_version", "language"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["blob_results", "analysis_imports", "analysis_classes", "analysis_functions"]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable("analyses").dropColumn("stats").execute();
  await db.schema.alterTable("analysis_files")
    .dropColumn("blob_sha").dropColumn("skip_reason").dropColumn("parse_errors").dropColumn("functions")
    .dropColumn("max_ccn").execute();
}
