/** Starts the real app in-process against a test's own database. */
import { type RunningApp, startApp } from "../../app.ts";
import type { AppDatabase } from "../../lib/db/connect.ts";
import { type Config, parseConfig } from "../../lib/env.ts";
import { getJsonLinesFormatter, type LogRecord } from "@logtape/logtape";
import { configureLogging } from "../../lib/log.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";

/** A running test app: its URL, database and config. */
export interface TestApp {
  url: string;
  database: TestDatabase;
  config: Config;
  close(): Promise<void>;
}

let logging: Promise<void> | undefined;

/** Logs stay quiet in tests unless TEST_LOG=1. */
export function quietLogs(): Promise<void> {
  return logging ??= configureLogging({
    level: Deno.env.get("TEST_LOG") === "1" ? "debug" : "error",
    sink: Deno.env.get("TEST_LOG") === "1" ? undefined : () => {},
  });
}

/** Sends this test file's log lines, formatted as in production, to `lines`. */
export function captureLogs(lines: string[]): Promise<void> {
  const format = getJsonLinesFormatter({ properties: "flatten" });
  return logging = configureLogging({ level: "debug", sink: (record: LogRecord) => lines.push(format(record)) });
}

/**
 * Starts web and worker (or what `env.ROLE` says) on a free port, on a fresh
 * database or on `shared` (another test app's, which then owns it).
 */
export async function startTestApp(env: Record<string, string> = {}, shared?: TestDatabase): Promise<TestApp> {
  await quietLogs();
  const database = shared ?? await createTestDatabase();
  const dataDir = await Deno.makeTempDir({ prefix: "codevoyage-test-data-" });
  const config = parseConfig({
    PORT: "0",
    DATABASE_URL: database.url,
    ALLOW_LOCAL_REPOS: "1",
    DATA_DIR: dataDir,
    WORKER_CONCURRENCY: "2",
    // Tests of other features send many requests from one address; the rate-limit tests set their own.
    RATE_LIMIT_SUBMIT_PER_MINUTE: "100000",
    RATE_LIMIT_API_PER_MINUTE: "100000",
    ...env,
  });
  let app: RunningApp;
  try {
    app = await startApp(config, { database: asAppDatabase(database) });
  } catch (error) {
    if (!shared) await database.drop();
    throw error;
  }
  return {
    url: app.url ?? "",
    database,
    config,
    async close() {
      await app.close();
      if (!shared) await database.drop();
      await Deno.remove(dataDir, { recursive: true });
    },
  };
}

function asAppDatabase(database: TestDatabase): AppDatabase {
  return { ...database, close: () => Promise.resolve() };
}

/** Polls an analysis until it leaves queued/running (or the deadline passes); `token` for a private one. */
export async function waitForAnalysis(
  url: string,
  id: string,
  timeoutMs = 20_000,
  token?: string,
): Promise<{ status: string; error: { code: string; message: string } | null; [key: string]: unknown }> {
  const deadline = Date.now() + timeoutMs;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  while (true) {
    const body = await (await fetch(`${url}/api/analyses/${id}`, { headers })).json();
    if (!["queued", "running"].includes(body.status)) return body;
    if (Date.now() > deadline) throw new Error(`analysis ${id} still ${body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** POSTs `body` as JSON (as scripts must) and reads the JSON answer. */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  // deno-lint-ignore no-explicit-any -- answers are checked field by field by each test
): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}
