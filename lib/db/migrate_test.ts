import assert from "node:assert/strict";
import { sql } from "kysely";
import { createTestDatabase } from "../../tests/support/database.ts";
import { closeDatabase, openDatabase } from "./database.ts";
import { createMigrator, migrateToLatest } from "./migrate.ts";

Deno.test("[db] several processes migrating one blank database at once all succeed, once", async () => {
  const database = await createTestDatabase({ unmigrated: true });
  // Separate pools stand in for separate processes starting together.
  const handles = Array.from({ length: 3 }, () => openDatabase(database.url, { max: 3 }));
  try {
    const applied = await Promise.all(handles.map((h) => migrateToLatest(h.db, h.pool)));
    assert.equal(applied.filter((names) => names.length > 0).length, 1, "exactly one applied the migrations");
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables where table_schema = 'public' order by 1`
      .execute(database.db);
    assert.deepEqual(
      tables.rows.map((r) => r.name).filter((n) => !n.startsWith("kysely_")),
      [
        "analyses",
        "analysis_activity",
        "analysis_author_aliases",
        "analysis_authors",
        "analysis_changes",
        "analysis_commits",
        "analysis_coupling",
        "analysis_dir_history",
        "analysis_file_history",
        "analysis_files",
        "analysis_imports",
        "analysis_language_months",
        "analysis_stages",
        "api_tokens",
        "blob_classes",
        "blob_functions",
        "blob_imports",
        "blob_structures",
        "rate_limits",
        "ref_resolutions",
        "repo_credentials",
        "repositories",
        "sessions",
        "user_analyses",
        "users",
      ],
    );
    const queue = await sql`select count(*) from graphile_worker.jobs`.execute(database.db);
    assert.equal(queue.rows.length, 1, "the job queue's schema is installed too");
    assert.deepEqual(await migrateToLatest(handles[0].db, handles[0].pool), [], "a later start has nothing to do");
  } finally {
    for (const h of handles) await closeDatabase(h);
    await database.drop();
  }
});

Deno.test("[db] structure stored per analysis before 0005 moves to per-blob rows, and back down", async () => {
  const database = await createTestDatabase({ unmigrated: true });
  const db = database.db;
  const migrator = createMigrator(db);
  try {
    const before = await migrator.migrateTo("2026_11_23_000004_add_analyzer_version");
    assert.equal(before.error, undefined);
    // Two analyses of one repository share the blob of a.py; b.md was only counted; c.py failed to parse.
    await sql`insert into repositories (id, url, display_name)
      values ('00000000-0000-0000-0000-000000000001', 'https://example.com/r', 'r')`.execute(db);
    for (const [id, day] of [["a1", "01"], ["a2", "02"]]) {
      const uuid = `00000000-0000-0000-0000-0000000000${id === "a1" ? "a1" : "a2"}`;
      await sql`insert into analyses (id, repository_id, status, analyzer_version, created_at)
        values (${uuid}::uuid, '00000000-0000-0000-0000-000000000001', 'succeeded', 'v1',
          ${`2026-11-${day}`}::timestamptz)`.execute(db);
      await sql`insert into analysis_files (analysis_id, path, language, category, bytes, code, comment, blank,
          blob_sha, skip_reason, functions, max_ccn)
        values (${uuid}::uuid, 'a.py', 'Python', 'code', 10, 5, 1, 1, 'blob-a', null, 1, 3),
               (${uuid}::uuid, 'b.md', 'Markdown', 'docs', 10, 2, 0, 0, 'blob-b', null, 0, 0),
               (${uuid}::uuid, 'c.py', 'Python', 'code', 10, 1, 0, 0, 'blob-c', 'parser failed: x', 0, 0)`
        .execute(db);
      await sql`insert into analysis_functions (analysis_id, file_path, name, qualified_name, start_line, end_line,
          ccn, params, nloc, max_nesting, doc)
        values (${uuid}::uuid, 'a.py', 'f', 'f', 1, 4, 3, 1, 4, 1, 'Does f.')`.execute(db);
      await sql`insert into analysis_classes (analysis_id, file_path, name, qualified_name, kind, start_line,
          end_line) values (${uuid}::uuid, 'a.py', 'K', 'K', 'class', 5, 6)`.execute(db);
      await sql`insert into analysis_imports (analysis_id, file_path, module, line, kind, target_path, external)
        values (${uuid}::uuid, 'a.py', 'os', 1, 'import', null, 'os')`.execute(db);
    }
    const up = await migrator.migrateToLatest();
    assert.equal(up.error, undefined);
    const structures = await sql<{ id: number; blob_sha: string; analyzer_version: string; max_ccn: number }>`
      select id, blob_sha, analyzer_version, max_ccn from blob_structures`.execute(db);
    assert.deepEqual(structures.rows.map((r) => [r.blob_sha, r.analyzer_version, r.max_ccn]), [["blob-a", "v1", 3]]);
    const id = structures.rows[0].id;
    const files = await sql<{ path: string; structure_id: number | null }>`
      select path, structure_id from analysis_files order by analysis_id, path`.execute(db);
    assert.deepEqual(files.rows.map((r) => [r.path, r.structure_id]), [
      ["a.py", id],
      ["b.md", null],
      ["c.py", null],
      ["a.py", id],
      ["b.md", null],
      ["c.py", null],
    ]);
    const counts = await sql<{ functions: string; classes: string; imports: string }>`select
      (select count(*) from blob_functions where structure_id = ${id}) as functions,
      (select count(*) from blob_classes where structure_id = ${id}) as classes,
      (select count(*) from blob_imports where structure_id = ${id}) as imports`.execute(db);
    assert.deepEqual(counts.rows[0], { functions: 1, classes: 1, imports: 1 });

    const down = await migrator.migrateTo("2026_11_23_000004_add_analyzer_version");
    assert.equal(down.error, undefined);
    const restored = await sql<{ analysis_id: string; name: string; doc: string }>`
      select analysis_id, name, doc from analysis_functions order by analysis_id`.execute(db);
    assert.deepEqual(restored.rows.map((r) => [r.name, r.doc]), [["f", "Does f."], ["f", "Does f."]]);
  } finally {
    await database.drop();
  }
});

Deno.test("[db] deleting an analysis or a cached structure deletes the rows that hang on it", async () => {
  const database = await createTestDatabase();
  const db = database.db;
  try {
    await sql`insert into repositories (id, url, display_name)
      values ('00000000-0000-0000-0000-000000000001', 'https://example.com/r', 'r')`.execute(db);
    await sql`insert into analyses (id, repository_id) values
      ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-000000000001'),
      ('00000000-0000-0000-0000-0000000000a2', '00000000-0000-0000-0000-000000000001')`.execute(db);
    const structure = await sql<{ id: number }>`insert into blob_structures (blob_sha, language, analyzer_version,
      code, comment, blank) values ('b', 'Python', 'v', 1, 0, 0) returning id`.execute(db);
    const id = structure.rows[0].id;
    await sql`insert into blob_functions (structure_id, name, qualified_name, start_line, end_line, ccn, params, nloc,
      max_nesting) values (${id}, 'f', 'f', 1, 1, 1, 0, 1, 0)`.execute(db);
    await sql`insert into blob_imports (structure_id, module, line, kind) values (${id}, 'os', 1, 'import')`.execute(
      db,
    );
    for (const analysis of ["a1", "a2"]) {
      const uuid = `00000000-0000-0000-0000-0000000000${analysis}`;
      await sql`insert into analysis_files (analysis_id, path, language, category, bytes, code, comment, blank,
        structure_id) values (${uuid}::uuid, 'a.py', 'Python', 'code', 1, 1, 0, 0, ${id})`.execute(db);
      await sql`insert into analysis_imports (analysis_id, file_path, module, line, kind, external)
        values (${uuid}::uuid, 'a.py', 'os', 1, 'import', 'os')`.execute(db);
    }
    const count = async (table: string) =>
      Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0].n);
    await sql`delete from analyses where id = '00000000-0000-0000-0000-0000000000a1'`.execute(db);
    assert.deepEqual([await count("analysis_files"), await count("analysis_imports")], [1, 1]);
    await sql`delete from repositories`.execute(db);
    assert.deepEqual([await count("analysis_files"), await count("analysis_imports")], [0, 0]);
    await sql`delete from blob_structures`.execute(db);
    assert.deepEqual([await count("blob_functions"), await count("blob_imports")], [0, 0]);
  } finally {
    await database.drop();
  }
});
