/**
 * `deno task test`: provides what the tests need, runs them all, cleans up.
 * - Postgres: TEST_DATABASE_URL, or a throw-away embedded cluster; every test
 *   then gets its own database cloned from one migrated template.
 * - Redis: TEST_REDIS_URL, or a private redis-server when one is installed.
 * - A browser: Debian's chromium, installed when missing and we may (root + apt).
 * Ends with a plain "N passed, N failed" line for CI.
 */
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../lib/db/embedded.ts";
import { closeDatabase, openDatabase } from "../lib/db/database.ts";
import { migrateToLatest } from "../lib/db/migrate.ts";
import { findChromium, installChromium } from "./support/chromium.ts";
import { startRedisServer } from "./support/redis_server.ts";

const root = path.join(import.meta.dirname!, "..");
const env: Record<string, string> = {};
const cleanups: (() => Promise<unknown>)[] = [];
const say = (line: string) => console.log(`[test harness] ${line}`);

try {
  const chromium = await findChromium() ?? await installChromium(say);
  if (chromium) env.CHROMIUM_PATH = chromium;
  else say("no chromium: browser tests will be ignored (install Debian's chromium, or set CHROMIUM_PATH)");

  let adminUrl = Deno.env.get("TEST_DATABASE_URL");
  if (!adminUrl) {
    const stateDir = path.join(root, ".data", `test-${Deno.pid}`);
    const started = performance.now();
    const cluster = await startEmbeddedPostgres({ stateDir, fast: true });
    cleanups.push(() => cluster.stop(), () => fs.rm(stateDir, { recursive: true, force: true }));
    cleanups.push(() => fs.rm(path.dirname(cluster.dataDir), { recursive: true, force: true }));
    adminUrl = cluster.url;
    say(`embedded Postgres started in ${Math.round(performance.now() - started)} ms`);
  }
  const template = `cv_template_${Deno.pid}`;
  await createTemplate(adminUrl, template);
  cleanups.push(() => dropDatabase(adminUrl!, template));
  env.TEST_DATABASE_URL = adminUrl;
  env.TEST_TEMPLATE_DB = template;

  const redisUrl = Deno.env.get("TEST_REDIS_URL") ?? await startRedisServer(cleanups);
  if (redisUrl) env.TEST_REDIS_URL = redisUrl;
  else say("no Redis: Redis tests will be ignored (install redis-server, or set TEST_REDIS_URL)");

  const code = await runDenoTest(Deno.args);
  await cleanUp();
  Deno.exit(code);
} catch (error) {
  console.error(error);
  await cleanUp();
  Deno.exit(1);
}

async function cleanUp(): Promise<void> {
  for (const fn of cleanups.reverse()) await fn().catch(() => {});
  cleanups.length = 0;
}

async function createTemplate(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const handle = openDatabase(withDatabase(adminUrl, name), { max: 2 });
  await migrateToLatest(handle.db, handle.pool);
  await closeDatabase(handle);
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs `deno test`, echoing its output, and prints the plain summary line. */
async function runDenoTest(args: string[]): Promise<number> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["test", "-A", "--parallel", ...(args.length ? args : [])],
    cwd: root,
    env,
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  let tail = "";
  const decoder = new TextDecoder();
  for await (const chunk of child.stdout) {
    await Deno.stdout.write(chunk);
    tail = (tail + decoder.decode(chunk, { stream: true })).slice(-4000);
  }
  const { code } = await child.status;
  // deno test closes with "ok | 12 passed | 0 failed (3s)"; CI reads "12 passed, 0 failed".
  // deno-lint-ignore no-control-regex -- strips the colour codes around the numbers
  const summary = [...tail.replace(/\x1b\[[0-9;]*m/g, "").matchAll(/(\d+) passed[^\n]*?\| (\d+) failed/g)].at(-1);
  if (summary) console.log(`${summary[1]} passed, ${summary[2]} failed`);
  return code;
}
