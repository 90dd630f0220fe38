import assert from "node:assert/strict";
import path from "node:path";
import { api, getPage, signUp } from "./support/accounts.ts";
import { startGitHttpsServer } from "./support/git_https_server.ts";
import { git, makeGitRepo } from "./support/git_repo.ts";
import { startTestApp, waitForAnalysis } from "./support/test_app.ts";
import { pathExists } from "../lib/fs.ts";
import { mirrorDir } from "../lib/pipeline/run_analysis.ts";

const TOKEN = "ghp_PrivateRepoTokenNeverShown0123456789";

Deno.test("[private] a private repository analysed with a token is visible only to users who proved access", async () => {
  const work = await makeGitRepo({ "secret.py": "def launch_codes():\n    return 42\n" });
  const first = (await git(work, ["rev-parse", "HEAD"])).trim();
  await Deno.writeTextFile(path.join(work, "more.py"), "def more():\n    return 1\n");
  await git(work, ["add", "."]);
  await git(work, ["-c", "user.name=T", "-c", "user.email=t@e", "commit", "-qm", "more"]);
  const root = await Deno.makeTempDir({ prefix: "codevoyage-private-root-" });
  await git(root, ["clone", "--bare", "--quiet", work, "repo.git"]);
  const server = await startGitHttpsServer({ root, username: "x-access-token", password: TOKEN });
  const app = await startTestApp({ ALLOWED_GIT_HOSTS: "localhost", GIT_CA_FILE: server.caFile });
  const url = `${server.origin}/repo`;
  try {
    const ada = await signUp(app.url);
    const bob = await signUp(app.url);

    const anonymousToken = await api(app.url, "/api/analyses", { body: { repoUrl: url, token: TOKEN } });
    assert.equal(anonymousToken.status, 401, "a token needs an account: the analysis will be someone's");
    assert.equal(anonymousToken.body.error.code, "login_required");

    const submitted = await api(app.url, "/api/analyses", { token: ada.token, body: { repoUrl: url, token: TOKEN } });
    assert.equal(submitted.status, 202);
    const id = submitted.body.id;
    const mine = await waitForAnalysis(app.url, id, 30_000, ada.token);
    assert.equal(mine.status, "succeeded", JSON.stringify(mine.error));

    // Anyone else: exactly the answer an unknown id gets, on every route.
    const unknown = await api(app.url, `/api/analyses/${crypto.randomUUID()}`);
    for (const route of ["", "/report", "/history", "/history/files", "/events", "/snapshots/2020-01-01"]) {
      for (const token of [undefined, bob.token]) {
        const answer = await api(app.url, `/api/analyses/${id}${route}`, { token });
        assert.equal(answer.status, 404, `${route} as ${token ? "bob" : "anonymous"}`);
        assert.deepEqual(answer.body, unknown.body);
      }
    }
    assert.equal((await getPage(app.url, `/analyses/${id}`)).status, 404);
    assert.equal((await api(app.url, `/api/analyses/${id}/cancel`, { token: bob.token, body: {} })).status, 404);
    assert.doesNotMatch((await getPage(app.url, "/")).html, new RegExp(id), "not among the public recent analyses");
    assert.equal((await api(app.url, `/api/analyses/${id}/report`, { token: ada.token })).status, 200);
    const history = await api(app.url, "/api/me/analyses", { token: ada.token });
    assert.equal(history.body.items[0].private, true);

    // A snapshot of a private analysis is private too, and runs from Ada's own mirror.
    const snap = await api(app.url, `/api/analyses/${id}/snapshots`, { token: ada.token, body: { at: first } });
    assert.equal(snap.status, 202, JSON.stringify(snap.body));
    const snapshot = await waitForAnalysis(app.url, snap.body.analysisId, 30_000, ada.token);
    assert.equal(snapshot.status, "succeeded", JSON.stringify(snapshot.error));
    assert.equal((await api(app.url, `/api/analyses/${snap.body.analysisId}`)).status, 404);
    const at = await api(app.url, `/api/analyses/${id}/snapshots/${first}`, { token: ada.token });
    assert.equal(at.body.summary.files, 1);

    // The token given with the submission is gone once the analysis succeeded; nothing stored holds it.
    assert.equal((await app.database.db.selectFrom("repo_credentials").selectAll().execute()).length, 0);

    // Without a token the repository does not answer; a wrong token is refused before anything is stored.
    const without = await api(app.url, "/api/analyses", { token: bob.token, body: { repoUrl: url } });
    assert.equal(without.body.status, "failed");
    assert.equal(without.body.error.code, "auth_required");
    assert.notEqual(without.body.id, id);
    const wrong = await api(app.url, "/api/analyses", { token: bob.token, body: { repoUrl: url, token: "ghp_wrong" } });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error.code, "token_rejected");
    assert.equal(wrong.body.error.field, "token");

    // With a token that works, Bob gets the same analysis from the cache, and may see it from now on.
    const proved = await api(app.url, "/api/analyses", { token: bob.token, body: { repoUrl: url, token: TOKEN } });
    assert.equal(proved.status, 200);
    assert.equal(proved.body.cached, true);
    assert.equal(proved.body.id, id);
    assert.equal((await api(app.url, `/api/analyses/${id}`, { token: bob.token })).status, 200);
    assert.equal((await api(app.url, `/api/analyses/${id}`)).status, 404, "still not public");
  } finally {
    await app.close();
    await server.close();
    await Deno.remove(work, { recursive: true });
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("[private] a token kept on the account is sealed, used only when the repository needs it", async () => {
  const work = await makeGitRepo({ "a.py": "x = 1\n" });
  const root = await Deno.makeTempDir({ prefix: "codevoyage-private-root-" });
  await git(root, ["clone", "--bare", "--quiet", work, "repo.git"]);
  const publicRepo = await makeGitRepo({ "b.py": "y = 2\n" });
  const server = await startGitHttpsServer({ root, username: "x-access-token", password: TOKEN });
  const app = await startTestApp({ ALLOWED_GIT_HOSTS: "localhost", GIT_CA_FILE: server.caFile });
  const url = `${server.origin}/repo`;
  try {
    const carol = await signUp(app.url);
    const host = new URL(server.origin).host;
    const saved = await api(app.url, "/api/me/credentials", { token: carol.token, body: { host, token: TOKEN } });
    assert.equal(saved.status, 201);
    assert.equal(saved.body.hint, "…6789");
    const listed = await api(app.url, "/api/me/credentials", { token: carol.token });
    assert.equal(JSON.stringify(listed.body).includes(TOKEN), false, "listed without the token");
    const [row] = await app.database.db.selectFrom("repo_credentials").selectAll().execute();
    assert.equal(Buffer.from(row.ciphertext).toString("latin1").includes(TOKEN), false, "sealed, not stored as is");
    assert.equal(row.iv.length, 12);

    // The repository refuses anonymous access, so the account's token is used: a private analysis, run by the job.
    const submitted = await api(app.url, "/api/analyses", { token: carol.token, body: { repoUrl: url } });
    assert.equal(submitted.status, 202);
    const done = await waitForAnalysis(app.url, submitted.body.id, 30_000, carol.token);
    assert.equal(done.status, "succeeded", JSON.stringify(done.error));
    assert.equal((await api(app.url, `/api/analyses/${submitted.body.id}`)).status, 404);
    assert.ok(server.requests.some((r) => r.user === "x-access-token"), "git authenticated");
    const stored = await app.database.db.selectFrom("repo_credentials").select(["kind", "last_used_at"]).execute();
    assert.deepEqual(stored.map((s) => s.kind), ["account"], "the account's token stays");
    assert.ok(stored[0].last_used_at);

    const page = await fetch(`${app.url}/api/analyses/${submitted.body.id}`, {
      headers: { authorization: `Bearer ${carol.token}` },
    });
    await page.body?.cancel();
    assert.equal(page.headers.get("cache-control"), "private, no-store", "no shared cache keeps it");

    // Public repositories are analysed without it, and stay public.
    const open = await api(app.url, "/api/analyses", { token: carol.token, body: { repoUrl: publicRepo } });
    await waitForAnalysis(app.url, open.body.id);
    assert.equal((await api(app.url, `/api/analyses/${open.body.id}`)).status, 200);

    // A mirror fetched with Carol's token is hers alone: the public mirror of that URL was never made.
    const mirrors = path.join(app.config.DATA_DIR, "mirrors");
    assert.ok(await pathExists(mirrorDir(mirrors, url, carol.id)), "Carol's mirror");
    assert.equal(await pathExists(mirrorDir(mirrors, url)), false, "no shared mirror of the private repository");

    // Deleting the token: the repository cannot be reached any more.
    assert.equal(
      (await api(app.url, `/api/me/credentials/${saved.body.id}`, { method: "DELETE", token: carol.token })).status,
      204,
    );
    const after = await api(app.url, "/api/analyses", { token: carol.token, body: { repoUrl: url, force: true } });
    assert.equal(after.body.error?.code, "auth_required");
  } finally {
    await app.close();
    await server.close();
    for (const dir of [work, root, publicRepo]) await Deno.remove(dir, { recursive: true });
  }
});
