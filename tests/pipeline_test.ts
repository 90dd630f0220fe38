import assert from "node:assert/strict";
import path from "node:path";
import { sql } from "kysely";
import type { TestDatabase } from "./support/database.ts";
import { git, makeGitRepo } from "./support/git_repo.ts";
import { bigRepo } from "./support/history_repo.ts";
import { postJson, startTestApp, waitForAnalysis } from "./support/test_app.ts";

const ROOT = path.join(import.meta.dirname!, "..");

/** A worker process on the test's database, with a watchdog that gives up on silence after 2 s. */
function spawnWorker(databaseUrl: string, dataDir: string): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts"],
    cwd: ROOT,
    env: {
      ROLE: "worker",
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      ALLOW_LOCAL_REPOS: "1",
      HEARTBEAT_TIMEOUT_SECONDS: "2",
      LOG_LEVEL: "error",
    },
    stdout: "null",
    stderr: "null",
  }).spawn();
}

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await fn();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Every row an analysis owns, counted per table: a resumed run must have exactly a clean run's. */
async function rowCounts(database: TestDatabase, id: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (
    const table of [
      "analysis_files",
      "analysis_imports",
      "analysis_commits",
      "analysis_changes",
      "analysis_authors",
      "analysis_file_history",
      "analysis_dir_history",
      "analysis_coupling",
      "analysis_activity",
      "analysis_language_months",
    ]
  ) {
    const row = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}
      where analysis_id = ${id}::uuid`.execute(database.db);
    counts[table] = Number(row.rows[0].n);
  }
  const functions = await sql<{ n: string }>`select count(*) as n from analysis_files f
    join blob_functions b on b.structure_id = f.structure_id where f.analysis_id = ${id}::uuid`.execute(database.db);
  counts.functions = Number(functions.rows[0].n);
  return counts;
}

async function stageOf(database: TestDatabase, id: string): Promise<string> {
  return (await database.db.selectFrom("analyses").select("stage").where("id", "=", id).executeTakeFirstOrThrow())
    .stage;
}

Deno.test("[pipeline] a worker killed in parse and in history: another resumes at that stage, rows as a clean run", async () => {
  const web = await startTestApp({ ROLE: "web" });
  const repo = await bigRepo(2000, 3000);
  const dataDir = await Deno.makeTempDir();
  const workers: Deno.ChildProcess[] = [];
  const start = () => {
    const worker = spawnWorker(web.database.url, dataDir);
    workers.push(worker);
    return worker;
  };
  const killMidStage = async (id: string, stage: string, partial: () => Promise<boolean>) => {
    const worker = start();
    await until(`stage ${stage}`, async () => await stageOf(web.database, id) === stage && await partial(), 120_000);
    worker.kill("SIGKILL");
    await worker.status;
  };
  try {
    const db = web.database.db;
    const files = async (id: string) =>
      Number(
        (await db.selectFrom("analysis_files").select((eb) => eb.fn.countAll<string>().as("n"))
          .where("analysis_id", "=", id).executeTakeFirstOrThrow()).n,
      );
    const first = await postJson(`${web.url}/api/analyses`, { repoUrl: repo });
    const id = first.body.id as string;
    await killMidStage(id, "parse", async () => (await files(id)) > 0);
    const storedWhenKilled = await files(id);
    assert.ok(storedWhenKilled > 0 && storedWhenKilled < 2000, `killed mid-parse (${storedWhenKilled} files stored)`);
    start();
    assert.equal((await waitForAnalysis(web.url, id, 120_000)).status, "succeeded");

    // The same commit again, forced, killed while it reads the history.
    const second = await postJson(`${web.url}/api/analyses`, { repoUrl: repo, force: true });
    const again = second.body.id as string;
    assert.notEqual(again, id);
    await killMidStage(again, "history", () => Promise.resolve(true));
    start();
    assert.equal((await waitForAnalysis(web.url, again, 120_000)).status, "succeeded");

    // And once more with no interruption: the reference.
    const clean = (await postJson(`${web.url}/api/analyses`, { repoUrl: repo, force: true })).body.id as string;
    assert.equal((await waitForAnalysis(web.url, clean, 120_000)).status, "succeeded");

    const reference = await rowCounts(web.database, clean);
    assert.equal(reference.analysis_files, 2000);
    assert.equal(reference.analysis_commits, 3001);
    assert.deepEqual(await rowCounts(web.database, id), reference, "resumed in parse");
    assert.deepEqual(await rowCounts(web.database, again), reference, "resumed in history");

    // The first one resumed at parse: resolve, fetch and scan ran once, parse twice.
    const runs = await db.selectFrom("analysis_stages").select(["stage", "attempt", "outcome"])
      .where("analysis_id", "=", id).orderBy("started_at").execute();
    const attemptsOf = (stage: string) => runs.filter((r) => r.stage === stage).map((r) => r.attempt);
    assert.deepEqual(attemptsOf("resolve"), [1]);
    assert.deepEqual(attemptsOf("scan"), [1]);
    assert.deepEqual(attemptsOf("parse"), [1, 2]);
    assert.deepEqual(runs.filter((r) => r.stage === "parse").map((r) => r.outcome), [null, "done"]);
  } finally {
    for (const worker of workers) {
      try {
        worker.kill("SIGKILL");
      } catch { /* already gone */ }
      await worker.status;
    }
    await web.close();
    await Deno.remove(repo, { recursive: true });
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("[pipeline] 100 concurrent submissions to two web processes: one analysis, one job; then a cache hit", async () => {
  const first = await startTestApp({ ROLE: "web" });
  const second = await startTestApp({ ROLE: "web" }, first.database);
  const repo = await makeGitRepo({ "a.py": "def f(x):\n    return x\n" });
  try {
    const answers = await Promise.all(
      Array.from(
        { length: 100 },
        (_, i) => postJson(`${(i % 2 ? first : second).url}/api/analyses`, { repoUrl: repo }),
      ),
    );
    const ids = new Set(answers.map((a) => a.body.id));
    assert.equal(ids.size, 1, "every request got the same analysis");
    assert.deepEqual([...new Set(answers.map((a) => a.status))], [202]);
    assert.equal(answers.filter((a) => a.body.joined === false).length, 1, "one created it, 99 joined");
    const db = first.database.db;
    const analyses = await db.selectFrom("analyses").select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    assert.equal(Number(analyses.n), 1);
    const jobs = await sql<{ n: string }>`select count(*) as n from graphile_worker.jobs`.execute(db);
    assert.equal(Number(jobs.rows[0].n), 1);
  } finally {
    await second.close();
    await first.close();
    await Deno.remove(repo, { recursive: true });
  }
});

Deno.test("[pipeline] a commit analysed before is answered from the cache, with no job; force analyses it again", async () => {
  const app = await startTestApp();
  const repo = await makeGitRepo({ "a.py": "def f(x):\n    return x\n" });
  try {
    const created = await postJson(`${app.url}/api/analyses`, { repoUrl: repo });
    assert.equal((await waitForAnalysis(app.url, created.body.id as string, 30_000)).status, "succeeded");
    // The same repository, written differently, at the same commit.
    const hit = await postJson(`${app.url}/api/analyses`, { repoUrl: `file://${repo}/`, ref: "main" });
    assert.equal(hit.status, 200);
    assert.equal(hit.body.cached, true);
    assert.equal(hit.body.id, created.body.id);
    assert.equal(hit.body.status, "succeeded");
    const db = app.database.db;
    const jobs = await sql<{ n: string }>`select count(*) as n from graphile_worker.jobs`.execute(db);
    assert.equal(Number(jobs.rows[0].n), 0, "no job queued");
    const forced = await postJson(`${app.url}/api/analyses`, { repoUrl: repo, force: true });
    assert.equal(forced.status, 202);
    assert.notEqual(forced.body.id, created.body.id);
    assert.equal((await waitForAnalysis(app.url, forced.body.id as string, 30_000)).status, "succeeded");
    // A new commit is not the cached one.
    await Deno.writeTextFile(`${repo}/b.py`, "y = 2\n");
    await git(repo, ["add", "b.py"]);
    await git(repo, ["-c", "user.name=T", "-c", "user.email=t@e", "commit", "-qm", "b"]);
    const next = await postJson(`${app.url}/api/analyses`, { repoUrl: repo });
    assert.equal(next.body.cached, false);
  } finally {
    await app.close();
    await Deno.remove(repo, { recursive: true });
  }
});

Deno.test("[pipeline] cancel: a queued analysis at once, a running one within seconds; a finished one is a 409", async () => {
  const web = await startTestApp({ ROLE: "web" });
  const repo = await bigRepo(1500, 10);
  const dataDir = await Deno.makeTempDir();
  let worker: Deno.ChildProcess | null = null;
  try {
    const queued = await postJson(`${web.url}/api/analyses`, { repoUrl: repo, ref: "main" });
    const stopped = await postJson(`${web.url}/api/analyses/${queued.body.id}/cancel`, {});
    assert.equal(stopped.status, 200);
    assert.equal(stopped.body.status, "canceled");
    const db = web.database.db;
    const jobs = await sql<{ n: string }>`select count(*) as n from graphile_worker.jobs`.execute(db);
    assert.equal(Number(jobs.rows[0].n), 0, "its job is gone");
    assert.equal((await postJson(`${web.url}/api/analyses/${queued.body.id}/cancel`, {})).status, 409);

    const running = await postJson(`${web.url}/api/analyses`, { repoUrl: repo, ref: "main" });
    const id = running.body.id as string;
    worker = spawnWorker(web.database.url, dataDir);
    await until("parsing", async () => await stageOf(web.database, id) === "parse");
    const asked = Date.now();
    assert.equal((await postJson(`${web.url}/api/analyses/${id}/cancel`, {})).status, 202);
    const done = await waitForAnalysis(web.url, id, 30_000);
    assert.equal(done.status, "canceled");
    assert.ok(Date.now() - asked < 10_000, "stopped within seconds");
    // Canceled work can be resumed: retry picks it up where it stopped.
    assert.equal((await postJson(`${web.url}/api/analyses/${id}/retry`, {})).status, 202);
    assert.equal((await waitForAnalysis(web.url, id, 60_000)).status, "succeeded");
  } finally {
    if (worker) {
      worker.kill("SIGTERM");
      await worker.status;
    }
    await web.close();
    await Deno.remove(repo, { recursive: true });
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("[pipeline] a failed analysis keeps its stage and reason; retry resumes it from that stage", async () => {
  const web = await startTestApp({ ROLE: "web" });
  const repo = await makeGitRepo({ "a.py": "def f(x):\n    return x\n" });
  const dataDir = await Deno.makeTempDir();
  let worker: Deno.ChildProcess | null = null;
  try {
    const created = await postJson(`${web.url}/api/analyses`, { repoUrl: repo });
    const id = created.body.id as string;
    // The repository goes away after it was resolved: the fetch fails, permanently.
    await Deno.rename(repo, `${repo}.away`);
    worker = spawnWorker(web.database.url, dataDir);
    const failed = await waitForAnalysis(web.url, id, 30_000);
    assert.equal(failed.status, "failed");
    assert.equal(failed.stage, "fetch");
    assert.equal(failed.error?.code, "repo_not_found");
    assert.equal((await postJson(`${web.url}/api/analyses/${id}/retry`, { repoUrl: "ignored" })).status, 202);
    // Not back yet: it fails again, at the same stage.
    assert.equal((await waitForAnalysis(web.url, id, 30_000)).status, "failed");
    await Deno.rename(`${repo}.away`, repo);
    assert.equal((await postJson(`${web.url}/api/analyses/${id}/retry`, {})).status, 202);
    assert.equal((await waitForAnalysis(web.url, id, 30_000)).status, "succeeded");
    const runs = await web.database.db.selectFrom("analysis_stages").select(["stage", "attempt", "outcome"])
      .where("analysis_id", "=", id).orderBy("started_at").execute();
    assert.deepEqual(
      runs.filter((r) => r.stage === "resolve" || r.stage === "fetch").map((r) => [r.stage, r.outcome]),
      [["resolve", "skipped"], ["fetch", "failed"], ["fetch", "failed"], ["fetch", "done"]],
      "resolved once at submission; the fetch was retried, not the resolve",
    );
    assert.equal(
      (await postJson(`${web.url}/api/analyses/${id}/retry`, {})).status,
      409,
      "a succeeded one is not retried",
    );
  } finally {
    if (worker) {
      worker.kill("SIGTERM");
      await worker.status;
    }
    await web.close();
    await Deno.remove(repo, { recursive: true }).catch(() => {});
    await Deno.remove(`${repo}.away`, { recursive: true }).catch(() => {});
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("[pipeline] two workers on one queue run every analysis exactly once", async () => {
  const web = await startTestApp({ ROLE: "web" });
  const repos = await Promise.all(
    Array.from({ length: 6 }, (_, i) => makeGitRepo({ [`m${i}.py`]: `def f${i}(x):\n    return x + ${i}\n` })),
  );
  const dataDirs = [await Deno.makeTempDir(), await Deno.makeTempDir()];
  const workers: Deno.ChildProcess[] = [];
  try {
    const ids = [];
    for (const repo of repos) {
      ids.push((await postJson(`${web.url}/api/analyses`, { repoUrl: repo })).body.id as string);
    }
    for (const dir of dataDirs) workers.push(spawnWorker(web.database.url, dir));
    for (const id of ids) assert.equal((await waitForAnalysis(web.url, id, 60_000)).status, "succeeded");
    const attempts = await web.database.db.selectFrom("analyses").select("attempts").execute();
    assert.deepEqual(attempts.map((a) => a.attempts), Array(6).fill(1), "each ran once");
    const parses = await web.database.db.selectFrom("analysis_stages").select("analysis_id")
      .where("stage", "=", "parse").execute();
    assert.equal(parses.length, 6);
  } finally {
    for (const worker of workers) {
      worker.kill("SIGTERM");
      await worker.status;
    }
    await web.close();
    for (const repo of repos) await Deno.remove(repo, { recursive: true });
    for (const dir of dataDirs) await Deno.remove(dir, { recursive: true });
  }
});
