/** A fresh database per test, cloned from the template the harness migrated. */
import pg from "pg";
import { closeDatabase, type DatabaseHandle, openDatabase } from "../../lib/db/database.ts";

/** A test's own database; `drop()` closes and removes it. */
export interface TestDatabase extends DatabaseHandle {
  url: string;
  drop(): Promise<void>;
}

function harness(): { adminUrl: string; template: string } {
  const adminUrl = Deno.env.get("TEST_DATABASE_URL");
  const template = Deno.env.get("TEST_TEMPLATE_DB");
  if (!adminUrl || !template) {
    throw new Error("Run the tests with `deno task test`: it starts the database they need.");
  }
  return { adminUrl, template };
}

/** Creates a migrated database for one test (`unmigrated`: a blank one). */
export async function createTestDatabase(options: { unmigrated?: boolean } = {}): Promise<TestDatabase> {
  const { adminUrl, template } = harness();
  const name = `cv_test_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await adminQuery(adminUrl, `create database ${name} template ${options.unmigrated ? "template0" : template}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase(url.toString(), { max: 5 });
  return {
    ...handle,
    url: url.toString(),
    async drop() {
      await closeDatabase(handle);
      await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
