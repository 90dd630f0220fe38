import assert from "node:assert/strict";
import { git } from "./support/git_repo.ts";
import { ALICE, commitAs, craftedHistory } from "./support/history_repo.ts";
import { postJson, startTestApp, waitForAnalysis } from "./support/test_app.ts";

interface Churn {
  path: string;
  commits: number;
  added: number;
  deleted: number;
}

/** Per-file churn as git itself counts it, following renames of one file (`--follow`). */
async function gitChurn(dir: string, path: string): Promise<Omit<Churn, "path">> {
  const out = await git(dir, ["log", "--follow", "--numstat", "--format=", "--", path]);
  const rows = out.trim().split("\n").filter(Boolean).map((line) => line.split("\t"));
  return {
    commits: rows.length,
    added: rows.reduce((sum, r) => sum + Number(r[0]), 0),
    deleted: rows.reduce((sum, r) => sum + Number(r[1]), 0),
  };
}

Deno.test("[history] a crafted history: counts match git, people merged, bots apart, coupling and truck factor known", async () => {
  const app = await startTestApp();
  const repo = await craftedHistory();
  try {
    const created = await (await fetch(`${app.url}/api/analyses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ repoUrl: repo }),
    })).json();
    const done = await waitForAnalysis(app.url, created.id, 60_000);
    assert.equal(done.status, "succeeded", JSON.stringify(done.error));
    const report = await (await fetch(`${app.url}/api/analyses/${created.id}/report`)).json();
    const history = report.history;

    assert.equal(history.commits, Number((await git(repo, ["rev-list", "--count", "HEAD"])).trim()));
    assert.equal(history.commits, 19);
    assert.equal(history.merges, 1);
    assert.equal(history.truncated, false);
    // Alice (two spellings), Bob (two addresses, joined by .mailmap), Carol; dependabot apart.
    assert.equal(history.authors, 3);
    assert.equal(history.bots, 1);
    const people = history.contributors.map((c: { name: string; commits: number; isBot: boolean }) => [
      c.name,
      c.commits,
      c.isBot,
    ]);
    assert.deepEqual(people, [
      ["Bob Jones", 7, false],
      ["Carol White", 6, false],
      ["Alice Smith", 5, false],
      ["dependabot[bot]", 1, true],
    ]);

    // Churn per file follows renames: a.ts's changes are src/b.ts's; merges count nothing twice.
    const churn = new Map(history.files.map((f: Churn) => [f.path, f]));
    for (const path of ["src/b.ts", "x.py", "y.py", "p.py", "c.md", "d.md"]) {
      assert.deepEqual(churn.get(path), { path, ...await gitChurn(repo, path) }, path);
    }
    assert.equal(churn.has("a.ts"), false, "the old name is not a file of its own");

    // Code Maat defaults: x.py/y.py share 6 of 7 and 6 revisions (x imports y); p.py/q.py 5 of 5, no import.
    assert.deepEqual(history.coupling, [
      { a: "p.py", b: "q.py", shared: 5, revisionsA: 5, revisionsB: 5, degree: 1, hidden: true },
      { a: "x.py", b: "y.py", shared: 6, revisionsA: 7, revisionsB: 6, degree: 0.923, hidden: false },
    ]);

    // Alice knows .mailmap, src/b.ts, y.py, d.md (and x.py with Carol); Bob p.py, q.py, c.md;
    // deps.json is known only by a bot. Without Alice 4 of 9 files are unknown, without Bob too 7.
    assert.equal(history.truckFactor, 2);
    assert.deepEqual(history.truckFactorAuthors, ["Alice Smith", "Bob Jones"]);
    const root = history.ownership.find((d: { dir: string }) => d.dir === "");
    assert.equal(root.truckFactor, 2);
    assert.equal(root.commits, 19 - 1, "every commit but the merge touched a file");

    // Hotspots need complexity: the Python and TypeScript files here have no functions.
    assert.deepEqual(history.hotspots, []);

    // The analysis page shows it as plain HTML.
    const page = await (await fetch(`${app.url}/analyses/${created.id}`)).text();
    for (
      const text of ["History", "truck factor", "Carol White", "hidden coupling", '<span class="badge">bot</span>']
    ) {
      assert.ok(page.includes(text), `the page shows ${text}`);
    }

    // The same, paginated, under /api.
    const api = async (path: string) => {
      const response = await fetch(`${app.url}/api/analyses/${created.id}/history${path}`);
      return { status: response.status, body: await response.json() };
    };
    assert.deepEqual((await api("")).body.commits, 19);
    const files = await api("/files?order=commits&limit=2");
    assert.equal(files.status, 200);
    assert.equal(files.body.total, 9, "paths present at the analysed commit");
    assert.deepEqual(files.body.items.map((f: { path: string; commits: number }) => [f.path, f.commits]), [
      ["x.py", 7],
      ["y.py", 6],
    ]);
    assert.equal(files.body.items[0].mainAuthor, "Carol White");
    const second = await api("/contributors?limit=1&offset=1");
    assert.deepEqual([second.body.total, second.body.items[0].name], [4, "Carol White"]);
    assert.equal((await api("/coupling")).body.total, 2);
    assert.equal((await api("/ownership")).body.items[0].dir, "");
    const weeks = (await api("/activity")).body.items;
    assert.equal(weeks.reduce((sum: number, w: { commits: number }) => sum + w.commits, 0), 19);
    const carol = history.contributors.find((c: { name: string }) => c.name === "Carol White").id;
    const hers = (await api(`/activity?author=${carol}`)).body.items;
    assert.equal(hers.reduce((sum: number, w: { commits: number }) => sum + w.commits, 0), 6);
    assert.equal((await api("/activity?author=someone")).body.error.field, "author");
    assert.ok((await api("/languages")).body.items.some((m: { language: string }) => m.language === "Python"));
    // Bad input: the field is named; an unknown analysis is a 404.
    const bad = await api("/files?limit=0");
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "limit");
    assert.equal((await api("/files?order=size")).body.error.field, "order");
    const unknown = await fetch(`${app.url}/api/analyses/00000000-0000-0000-0000-000000000000/history/files`);
    assert.equal(unknown.status, 404);
    await unknown.body?.cancel();
  } finally {
    await app.close();
    await Deno.remove(repo, { recursive: true });
  }
});

Deno.test("[history] a snapshot at a past commit or date, computed as a job, and the difference to now", async () => {
  const app = await startTestApp();
  const repo = await Deno.makeTempDir({ prefix: "codevoyage-snapshot-" });
  try {
    await git(repo, ["init", "--quiet", "--initial-branch=main"]);
    await commitAs(repo, ALICE, "2024-01-10T12:00:00Z", {
      "a.py": "def f(x):\n    if x:\n        return 1\n    return 0\n",
      "old.md": "# old\n",
    }, "one");
    const first = (await git(repo, ["rev-parse", "HEAD"])).trim();
    await commitAs(repo, ALICE, "2024-03-10T12:00:00Z", {
      "a.py": "def f(x, y):\n    if x and y:\n        return 1\n    elif y:\n        return 2\n    return 0\n",
      "b.py": "def g():\n    return 3\n",
      "old.md": null,
    }, "two");
    const last = (await git(repo, ["rev-parse", "HEAD"])).trim();
    const created = await (await fetch(`${app.url}/api/analyses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ repoUrl: repo }),
    })).json();
    assert.equal((await waitForAnalysis(app.url, created.id, 60_000)).status, "succeeded");
    const base = `${app.url}/api/analyses/${created.id}`;
    const post = (at: string) => postJson(`${base}/snapshots`, { at });

    // Comparing before the snapshot exists says what to do.
    const early = await fetch(`${base}/compare?from=${first.slice(0, 8)}&to=${last}`);
    assert.equal(early.status, 409);
    await early.body?.cancel();

    // A date names the newest commit at or before it; the snapshot runs as a job.
    const asked = await post("2024-02-01");
    assert.equal(asked.status, 202);
    assert.equal(asked.body.commit, first);
    assert.equal((await waitForAnalysis(app.url, asked.body.analysisId, 60_000)).status, "succeeded");
    const again = await post(first.slice(0, 10));
    assert.equal(again.status, 200, "the same commit is not analysed twice");
    assert.equal(again.body.analysisId, asked.body.analysisId);
    assert.deepEqual(again.body.summary.languages.Python, { files: 1, code: 4, comment: 0, blank: 0 });
    assert.deepEqual(again.body.complexity, { functions: 1, totalCcn: 2, meanCcn: 2, maxCcn: 2, complex: 0 });

    // The analysed commit is a snapshot too.
    assert.equal((await waitForAnalysis(app.url, (await post(last)).body.analysisId, 60_000)).status, "succeeded");
    const diff = await (await fetch(`${base}/compare?from=${first.slice(0, 8)}&to=${last}`)).json();
    assert.deepEqual(diff.added, ["b.py"]);
    assert.deepEqual(diff.removed, ["old.md"]);
    assert.deepEqual(diff.changed, [{ path: "a.py", codeBefore: 4, codeAfter: 6, ccnBefore: 2, ccnAfter: 4 }]);
    assert.deepEqual(diff.complexity.after, { functions: 2, totalCcn: 5, meanCcn: 2.5, maxCcn: 4, complex: 0 });

    // Bad input names its field.
    const bad = await post("yesterday");
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "at");
    assert.equal((await post("2023-01-01")).body.error.field, "at", "before the first commit");
  } finally {
    await app.close();
    await Deno.remove(repo, { recursive: true });
  }
});
