import assert from "node:assert/strict";
import path from "node:path";
import { sign } from "hono/jwt";
import { makeGitRepo } from "./support/git_repo.ts";
import { api, getPage, PASSWORD, postForm, sessionCookie, signUp } from "./support/accounts.ts";
import { startTestApp, type TestApp, waitForAnalysis } from "./support/test_app.ts";

const secretOf = async (app: TestApp) =>
  (await Deno.readTextFile(path.join(app.config.DATA_DIR, "session-secret"))).trim();

Deno.test("[accounts] sign-up, login, me, logout and log out everywhere through the API", async () => {
  const app = await startTestApp({ ROLE: "web" });
  try {
    const weak = await api(app.url, "/api/auth/signup", { body: { email: "ada@example.com", password: "1234567890" } });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.error.field, "password");
    const badEmail = await api(app.url, "/api/auth/signup", { body: { email: "ada", password: PASSWORD } });
    assert.equal(badEmail.body.error.field, "email");

    const ada = await signUp(app.url, "Ada@Example.com");
    const again = await api(app.url, "/api/auth/signup", { body: { email: "ada@example.COM", password: PASSWORD } });
    assert.equal(again.status, 409, "one account per address, whatever its case");
    assert.equal(again.body.error.code, "email_taken");

    const me = await api(app.url, "/api/me", { token: ada.token });
    assert.equal(me.status, 200);
    assert.equal(me.body.email, "Ada@Example.com");
    assert.equal(me.headers.get("cache-control"), "no-store");
    assert.equal((await api(app.url, "/api/me")).status, 401, "anonymous");

    const wrong = await api(app.url, "/api/auth/login", {
      body: { email: "ada@example.com", password: "not it at all" },
    });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, "invalid_credentials");
    const nobody = await api(app.url, "/api/auth/login", { body: { email: "no@example.com", password: PASSWORD } });
    assert.equal(nobody.body.error.message, wrong.body.error.message, "no hint which addresses have accounts");

    const login = await api(app.url, "/api/auth/login", { body: { email: "ada@example.com", password: PASSWORD } });
    assert.equal(login.status, 200);
    assert.ok(Date.parse(login.body.expiresAt) > Date.now() + 6 * 86_400_000, "a week by default");
    const second = login.body.token;

    // Logout ends that token (before it would expire), not the other one.
    assert.equal((await api(app.url, "/api/auth/logout", { method: "POST", token: second })).status, 204);
    const ended = await api(app.url, "/api/me", { token: second });
    assert.equal(ended.status, 401);
    assert.equal(ended.body.error.code, "invalid_token");
    assert.match(ended.headers.get("www-authenticate") ?? "", /Bearer/);
    assert.equal((await api(app.url, "/api/me", { token: ada.token })).status, 200);

    const third = (await api(app.url, "/api/auth/login", { body: { email: "ada@example.com", password: PASSWORD } }))
      .body.token;
    const all = await api(app.url, "/api/auth/logout-all", { method: "POST", token: third });
    assert.equal(all.body.revoked, 2);
    assert.equal((await api(app.url, "/api/me", { token: ada.token })).status, 401);
    assert.equal((await api(app.url, "/api/me", { token: third })).status, 401);
  } finally {
    await app.close();
  }
});

Deno.test("[accounts] tampered, forged, expired and malformed tokens are refused", async () => {
  const app = await startTestApp({ ROLE: "web" });
  try {
    const ada = await signUp(app.url);
    const eve = await signUp(app.url);
    const [header, payload, signature] = ada.token.split(".");
    const claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/")));
    const b64 = (value: unknown) =>
      btoa(JSON.stringify(value)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    const secret = await secretOf(app);
    const attempts: Record<string, string> = {
      "flipped signature": `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith("A") ? "BB" : "AA"}`,
      "another user's id, same signature": `${header}.${b64({ ...claims, sub: eve.id })}.${signature}`,
      "alg none": `${b64({ alg: "none", typ: "JWT" })}.${payload}.`,
      "signed with another secret": await sign(claims, "x".repeat(40), "HS256"),
      "expired, validly signed": await sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 5 }, secret, "HS256"),
      "a session that does not exist": await sign({ ...claims, sid: crypto.randomUUID() }, secret, "HS256"),
      "garbage": "abc.def",
      "a made-up API token": "cvp_" + "A".repeat(43),
    };
    for (const [what, token] of Object.entries(attempts)) {
      const answer = await api(app.url, "/api/me", { token });
      assert.equal(answer.status, 401, what);
      assert.equal(answer.body.error.code, "invalid_token", what);
    }
    // A session cookie's token is not a bearer token, and the other way round.
    const page = await postForm(app.url, "/login", { email: ada.email, password: PASSWORD });
    const cookieToken = sessionCookie(page).split("=")[1];
    assert.equal((await api(app.url, "/api/me", { token: cookieToken })).status, 401);
    const asCookie = await getPage(app.url, "/account", `cv_session=${ada.token}`);
    assert.equal(asCookie.status, 303, "an API token in a cookie is not a session");
    assert.equal((await api(app.url, "/api/me", { headers: { authorization: "Basic eDp5" } })).status, 401);
  } finally {
    await app.close();
  }
});

Deno.test("[accounts] personal API tokens: created once, listed without the secret, revoked, expired", async () => {
  const app = await startTestApp({ ROLE: "web" });
  try {
    const ada = await signUp(app.url);
    const created = await api(app.url, "/api/me/tokens", { token: ada.token, body: { name: "CI", expiresInDays: 30 } });
    assert.equal(created.status, 201);
    assert.match(created.body.token, /^cvp_[\w-]{43}$/);
    const pat = created.body.token;
    const me = await api(app.url, "/api/me", { token: pat });
    assert.equal(me.body.via, "api_token");
    const list = await api(app.url, "/api/me/tokens", { token: pat });
    assert.equal(list.body.items.length, 1);
    assert.equal(JSON.stringify(list.body).includes(pat), false, "the secret is never listed");
    assert.equal(list.body.items[0].prefix, pat.slice(0, 10));
    const stored = await app.database.db.selectFrom("api_tokens").selectAll().execute();
    assert.equal(Buffer.from(stored[0].token_hash).toString("latin1").includes(pat), false);
    assert.equal(
      (await api(app.url, "/api/auth/logout", { method: "POST", token: pat })).body.error.code,
      "not_a_session",
    );

    // Another user cannot revoke it; its owner can.
    const eve = await signUp(app.url);
    const id = created.body.id;
    assert.equal((await api(app.url, `/api/me/tokens/${id}`, { method: "DELETE", token: eve.token })).status, 404);
    assert.equal((await api(app.url, `/api/me/tokens/${id}`, { method: "DELETE", token: ada.token })).status, 204);
    assert.equal((await api(app.url, "/api/me", { token: pat })).status, 401);

    const short = await api(app.url, "/api/me/tokens", { token: ada.token, body: { name: "short", expiresInDays: 1 } });
    await app.database.db.updateTable("api_tokens").set({ expires_at: new Date(Date.now() - 1000) })
      .where("id", "=", short.body.id).execute();
    assert.equal((await api(app.url, "/api/me", { token: short.body.token })).status, 401, "expired");
    const bad = await api(app.url, "/api/me/tokens", { token: ada.token, body: { name: "" } });
    assert.equal(bad.body.error.field, "name");
  } finally {
    await app.close();
  }
});

Deno.test("[accounts] pages: sign up, the session cookie, account, recent scans, logout", async () => {
  const app = await startTestApp({ TRUST_PROXY: "1" });
  const repo = await makeGitRepo({ "a.py": "def f():\n    return 1\n" });
  try {
    const weak = await postForm(app.url, "/signup", { email: "grace@example.com", password: "password123" });
    assert.equal(weak.status, 400);
    assert.match(await weak.text(), /most common passwords/);

    const signup = await postForm(app.url, "/signup", { email: "grace@example.com", password: PASSWORD });
    assert.equal(signup.status, 303);
    const setCookie = signup.headers.getSetCookie().find((c) => c.startsWith("cv_session="))!;
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    assert.doesNotMatch(setCookie, /Secure/, "plain http: no Secure flag");
    const cookie = sessionCookie(signup);

    const home = await getPage(app.url, "/", cookie);
    assert.match(home.html, /Recent scans/);
    assert.match(home.html, /name="token"/, "signed in: the form takes a token for private repositories");
    assert.equal((await getPage(app.url, "/account")).location, "/login?next=%2Faccount", "anonymous: log in first");

    // A scan submitted with the form goes into the history.
    const submitted = await postForm(app.url, "/analyses", { repoUrl: repo }, cookie);
    const id = submitted.headers.get("location")!.split("/").pop()!;
    await waitForAnalysis(app.url, id);
    const scans = await getPage(app.url, "/scans", cookie);
    assert.equal(scans.status, 200);
    assert.match(scans.html, new RegExp(`/analyses/${id}`));
    assert.match(scans.html, /1 scan\b/);

    const account = await getPage(app.url, "/account", cookie);
    assert.match(account.html, /grace@example\.com/);
    const token = await postForm(app.url, "/account/tokens", { name: "laptop", expiresInDays: "30" }, cookie);
    assert.equal(token.status, 201);
    assert.match(await token.text(), /cvp_[\w-]{43}/, "the new token is shown once");
    assert.equal(token.headers.get("cache-control"), "no-store");

    const secure = await postForm(app.url, "/login", { email: "grace@example.com", password: PASSWORD });
    assert.equal(secure.headers.get("location"), "/scans");
    const behindTls = await fetch(`${app.url}/login`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: app.url,
        "x-forwarded-proto": "https",
      },
      body: new URLSearchParams({ email: "grace@example.com", password: PASSWORD }),
      redirect: "manual",
    });
    await behindTls.body?.cancel();
    assert.match(behindTls.headers.getSetCookie().join(), /Secure/, "behind https the cookie is Secure");

    const wrong = await postForm(app.url, "/login", { email: "grace@example.com", password: "nope nope nope" });
    assert.equal(wrong.status, 401);
    assert.match(await wrong.text(), /Wrong e-mail address or password/);
    const evil = await postForm(app.url, "/login?next=//evil.example/x", {
      email: "grace@example.com",
      password: PASSWORD,
    });
    assert.equal(evil.headers.get("location"), "/scans", "no open redirect");
    for (const next of ["/%09/evil.example", "/%5Cevil.example", "/%0a", "https://evil.example"]) {
      const answer = await postForm(app.url, `/login?next=${next}`, { email: "grace@example.com", password: PASSWORD });
      assert.equal(answer.status, 303, next);
      assert.equal(answer.headers.get("location"), "/scans", next);
    }

    const logout = await postForm(app.url, "/logout", {}, cookie);
    assert.equal(logout.status, 303);
    assert.match(logout.headers.getSetCookie().join(), /cv_session=;/);
    assert.equal((await getPage(app.url, "/scans", cookie)).status, 303, "the old cookie no longer works");
  } finally {
    await app.close();
    await Deno.remove(repo, { recursive: true });
  }
});

Deno.test("[accounts] scan history: linked per user, cached analyses shared, paginated newest first", async () => {
  const app = await startTestApp({});
  const repos = await Promise.all([1, 2, 3].map((n) => makeGitRepo({ [`f${n}.py`]: `x = ${n}\n` })));
  try {
    const ada = await signUp(app.url);
    const bob = await signUp(app.url);
    const ids: string[] = [];
    for (const repo of repos) {
      const answer = await api(app.url, "/api/analyses", { token: ada.token, body: { repoUrl: repo } });
      ids.push(answer.body.id);
      await waitForAnalysis(app.url, answer.body.id);
    }
    const shared = await api(app.url, "/api/analyses", { token: bob.token, body: { repoUrl: repos[0] } });
    assert.equal(shared.body.cached, true);
    assert.equal(shared.body.id, ids[0], "the same analysis, in both histories");
    await api(app.url, "/api/analyses", { body: { repoUrl: repos[1] } }); // anonymous: nobody's history

    const page = await api(app.url, "/api/me/analyses?limit=2", { token: ada.token });
    assert.equal(page.body.total, 3);
    assert.deepEqual(page.body.items.map((a: { id: string }) => a.id), [ids[2], ids[1]]);
    const next = await api(app.url, "/api/me/analyses?limit=2&offset=2", { token: ada.token });
    assert.deepEqual(next.body.items.map((a: { id: string }) => a.id), [ids[0]]);
    const bobs = await api(app.url, "/api/me/analyses", { token: bob.token });
    assert.deepEqual(bobs.body.items.map((a: { id: string }) => a.id), [ids[0]]);
    assert.equal((await api(app.url, "/api/me/analyses?limit=0", { token: bob.token })).body.error.field, "limit");

    // Public analyses stay public; cancelling someone else's is not allowed.
    assert.equal((await api(app.url, `/api/analyses/${ids[1]}`)).status, 200);
    const cancel = await api(app.url, `/api/analyses/${ids[1]}/cancel`, { method: "POST", token: bob.token, body: {} });
    assert.equal(cancel.status, 403);
  } finally {
    await app.close();
    for (const repo of repos) await Deno.remove(repo, { recursive: true });
  }
});
