import assert from "node:assert/strict";
import { sql } from "kysely";
import { createTestDatabase } from "../../tests/support/database.ts";
import { git, makeGitRepo } from "../../tests/support/git_repo.ts";
import { ParsePool } from "../analysis/parse/parse_pool.ts";
import { normalizeRepoUrl } from "../repo/url.ts";
import { findAnalysis } from "./analyses.ts";
import { mirrorDir, runAnalysis } from "./run_analysis.ts";
import { queueJob, submitAnalysis } from "./submit.ts";
import { sweepAtStartup, sweepStalled } from "./watchdog.ts";

Deno.test("[pipeline] the watchdog unlocks a silent worker's job and fails an analysis that has no job left", async () => {
  const database = await createTestDatabase();
  const db = database.db;
  const repo = await makeGitRepo({ "a.py": "x = 1\n" });
  try {
    const location = normalizeRepoUrl(repo, { allowLocal: true });
    const orphan = (await submitAnalysis(db, { repo: location, ref: null, queue: false })).id;
    const locked = (await submitAnalysis(db, { repo: location, ref: "main", queue: false, force: true })).id;
    await queueJob(db, locked);
    // Both "running" with a heartbeat a minute old; the second one's job is held by a worker that died.
    await sql`update analyses set status = 'running', heartbeat_at = now() - interval '1 minute'`.execute(db);
    await sql`update graphile_worker._private_jobs set locked_by = 'dead-worker', locked_at = now()`.execute(db);
    const fresh = (await submitAnalysis(db, { repo: location, ref: "v-none", queue: false, force: true })).id;
    await sql`update analyses set status = 'running', heartbeat_at = now() where id = ${fresh}::uuid`.execute(db);

    assert.deepEqual(await sweepStalled(db, 30), { requeued: [locked], failed: [orphan] });
    assert.equal((await findAnalysis(db, orphan))?.error?.code, "worker_lost");
    assert.equal((await findAnalysis(db, fresh))?.status, "running", "a live heartbeat is left alone");
    const job = await sql<{ locked_by: string | null }>`select locked_by from graphile_worker.jobs`.execute(db);
    assert.equal(job.rows[0].locked_by, null, "the job is free for another worker");
  } finally {
    await database.drop();
    await Deno.remove(repo, { recursive: true });
  }
});

Deno.test("[pipeline] too little free disk refuses the fetch; start-up removes pins of analyses not running", async () => {
  const database = await createTestDatabase();
  const db = database.db;
  const pool = new ParsePool(1);
  const repo = await makeGitRepo({ "a.py": "x = 1\n" });
  const mirrorsDir = `${repo}-mirrors`;
  try {
    const location = normalizeRepoUrl(repo, { allowLocal: true });
    const { id } = await submitAnalysis(db, { repo: location, ref: null, queue: false });
    const deps = { db, cloneTimeoutMs: 30_000, historyMaxCommits: 10, mirrorsDir, pool };
    assert.equal(await runAnalysis({ ...deps, minFreeDiskMb: 1_000_000_000 }, id, { lastAttempt: true }), "failed");
    const failed = await findAnalysis(db, id);
    assert.equal(failed?.error?.code, "disk_full");
    assert.match(failed?.error?.message ?? "", /needs at least 1000000000 MB/);

    // A pin left by a killed process, for an analysis that is over, and one for an analysis in flight.
    const mirror = mirrorDir(mirrorsDir, location.url);
    const head = (await git(repo, ["rev-parse", "HEAD"])).trim();
    await git(mirror, ["init", "--quiet", "--bare"]);
    await git(mirror, ["fetch", "--quiet", repo, "HEAD"]);
    await git(mirror, ["update-ref", `refs/codevoyage/pins/${id}`, head]);
    const running = (await submitAnalysis(db, { repo: location, ref: "main", queue: false, force: true })).id;
    await git(mirror, ["update-ref", `refs/codevoyage/pins/${running}`, head]);
    await sweepAtStartup(db, mirrorsDir);
    const pins = await git(mirror, ["for-each-ref", "--format=%(refname)", "refs/codevoyage/pins/"]);
    assert.equal(pins.trim(), `refs/codevoyage/pins/${running}`);
  } finally {
    pool.close();
    await database.drop();
    await Deno.remove(repo, { recursive: true });
    await Deno.remove(mirrorsDir, { recursive: true }).catch(() => {});
  }
});
