import assert from "node:assert/strict";
import { sql } from "kysely";
import { createTestDatabase } from "../../tests/support/database.ts";
import { craftedHistory } from "../../tests/support/history_repo.ts";
import { ParsePool } from "../analysis/parse/parse_pool.ts";
import { findAnalysis } from "../pipeline/analyses.ts";
import { mirrorDir, runAnalysis } from "../pipeline/run_analysis.ts";
import { submitAnalysis } from "../pipeline/submit.ts";
import { normalizeRepoUrl } from "../repo/url.ts";
import { analyzeHistory } from "./analyze_history.ts";
import { HISTORY_TABLES } from "./ingest.ts";

Deno.test("[history] a capped history says it is truncated; running the stage again stores the same rows once", async () => {
  const database = await createTestDatabase();
  const db = database.db;
  const pool = new ParsePool(1);
  const repo = await craftedHistory();
  const mirrorsDir = `${repo}-mirrors`;
  try {
    const location = normalizeRepoUrl(repo, { allowLocal: true });
    const { id } = await submitAnalysis(db, { repo: location, ref: null, queue: false });
    const deps = { db, cloneTimeoutMs: 30_000, historyMaxCommits: 5, mirrorsDir, pool };
    assert.equal(await runAnalysis(deps, id), "succeeded");
    const analysis = await findAnalysis(db, id);
    assert.equal(analysis?.history?.commits, 5);
    assert.equal(analysis?.history?.truncated, true);
    assert.ok(analysis?.timings.history !== undefined, "the stage is timed");

    const counts = async () => {
      const result: Record<string, number> = {};
      for (const table of HISTORY_TABLES) {
        const row = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}
          where analysis_id = ${id}::uuid`.execute(db);
        result[table] = Number(row.rows[0].n);
      }
      return result;
    };
    const before = await counts();
    assert.equal(before.analysis_commits, 5);
    // An interrupted worker runs the stage again from the start: nothing doubles.
    const again = await analyzeHistory(db, id, mirrorDir(mirrorsDir, location.url), analysis!.commit!, {
      maxCommits: 5,
    });
    assert.equal(again.commits, 5);
    assert.deepEqual(await counts(), before);

    // Lines per language end, in the last month, at the lines of the analysed commit.
    const months = await db.selectFrom("analysis_language_months").select(["month", "language", "lines"])
      .where("analysis_id", "=", id).orderBy("month", "desc").execute();
    const last = months.filter((m) => m.month === months[0].month);
    const now = await db.selectFrom("analysis_files").select(["language"])
      .select((eb) => eb.fn.sum<number>(sql`code + comment + blank`).as("lines"))
      .where("analysis_id", "=", id).where("language", "in", last.map((m) => m.language)).groupBy("language")
      .execute();
    assert.deepEqual(
      Object.fromEntries(last.map((m) => [m.language, m.lines])),
      Object.fromEntries(now.map((n) => [n.language, Number(n.lines)])),
    );
  } finally {
    pool.close();
    await database.drop();
    await Deno.remove(repo, { recursive: true });
    await Deno.remove(mirrorsDir, { recursive: true }).catch(() => {});
  }
});
