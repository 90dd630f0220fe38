import assert from "node:assert/strict";
// The same seed sends the same requests, so a failure can be replayed (FUZZ_SEED).
import { seeded } from "../bench/synthetic_text.ts";
import { makeGitRepo } from "./support/git_repo.ts";
import { postJson, startTestApp, waitForAnalysis } from "./support/test_app.ts";

Deno.test("[security] thousands of random and malformed requests to every route: never a 5xx", async () => {
  const app = await startTestApp({ ALLOW_LOCAL_REPOS: "1" });
  const repo = await makeGitRepo({ "a.py": "def f(x):\n    return x\n" });
  try {
    const created = await (await fetch(`${app.url}/api/analyses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ repoUrl: repo }),
    })).json();
    await waitForAnalysis(app.url, created.id, 30_000);
    // A real account, so part of the requests arrive signed in (bearer or cookie) and reach the account routes.
    const signup = await postJson(`${app.url}/api/auth/signup`, {
      email: "fuzz@example.com",
      password: "violet kettle harbour",
    });
    // A personal API token: the fuzzed requests may log every session out, and it stays valid.
    const { body: { token } } = await postJson(`${app.url}/api/me/tokens`, { name: "fuzz" }, {
      authorization: `Bearer ${signup.body.token}`,
    });
    const login = await fetch(`${app.url}/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: app.url },
      body: "email=fuzz%40example.com&password=violet+kettle+harbour",
      redirect: "manual",
    });
    await login.body?.cancel();
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    const seed = Number(Deno.env.get("FUZZ_SEED") ?? 20261123);
    const r = seeded(seed);
    const pick = <T>(items: T[]): T => items[Math.floor(r() * items.length)];
    const junk = (n: number) => Array.from({ length: n }, () => String.fromCharCode(Math.floor(r() * 0x2fff))).join("");
    const ids = [
      created.id,
      crypto.randomUUID(),
      "not-an-id",
      "' or 1=1 --",
      "%00",
      "..%2F..%2Fetc%2Fpasswd",
      "a".repeat(3000),
      encodeURIComponent(junk(12)),
    ];
    const paths = () => {
      const id = pick(ids);
      return pick([
        "/",
        "/analyses",
        `/analyses/${id}`,
        "/api/analyses",
        `/api/analyses/${id}`,
        `/api/analyses/${id}/report`,
        `/api/analyses/${id}/cancel`,
        `/api/analyses/${id}/retry`,
        `/api/analyses/${id}/history`,
        `/api/analyses/${id}/history/${pick(["files", "hotspots", "contributors", "coupling", "ownership", "x"])}` +
        pick(["", "?limit=-1", "?limit=abc&offset=1e99", "?order=%00", `?author=${junk(4)}`, "?limit=500&offset=0"]),
        `/api/analyses/${id}/snapshots`,
        `/api/analyses/${id}/snapshots/${pick(["2024-01-01", "zzz", "abcdef1", junk(5)])}`,
        `/api/analyses/${id}/compare?from=${pick(["", "x", "2020-01-01"])}&to=${pick(["", "y"])}`,
        `/analyses/${id}/${pick(["files", "graph", "timeline", "contributors", "languages", "x"])}` +
        pick([
          "",
          "?page=0",
          "?page=x",
          `?dir=${junk(4)}`,
          "?level=dir&depth=99",
          "?at=zzz",
          "?from=1&to=2",
          "?limit=-1",
        ]),
        `/analyses/${id}/files/${pick(["a.py", "nope.py", "..%2F..%2Fetc%2Fpasswd", encodeURIComponent(junk(6))])}` +
        pick(["", "?sort=ccn", "?sort=x&fpage=-1", "?hpage=abc"]),
        `/analyses/${id}/timeline/${pick(["snapshots", "compare"])}`,
        `/api/analyses/${id}/files/${pick(["tree", "detail"])}` +
        pick(["", "?dir=..", "?path=a.py", `?path=${junk(5)}`, "?depth=7&limit=0"]),
        `/api/analyses/${id}/graph` +
        pick(["", "?level=dir", "?level=x", "?depth=0", "?limit=99999", `?dir=${junk(3)}`]),
        `/api/analyses/${id}/${pick(["complexity", "languages", "history/commits", "history/people"])}` +
        pick(["", "?limit=1", "?before=zzz", "?offset=-3"]),
        "/login",
        `/login?next=${pick(["/scans", "//evil.example", "https://evil.example", encodeURIComponent(junk(8))])}`,
        "/signup",
        "/logout",
        "/account",
        "/account/tokens",
        `/account/tokens/${id}/revoke`,
        "/account/credentials",
        `/account/credentials/${id}/delete`,
        "/scans",
        `/scans?page=${pick(["0", "-1", "1e9", "x", "2"])}`,
        `/api/auth/${pick(["signup", "login", "logout", "logout-all", "x"])}`,
        "/api/me",
        `/api/me/analyses${pick(["", "?limit=0", "?limit=10&offset=-5", "?offset=abc"])}`,
        `/api/me/${pick(["tokens", "credentials", "sessions"])}`,
        `/api/me/tokens/${id}`,
        `/api/me/credentials/${id}`,
        "/health",
        "/health/ready",
        `/assets/${junk(6)}`,
        `/${encodeURIComponent(junk(20))}`,
      ]);
    };
    const bodies = () =>
      pick<BodyInit | undefined>([
        undefined,
        "",
        "{",
        "null",
        "[]",
        '{"repoUrl": 5}',
        JSON.stringify({ repoUrl: junk(30), ref: junk(10), force: "yes" }),
        JSON.stringify({ repoUrl: "https://github.com/a/b", ref: "--upload-pack=x" }),
        JSON.stringify({ at: junk(8) }),
        JSON.stringify({ email: junk(10), password: junk(12) }),
        JSON.stringify({ email: "fuzz@example.com", password: pick(["x", junk(80), "violet kettle harbour"]) }),
        JSON.stringify({ email: `${Math.floor(r() * 1e9)}@example.com`, password: junk(14) }),
        JSON.stringify({ name: junk(20), expiresInDays: pick([0, -1, 1e9, "x", null]) }),
        JSON.stringify({ host: junk(10), token: junk(50), username: junk(5) }),
        JSON.stringify({ repoUrl: repo, token: junk(20) }),
        "email=" + encodeURIComponent(junk(10)) + "&password=" + encodeURIComponent(junk(10)),
        JSON.stringify({ repoUrl: repo, ref: "../../etc" }),
        "repoUrl=" + encodeURIComponent(junk(40)),
        "[".repeat(5000) + "]".repeat(5000),
        new Uint8Array(Array.from({ length: 200 }, () => Math.floor(r() * 256))),
        "x".repeat(70 * 1024), // over the body limit
      ]);
    const contentTypes = [
      "application/json",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=zz",
      "text/plain",
      junk(10).replace(/[^\x21-\x7e]/g, "x"),
      "application/json; charset=utf-9",
    ];
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    const one = async () => {
      const method = pick(["GET", "POST", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]);
      const path = paths();
      const body = method === "GET" || method === "HEAD" ? undefined : bodies();
      const headers: Record<string, string> = { "content-type": pick(contentTypes) };
      if (r() < 0.2) headers["x-request-id"] = junk(30).replace(/[^\x20-\x7e]/g, "");
      if (r() < 0.1) headers["accept"] = junk(20).replace(/[^\x20-\x7e]/g, "");
      const auth = r();
      if (auth < 0.2) headers["authorization"] = `Bearer ${token}`;
      else if (auth < 0.3) headers["cookie"] = cookie;
      else if (auth < 0.35) {
        headers["authorization"] = pick([
          "Bearer",
          "Basic eDp5",
          `Bearer ${junk(30).replace(/[^\x20-\x7e]/g, "")}`,
          "Bearer a.b.c",
        ]);
      } else if (auth < 0.4) headers["cookie"] = `cv_session=${encodeURIComponent(junk(40))}`;
      // Same-site half the time, so form posts get past the CSRF check to the handlers.
      if (r() < 0.5) headers["origin"] = app.url;
      const response = await fetch(`${app.url}${path}`, { method, headers, body });
      // Event streams of an unfinished analysis would stay open; nothing here asks for /events.
      await response.body?.cancel();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status >= 500) failures.push(`${method} ${path} → ${response.status}`);
    };
    const total = 2000;
    let sent = 0;
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (sent < total) {
        sent++;
        await one();
      }
    }));
    assert.deepEqual(failures, [], `seed ${seed}: ${JSON.stringify([...statuses])}`);
    assert.ok(statuses.size > 4, "the requests reached many different outcomes");
  } finally {
    await app.close();
    await Deno.remove(repo, { recursive: true });
  }
});

Deno.test("[security] every page and API answer carries the security headers; big bodies get 413", async () => {
  const app = await startTestApp({ TRUST_PROXY: "1" });
  try {
    for (const path of ["/", "/api/analyses/x", "/nowhere", "/health", "/login", "/signup", "/account", "/scans"]) {
      const response = await fetch(`${app.url}${path}`);
      await response.body?.cancel();
      const csp = response.headers.get("content-security-policy") ?? "";
      assert.match(csp, /script-src 'self'/, path);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.equal(response.headers.get("x-content-type-options"), "nosniff", path);
      assert.equal(response.headers.get("referrer-policy"), "same-origin", path);
      assert.equal(response.headers.get("strict-transport-security"), null, "no HSTS over plain http");
    }
    const https = await fetch(`${app.url}/`, { headers: { "x-forwarded-proto": "https" } });
    await https.body?.cancel();
    assert.match(https.headers.get("strict-transport-security") ?? "", /max-age=31536000/);
    const big = await fetch(`${app.url}/api/analyses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ repoUrl: "x".repeat(100_000) }),
    });
    assert.equal(big.status, 413);
    assert.equal((await big.json()).error.code, "body_too_large");
  } finally {
    await app.close();
  }
});

Deno.test("[security] a form posted from another site is refused (CSRF); the same site's form works", async () => {
  const app = await startTestApp();
  try {
    const form = (headers: Record<string, string>) =>
      fetch(`${app.url}/analyses`, {
        method: "POST",
        headers,
        body: new URLSearchParams({ repoUrl: "ftp://example.com/x" }),
        redirect: "manual",
      });
    const foreign: Record<string, string>[] = [
      {},
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
      { origin: "null" },
    ];
    for (const headers of foreign) {
      const response = await form(headers);
      assert.equal(response.status, 403, JSON.stringify(headers));
      assert.match(await response.text(), /did not come from a page of this site/);
    }
    // Ours gets through to the form's own validation.
    const ours: Record<string, string>[] = [{ origin: app.url }, { "sec-fetch-site": "same-origin" }];
    for (const headers of ours) {
      const response = await form(headers);
      assert.equal(response.status, 400, JSON.stringify(headers));
      await response.body?.cancel();
    }
    // A script's cancel without JSON is a simple cross-site request too: refused; with JSON it is an API call.
    const bare = await fetch(`${app.url}/api/analyses/${crypto.randomUUID()}/cancel`, { method: "POST" });
    assert.equal(bare.status, 403);
    await bare.body?.cancel();
    const json = await fetch(`${app.url}/api/analyses/${crypto.randomUUID()}/cancel`, {
      method: "POST",
      headers: { "content-type": "application/json" },
    });
    assert.equal(json.status, 404);
    await json.body?.cancel();
  } finally {
    await app.close();
  }
});

Deno.test("[security] /api answers CORS only to the configured origins", async () => {
  const app = await startTestApp({ CORS_ORIGINS: "https://app.example.com, https://admin.example.com" });
  try {
    const preflight = (origin: string) =>
      fetch(`${app.url}/api/analyses`, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      });
    const allowed = await preflight("https://app.example.com");
    await allowed.body?.cancel();
    assert.equal(allowed.headers.get("access-control-allow-origin"), "https://app.example.com");
    assert.match(allowed.headers.get("access-control-allow-methods") ?? "", /POST/);
    const other = await preflight("https://evil.example");
    await other.body?.cancel();
    assert.equal(other.headers.get("access-control-allow-origin"), null);
    const page = await fetch(`${app.url}/`, { headers: { origin: "https://app.example.com" } });
    await page.body?.cancel();
    assert.equal(page.headers.get("access-control-allow-origin"), null, "pages are not shared");
  } finally {
    await app.close();
  }
});
