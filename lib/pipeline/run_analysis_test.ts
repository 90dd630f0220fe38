import assert from "node:assert/strict";
import { createTestDatabase } from "../../tests/support/database.ts";
import { git, makeGitRepo } from "../../tests/support/git_repo.ts";
import { normalizeRepoUrl } from "../repo/url.ts";
import { ParsePool } from "../analysis/parse/parse_pool.ts";
import { findAnalysis } from "./analyses.ts";
import { runAnalysis } from "./run_analysis.ts";
import { submitAnalysis } from "./submit.ts";

const local = (path: string) => normalizeRepoUrl(path, { allowLocal: true });

Deno.test("[pipeline] an interrupted attempt stays resumable, an interrupted last attempt ends failed", async () => {
  const database = await createTestDatabase();
  const pool = new ParsePool(1);
  const repo = await makeGitRepo({ "a.py": "x = 1\n" });
  try {
    const { id } = await submitAnalysis(database.db, { repo: local(repo), ref: null, queue: false });
    const stopped = AbortSignal.abort();
    const deps = {
      db: database.db,
      cloneTimeoutMs: 30_000,
      historyMaxCommits: 1000,
      mirrorsDir: `${repo}-mirrors`,
      pool,
    };
    await assert.rejects(runAnalysis(deps, id, { signal: stopped }));
    assert.equal((await findAnalysis(database.db, id))?.status, "running", "left for the next attempt");

    assert.equal(await runAnalysis(deps, id, { signal: stopped, lastAttempt: true }), "failed");
    const failed = await findAnalysis(database.db, id);
    assert.equal(failed?.status, "failed");
    assert.equal(failed?.error?.code, "interrupted");

    assert.equal(await runAnalysis(deps, id), "skipped", "a finished analysis is not run again");
  } finally {
    pool.close();
    await database.drop();
    await Deno.remove(repo, { recursive: true });
    await Deno.remove(`${repo}-mirrors`, { recursive: true }).catch(() => {});
  }
});

Deno.test("[pipeline] a run stores each file once, with its lines", async () => {
  const database = await createTestDatabase();
  const pool = new ParsePool(1);
  const repo = await makeGitRepo({ "a.py": "# c\nx = 1\n\n", "b/c.go": "package c\n" });
  try {
    const { id } = await submitAnalysis(database.db, { repo: local(repo), ref: null, queue: false });
    assert.equal(
      await runAnalysis({
        db: database.db,
        cloneTimeoutMs: 30_000,
        historyMaxCommits: 1000,
        mirrorsDir: `${repo}-mirrors`,
        pool,
      }, id),
      "succeeded",
    );
    const rows = await database.db.selectFrom("analysis_files").selectAll().where("analysis_id", "=", id)
      .orderBy("path").execute();
    assert.deepEqual(rows.map((r) => [r.path, r.language, r.code, r.comment, r.blank]), [
      ["a.py", "Python", 1, 1, 1],
      ["b/c.go", "Go", 1, 0, 0],
    ]);
  } finally {
    pool.close();
    await database.drop();
    await Deno.remove(repo, { recursive: true });
    await Deno.remove(`${repo}-mirrors`, { recursive: true }).catch(() => {});
  }
});

Deno.test("[pipeline] analyses of one repository at once share its mirror, one fetch at a time", async () => {
  const database = await createTestDatabase();
  const pool = new ParsePool(1);
  const repo = await makeGitRepo({ "a.py": "def f():\n    return 1\n" });
  const mirrorsDir = `${repo}-mirrors`;
  try {
    // Three commits: v1, v2 and the head, analysed at once.
    for (const tag of ["v1", "v2"]) {
      await git(repo, ["tag", tag]);
      await Deno.writeTextFile(`${repo}/a.py`, `def f():\n    return "${tag}"\n`);
      await git(repo, ["-c", "user.name=T", "-c", "user.email=t@e", "commit", "-qam", `after ${tag}`]);
    }
    const ids = await Promise.all(
      [null, "v1", "v2"].map(async (ref) =>
        (await submitAnalysis(database.db, { repo: local(repo), ref, queue: false })).id
      ),
    );
    const deps = { db: database.db, cloneTimeoutMs: 30_000, historyMaxCommits: 1000, mirrorsDir, pool };
    assert.deepEqual(await Promise.all(ids.map((id) => runAnalysis(deps, id))), Array(3).fill("succeeded"));
    const mirrors = [...Deno.readDirSync(mirrorsDir)];
    assert.equal(mirrors.length, 1, "one mirror for the repository");
    const refs = await git(`${mirrorsDir}/${mirrors[0].name}`, ["for-each-ref", "--format=%(refname)"]);
    assert.equal(refs.trim(), "refs/codevoyage/latest", "every analysis removed its pin");
  } finally {
    pool.close();
    await database.drop();
    await Deno.remove(repo, { recursive: true });
    await Deno.remove(mirrorsDir, { recursive: true }).catch(() => {});
  }
});
