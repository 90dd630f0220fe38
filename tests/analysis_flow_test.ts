import assert from "node:assert/strict";
import { makeGitRepo } from "./support/git_repo.ts";
import { startTestApp, waitForAnalysis } from "./support/test_app.ts";

const FILES = {
  "src/app.ts": "// entry\nimport { x } from './x.ts';\n\nexport const y = x + 1;\n",
  "src/x.ts": "/* a\n   block */\nexport const x = 1;\n",
  "tool.py": '#!/usr/bin/env python3\n"""Doc."""\n\ndef f():\n    return 1  # one\n',
  "README.md": "# Title\n\nSome words.\n",
  "node_modules/dep/index.js": "module.exports = 1;\n",
};

async function submit(url: string, body: unknown): Promise<Response> {
  return await fetch(`${url}/api/analyses`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

Deno.test("[flow] a submitted repository is cloned, counted and reported", async () => {
  const app = await startTestApp();
  const repo = await makeGitRepo(FILES);
  try {
    const response = await submit(app.url, { repoUrl: repo });
    assert.equal(response.status, 202);
    const created = await response.json();
    assert.match(created.id, /^[0-9a-f-]{36}$/);
    assert.equal(created.status, "queued");

    const done = await waitForAnalysis(app.url, created.id);
    assert.equal(done.status, "succeeded", JSON.stringify(done.error));
    assert.match(String(done.commit), /^[0-9a-f]{40}$/);

    const report = await (await fetch(`${app.url}/api/analyses/${created.id}/report`)).json();
    assert.equal(report.repo.url, `file://${repo}`);
    assert.equal(report.repo.commit, done.commit);
    assert.equal(report.summary.files, 5);
    assert.deepEqual(report.summary.languages.TypeScript, { files: 2, code: 3, comment: 3, blank: 1 });
    assert.deepEqual(report.summary.languages.Python, { files: 1, code: 2, comment: 2, blank: 1 });
    // Vendored code is listed but kept out of the totals.
    assert.equal(report.summary.languages.JavaScript, undefined);
    const vendored = report.files.find((f: { path: string }) => f.path === "node_modules/dep/index.js");
    assert.equal(vendored.category, "vendored");
    const app_ts = report.files.find((f: { path: string }) => f.path === "src/app.ts");
    assert.deepEqual(app_ts.lines, { code: 2, comment: 1, blank: 1 });
    assert.ok(report.timings.fetch >= 0 && report.timings.parse >= 0 && report.timings.link >= 0);
    assert.deepEqual(app_ts.imports, [{ module: "./x.ts", line: 2, target: "src/x.ts", external: null }]);
    const tool = report.files.find((f: { path: string }) => f.path === "tool.py");
    assert.equal(report.summary.functions, tool.functions.length);

    const page = await (await fetch(`${app.url}/analyses/${created.id}`)).text();
    assert.match(page, /<th scope="row">TypeScript<\/th>/);
    assert.match(page, /<th scope="row">Python<\/th>/);
  } finally {
    await app.close();
    await Deno.remove(repo, { recursive: true });
  }
});

Deno.test("[flow] the plain HTML form works without JavaScript and re-renders its errors", async () => {
  const app = await startTestApp();
  const repo = await makeGitRepo({ "a.go": "package a\n\nfunc A() {}\n" });
  try {
    // A browser says where a form comes from; this one is ours.
    const origin = { origin: app.url };
    const posted = await fetch(`${app.url}/analyses`, {
      method: "POST",
      headers: origin,
      body: new URLSearchParams({ repoUrl: repo, ref: "main" }),
      redirect: "manual",
    });
    assert.equal(posted.status, 303);
    const location = posted.headers.get("location")!;
    assert.match(location, /^\/analyses\/[0-9a-f-]{36}$/);
    await waitForAnalysis(app.url, location.split("/").at(-1)!);
    const page = await (await fetch(`${app.url}${location}`)).text();
    assert.match(page, /<th scope="row">Go<\/th>/);

    const bad = await fetch(`${app.url}/analyses`, {
      method: "POST",
      headers: origin,
      body: new URLSearchParams({ repoUrl: "ftp://example.com/x" }),
    });
    assert.equal(bad.status, 400);
    const html = await bad.text();
    assert.match(html, /repoUrl: only https:\/\/ URLs are accepted/);
    assert.match(html, /value="ftp:\/\/example.com\/x"/, "the form keeps what the user typed");
    assert.match(html, /aria-invalid="true"/);

    const garbled = await fetch(`${app.url}/analyses`, {
      method: "POST",
      headers: { ...origin, "content-type": "multipart/form-data; boundary=x" },
      body: "not multipart at all",
    });
    assert.equal(garbled.status, 400);
    assert.match(await garbled.text(), /The form could not be read/);
  } finally {
    await app.close();
    await Deno.remove(repo, { recursive: true });
  }
});

Deno.test("[flow] bad input gets a 400 naming the field, never a 500", async () => {
  const app = await startTestApp();
  try {
    const cases: [unknown, string][] = [
      [{}, "repoUrl"],
      [{ repoUrl: 42 }, "repoUrl"],
      [{ repoUrl: "http://github.com/a/b" }, "repoUrl"],
      [{ repoUrl: "a/b", ref: "--upload-pack=touch /tmp/x" }, "ref"],
    ];
    for (const [body, field] of cases) {
      const response = await submit(app.url, body);
      assert.equal(response.status, 400, JSON.stringify(body));
      const json = await response.json();
      assert.equal(json.error.code, "invalid_request");
      assert.equal(json.error.field, field, JSON.stringify(json));
    }
    const malformed = await fetch(`${app.url}/api/analyses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    assert.equal(malformed.status, 400);
    assert.equal((await malformed.json()).error.code, "invalid_request");

    const unknown = await fetch(`${app.url}/api/analyses/00000000-0000-0000-0000-000000000000`);
    assert.equal(unknown.status, 404);
    assert.deepEqual(await unknown.json(), { error: { code: "not_found", message: "Analysis not found" } });
    const notAnId = await fetch(`${app.url}/api/analyses/nope/report`);
    assert.equal(notAnId.status, 404);
    await notAnId.body?.cancel();

    const page = await fetch(`${app.url}/no/such/page`);
    assert.equal(page.status, 404);
    assert.match(await page.text(), /Page not found/);
  } finally {
    await app.close();
  }
});

Deno.test("[flow] a repository that cannot be cloned ends failed with a readable reason", async () => {
  const app = await startTestApp();
  const repo = await makeGitRepo({ "a.txt": "x\n" });
  try {
    const missing = await (await submit(app.url, { repoUrl: `${repo}-does-not-exist` })).json();
    const badRef = await (await submit(app.url, { repoUrl: repo, ref: "no-such-branch" })).json();
    const failed = await waitForAnalysis(app.url, missing.id);
    assert.equal(failed.status, "failed");
    assert.equal(failed.error?.code, "repo_not_found");
    assert.match(failed.error!.message, /No git repository was found/);
    const failedRef = await waitForAnalysis(app.url, badRef.id);
    assert.equal(failedRef.status, "failed");
    assert.equal(failedRef.error?.code, "ref_not_found");
    assert.match(failedRef.error!.message, /no-such-branch/);

    const report = await fetch(`${app.url}/api/analyses/${missing.id}/report`);
    assert.equal(report.status, 409);
    assert.equal((await report.json()).error.code, "not_ready");
  } finally {
    await app.close();
    await Deno.remove(repo, { recursive: true });
  }
});

Deno.test("[flow] an internal failure answers 500 without internals, as JSON or as a page", async () => {
  const app = await startTestApp();
  try {
    const { id } = await (await submit(app.url, { repoUrl: "/nonexistent" })).json();
    // A broken database is a failure the user cannot cause or fix.
    await app.database.pool.query("alter table repositories rename to repositories_gone");
    const api = await fetch(`${app.url}/api/analyses/${id}`);
    assert.equal(api.status, 500);
    const body = await api.json();
    assert.equal(body.error.code, "internal_error");
    assert.doesNotMatch(body.error.message, /repositories|relation|sql/i);
    const page = await fetch(`${app.url}/analyses/${id}`);
    assert.equal(page.status, 500);
    const html = await page.text();
    assert.match(html, /Something went wrong/);
    assert.doesNotMatch(html, /relation|repositories_gone/);
  } finally {
    await app.database.pool.query("alter table repositories_gone rename to repositories").catch(() => {});
    await app.close();
  }
});
