import { Hono } from "hono";
import { sql } from "kysely";
import type { AppEnv } from "../lib/web/app_deps.ts";

/** `/health` (the process answers) and `/health/ready` (its dependencies do). */
export const health = new Hono<AppEnv>();

health.get("/", (c) => c.json({ status: "ok" }));

health.get("/ready", async (c) => {
  const deps = c.get("deps");
  const checks: Record<string, { status: "ok" | "error" | "disabled"; message?: string; ms?: number }> = {};
  const check = async (name: string, fn: () => Promise<unknown>) => {
    const start = performance.now();
    try {
      await withTimeout(fn(), 2000);
      checks[name] = { status: "ok", ms: Math.round(performance.now() - start) };
    } catch (error) {
      checks[name] = { status: "error", message: error instanceof Error ? error.message : String(error) };
    }
  };
  await Promise.all([
    check("database", () => sql`select 1`.execute(deps.db)),
    check("queue", () => sql`select count(*) from graphile_worker.jobs where locked_at is null`.execute(deps.db)),
    check("events", () => deps.progress.connected ? Promise.resolve() : Promise.reject(new Error("not listening"))),
    deps.pingRedis ? check("redis", deps.pingRedis) : Promise.resolve(checks.redis = { status: "disabled" }),
  ]);
  if (deps.workerRunning) checks.worker = { status: deps.workerRunning() ? "ok" : "error" };
  const ready = Object.values(checks).every((r) => r.status !== "error");
  return c.json({ status: ready ? "ready" : "unavailable", checks }, ready ? 200 : 503);
});

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
