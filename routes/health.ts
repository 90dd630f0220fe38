import { Hono } from "hono";
import { checkDatabase, checkQueue, type DependencyCheck, runCheck } from "../lib/health.ts";
import type { AppEnv } from "../lib/web/app_deps.ts";

/** `/health` (the process answers) and `/health/ready` (its dependencies do). */
export const health = new Hono<AppEnv>();

health.get("/", (c) => c.json({ status: "ok" }));

health.get("/ready", async (c) => {
  const deps = c.get("deps");
  const [database, queue, events, redis] = await Promise.all([
    runCheck("database", () => checkDatabase(deps.db)),
    runCheck("queue", () => checkQueue(deps.db)),
    runCheck("events", () => deps.progress.connected ? Promise.resolve() : Promise.reject(new Error("not listening"))),
    deps.pingRedis ? runCheck("redis", deps.pingRedis) : { status: "disabled" } satisfies DependencyCheck,
  ]);
  const checks: Record<string, DependencyCheck> = { database, queue, events, redis };
  if (deps.workerRunning) checks.worker = { status: deps.workerRunning() ? "ok" : "error" };
  const ready = Object.values(checks).every((r) => r.status !== "error");
  return c.json({ status: ready ? "ready" : "unavailable", checks }, ready ? 200 : 503);
});
