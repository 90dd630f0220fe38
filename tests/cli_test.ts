import assert from "node:assert/strict";
import path from "node:path";
import { createTestDatabase } from "./support/database.ts";
import { makeGitRepo } from "./support/git_repo.ts";

const ROOT = path.join(import.meta.dirname!, "..");

async function cli(args: string[], env: Record<string, string>) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "cli.ts", ...args],
    cwd: ROOT,
    env,
  }).output();
  const decoder = new TextDecoder();
  return { code: output.code, stdout: decoder.decode(output.stdout), stderr: decoder.decode(output.stderr) };
}

Deno.test("[cli] analyze writes the same report as the API, without a server", async () => {
  const database = await createTestDatabase();
  const repo = await makeGitRepo({
    "main.c": "/* entry */\nint main(void) {\n\n  return 0;\n}\n",
    "docs/x.md": "# X\n",
  });
  const out = path.join(await Deno.makeTempDir(), "report.json");
  try {
    const result = await cli(["analyze", repo, "--out", out], { DATABASE_URL: database.url });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /2 files/);
    const report = JSON.parse(await Deno.readTextFile(out));
    assert.equal(report.repo.url, `file://${repo}`);
    assert.match(report.repo.commit, /^[0-9a-f]{40}$/);
    assert.deepEqual(report.summary.languages.C, { files: 1, code: 3, comment: 1, blank: 1 });
    assert.deepEqual(
      report.files.map((f: { path: string; category: string }) => [f.path, f.category]),
      [["docs/x.md", "docs"], ["main.c", "code"]],
    );
    assert.deepEqual(Object.keys(report).sort(), [
      "analysis",
      "files",
      "history",
      "repo",
      "stats",
      "summary",
      "timings",
    ]);
    assert.deepEqual(
      [report.history.commits, report.history.authors, report.history.files],
      [1, 1, [{ path: "docs/x.md", commits: 1, added: 1, deleted: 0 }, {
        path: "main.c",
        commits: 1,
        added: 5,
        deleted: 0,
      }]],
    );
    assert.ok(report.timings.history >= 0);
    const without = await cli(["analyze", repo, "--out", out, "--no-history"], { DATABASE_URL: database.url });
    assert.equal(without.code, 0, without.stderr);
    const bare = JSON.parse(await Deno.readTextFile(out));
    assert.equal(bare.history, null);
    assert.equal(bare.timings.history, undefined);
  } finally {
    await database.drop();
    await Deno.remove(repo, { recursive: true });
    await Deno.remove(path.dirname(out), { recursive: true });
  }
});

Deno.test("[cli] bad arguments and unreachable repositories fail with a message", async () => {
  const database = await createTestDatabase();
  try {
    const usage = await cli(["analyze", "/tmp"], { DATABASE_URL: database.url });
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /Usage:/);
    const badUrl = await cli(["analyze", "ftp://x/y", "--out", "/tmp/x.json"], { DATABASE_URL: database.url });
    assert.equal(badUrl.code, 2);
    assert.match(badUrl.stderr, /only https:\/\/ URLs/);
    const missing = await cli(["analyze", "/nonexistent/repo", "--out", "/tmp/never.json"], {
      DATABASE_URL: database.url,
    });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Analysis failed: No git repository was found .*\(repo_not_found\)/);
  } finally {
    await database.drop();
  }
});
