/** Start-up and shutdown of `main.ts` on the embedded Postgres: a first run (initdb + migrations), then a reuse. */
import fs from "node:fs/promises";
import path from "node:path";
import { Figures, kibToMb, ms } from "./figures.ts";
import { childEnv, freePort, ROOT } from "./project.ts";
import { spawnWatched, tail, waitFor, type WatchedChild } from "./watched_child.ts";

const READY_TIMEOUT_MS = 120_000;
const SHUTDOWN_TIMEOUT_MS = 60_000;

interface Run {
  readyMs: number;
  shutdownMs: number;
  exitCode: number;
  /** What main.ts itself logs: startApp's duration and the embedded cluster's share. */
  appMs: number | null;
  postgresMs: number | null;
  peakKiB: number | null;
  orphan: string | null;
}

/** Measures two start/stop cycles on one fresh DATA_DIR (which must sit in a postgres-traversable folder). */
export async function benchStartup(dataDir: string): Promise<Figures> {
  const figures = new Figures("start-up");
  for (const label of ["1st (initdb+migrate)", "2nd (reuse)"]) {
    const run = await startAndStop(dataDir);
    figures.add(`${label} spawn → /health/ready 200`, ms(run.readyMs));
    figures.add(
      `${label} in-app startApp / of it Postgres`,
      `${run.appMs === null ? "?" : ms(run.appMs)} / ${run.postgresMs === null ? "?" : ms(run.postgresMs)}`,
    );
    figures.add(`${label} SIGTERM → exit`, `${ms(run.shutdownMs)} (exit ${run.exitCode})`);
    figures.add(
      `${label} peak RSS deno main.ts`,
      run.peakKiB === null ? "n/a: /proc needs --allow-all" : kibToMb(run.peakKiB),
    );
    if (run.orphan) figures.add(`${label} left behind`, run.orphan);
  }
  return figures;
}

async function startAndStop(dataDir: string): Promise<Run> {
  const port = freePort();
  const started = performance.now();
  const child = spawnWatched(Deno.execPath(), ["run", "-A", "main.ts"], {
    cwd: ROOT,
    env: childEnv({ PORT: String(port), DATA_DIR: dataDir }),
  });
  let exited = false;
  void child.status.then(() => exited = true);
  const ready = await waitFor(() => exited ? Promise.resolve(true) : isReady(port), READY_TIMEOUT_MS);
  const readyMs = performance.now() - started;
  if (exited || !ready) {
    if (!exited) await stop(child);
    throw new Error(`main.ts did not become ready (${exited ? "it exited" : "timeout"}):\n${tail(child.output())}`);
  }
  const stopping = performance.now();
  const exitCode = await stop(child);
  const shutdownMs = performance.now() - stopping;
  const output = child.output();
  const peaks = child.peaks();
  return {
    readyMs,
    shutdownMs,
    exitCode,
    appMs: loggedMs(output, /CodeVoyage \(.{1,12}\) ready in (\d+) ms/),
    postgresMs: loggedMs(output, /embedded Postgres ready in (\d+) ms/),
    peakKiB: peaks?.find((p) => p.pid === child.pid)?.peakKiB ?? null,
    orphan: await orphanPostgres(dataDir),
  };
}

// A fresh connection per probe: a pooled keep-alive one would be a client the
// server has to close at shutdown, which is not what we time.
async function isReady(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health/ready`, {
      headers: { connection: "close" },
      signal: AbortSignal.timeout(5000),
    });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL after the timeout; returns the exit code. */
async function stop(child: WatchedChild): Promise<number> {
  child.kill("SIGTERM");
  const timer = setTimeout(() => {
    console.error(`  main.ts did not exit within ${SHUTDOWN_TIMEOUT_MS / 1000} s of SIGTERM: killing it`);
    child.kill("SIGKILL");
  }, SHUTDOWN_TIMEOUT_MS);
  const status = await child.status;
  clearTimeout(timer);
  return status.code;
}

function loggedMs(output: string, pattern: RegExp): number | null {
  const match = pattern.exec(output);
  return match ? Number(match[1]) : null;
}

// A clean shutdown removes postmaster.pid; one still naming a live process is a leak.
async function orphanPostgres(dataDir: string): Promise<string | null> {
  const pidFile = path.join(dataDir, "postgres", "postmaster.pid");
  const text = await fs.readFile(pidFile, "utf8").catch(() => null);
  if (text === null) return null;
  const pid = Number(text.split("\n")[0]);
  const alive = await fs.stat(`/proc/${pid}`).then(() => true, () => false);
  return alive ? `postgres pid ${pid} still running` : "stale postmaster.pid (postgres not running)";
}
