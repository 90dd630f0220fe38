import assert from "node:assert/strict";
import { sql } from "kysely";
import { createTestDatabase } from "../../tests/support/database.ts";
import { closeDatabase, openDatabase } from "./database.ts";
import { migrateToLatest } from "./migrate.ts";

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
        "analysis_classes",
        "analysis_files",
        "analysis_functions",
        "analysis_imports",
        "blob_results",
        "repositories",
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
