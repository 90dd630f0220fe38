/**
 * Housekeeping for the worker role: the watchdog that finds analyses whose
 * worker stopped sending heartbeats and hands their job to another worker
 * (or fails them when no job is left), and the start-up sweep of what a
 * killed process leaves behind.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import { forgetStaleSubmissionCredentials } from "../credentials/store.ts";
import { runGit } from "../git/run_git.ts";
import { getLogger } from "../log.ts";
import { recordProgress } from "./progress.ts";

const log = getLogger("watchdog");

/** How often a running analysis sends a heartbeat: four times per timeout, at least every 2 s. */
export function heartbeatInterval(config: { HEARTBEAT_TIMEOUT_SECONDS: number }): number {
  return Math.min(2000, (config.HEARTBEAT_TIMEOUT_SECONDS * 1000) / 4);
}

/**
 * Running analyses with no heartbeat for `timeoutSeconds`: a job still locked
 * by the silent worker is unlocked, so any worker resumes it from its stage;
 * an analysis with no job left (its process died outside the queue, e.g. the
 * CLI) is failed with a reason. Returns what it did.
 */
export async function sweepStalled(
  db: Kysely<Database>,
  timeoutSeconds: number,
): Promise<{ requeued: string[]; failed: string[] }> {
  const stalled = await sql<{ id: string; locked_by: string | null; job_id: string | null }>`
    select a.id, j.locked_by, j.id as job_id from analyses a
    left join graphile_worker.jobs j on j.key = 'analysis:' || a.id
    where a.status = 'running'
      and coalesce(a.heartbeat_at, a.updated_at) < now() - make_interval(secs => ${timeoutSeconds})`.execute(db);
  const requeued: string[] = [];
  const failed: string[] = [];
  const workers = new Set<string>();
  for (const row of stalled.rows) {
    if (row.job_id === null) {
      await recordProgress(db, row.id, {
        status: "failed",
        errorCode: "worker_lost",
        errorMessage: "The process running this analysis stopped; retry it to resume where it was",
        message: null,
      });
      failed.push(row.id);
    } else if (row.locked_by !== null) {
      workers.add(row.locked_by);
      requeued.push(row.id);
    }
  }
  if (workers.size) {
    await sql`select graphile_worker.force_unlock_workers(${[...workers]}::text[])`.execute(db);
    log.warn("unlocked the jobs of silent workers {workers} for {analyses}", {
      workers: [...workers],
      analyses: requeued,
    });
  }
  return { requeued, failed };
}

/** Runs {@link sweepStalled} (and forgets stale submission tokens) every `intervalMs` until stopped. */
export function startWatchdog(
  db: Kysely<Database>,
  options: { timeoutSeconds: number; intervalMs: number },
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = Promise.all([sweepStalled(db, options.timeoutSeconds), forgetStaleSubmissionCredentials(db)])
      .catch((error) => log.warn("watchdog sweep failed: {error}", { error }));
  }, options.intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * At start-up: removes pins of analyses that are no longer running from
 * every mirror (their commits may then be pruned), lock files a killed git
 * left, temporary folders of earlier processes, and repository tokens given
 * with submissions that no analysis will use again.
 */
export async function sweepAtStartup(db: Kysely<Database>, mirrorsDir: string): Promise<void> {
  await forgetStaleSubmissionCredentials(db);
  const running = new Set(
    (await db.selectFrom("analyses").select("id").where("status", "in", ["queued", "running"]).execute())
      .map((r) => r.id),
  );
  const entries = await fs.readdir(mirrorsDir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isDirectory() || !entry.name.endsWith(".git")) continue;
    const dir = path.join(mirrorsDir, entry.name);
    const refs = await runGit(["for-each-ref", "--format=%(refname)", "refs/codevoyage/pins/"], {
      cwd: dir,
      timeoutMs: 30_000,
    });
    if (refs.code !== 0) continue;
    for (const ref of refs.stdout.split("\n").filter(Boolean)) {
      if (!running.has(ref.slice("refs/codevoyage/pins/".length))) {
        await runGit(["update-ref", "-d", ref], { cwd: dir, timeoutMs: 30_000 });
      }
    }
  }
  const tmp = os.tmpdir();
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const entry of await fs.readdir(tmp, { withFileTypes: true }).catch(() => [])) {
    if (!/^codevoyage-(clone|ls-remote)-/.test(entry.name)) continue;
    const full = path.join(tmp, entry.name);
    const stat = await fs.stat(full).catch(() => null);
    if (stat && stat.mtimeMs < dayAgo) await fs.rm(full, { recursive: true, force: true });
  }
}
