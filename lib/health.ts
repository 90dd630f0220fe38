import { type Kysely, sql } from "kysely";
import type { Database } from "./db/schema.ts";
import { getLogger } from "./log.ts";

const log = getLogger("health");

/** The state of one dependency. */
export interface DependencyCheck {
  status: "ok" | "error" | "disabled";
  ms?: number;
}

/** Answers when the database does. */
export async function checkDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}

/** Answers when the job queue's tables do (graphile-worker's schema is installed). */
export async function checkQueue(db: Kysely<Database>): Promise<void> {
  await sql`select 1 from graphile_worker.jobs limit 1`.execute(db);
}

/**
 * Runs `check` with a deadline. The reason for a failure is logged, not
 * returned: the endpoint is public and errors can name internal hosts.
 */
export async function runCheck(
  name: string,
  check: () => Promise<unknown>,
  timeoutMs = 2000,
): Promise<DependencyCheck> {
  const start = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return { status: "ok", ms: Math.round(performance.now() - start) };
  } catch (error) {
    log.warn("readiness check {name} failed: {error}", { name, error });
    return { status: "error" };
  } finally {
    clearTimeout(timer);
  }
}
