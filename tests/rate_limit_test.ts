import assert from "node:assert/strict";
import { startRedisServer } from "./support/redis_server.ts";
import { postJson, startTestApp } from "./support/test_app.ts";
import { api, signUp } from "./support/accounts.ts";

const redisUrl = Deno.env.get("TEST_REDIS_URL");

/** A submission that is a 400 (an ftp URL): counted by the limit, and no work is queued. */
const submit = (url: string, headers: Record<string, string> = {}) =>
  postJson(`${url}/api/analyses`, { repoUrl: "ftp://nowhere/x" }, headers);

/** Five submissions a minute per address: the sixth is a 429 with its headers. */
async function checkSubmitTier(urls: string[]) {
  const answers = [];
  for (let i = 0; i < 7; i++) answers.push(await submit(urls[i % urls.length]));
  assert.deepEqual(answers.map((a) => a.status), [400, 400, 400, 400, 400, 429, 429]);
  const limited = answers[5];
  assert.equal(limited.body.error.code, "rate_limited");
  assert.equal(limited.headers.get("ratelimit-limit"), "5");
  assert.equal(limited.headers.get("ratelimit-remaining"), "0");
  const retry = Number(limited.headers.get("retry-after"));
  assert.ok(retry >= 1 && retry <= 60, `Retry-After ${retry}`);
  assert.equal(answers[0].headers.get("ratelimit-remaining"), "4");
}

/** Login and sign-up per address and per account, submissions per user, the AI tier: across two processes. */
async function checkAccountTiers(urls: string[]) {
  const at = (i: number) => urls[i % urls.length];
  const address = () =>
    `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  const login = (i: number, email: string, from: string) =>
    api(at(i), "/api/auth/login", {
      body: { email, password: "wrong password" },
      headers: { "x-forwarded-for": from },
    });

  const one = address();
  const byAddress = [];
  for (let i = 0; i < 4; i++) byAddress.push((await login(i, `${crypto.randomUUID()}@example.com`, one)).status);
  assert.deepEqual(byAddress, [401, 401, 401, 429], "three logins a minute per address");
  const page = await fetch(`${at(0)}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: at(0), "x-forwarded-for": one },
    body: "email=a%40example.com&password=x",
  });
  assert.equal(page.status, 429);
  assert.match(page.headers.get("content-type") ?? "", /text\/html/);
  assert.match(await page.text(), /Too many requests/, "a readable page for forms");

  // One account from many addresses: five times the per-address limit, then 429 (guessing from a botnet stops).
  const email = `${crypto.randomUUID()}@example.com`;
  const byAccount = [];
  for (let i = 0; i < 16; i++) byAccount.push((await login(i, email, address())).status);
  assert.deepEqual(byAccount, [...Array(15).fill(401), 429], "fifteen a minute per account, whatever the address");

  // Submissions count per user: two users behind one address each have their own allowance.
  const shared = address();
  const ada = await signUp(at(0), undefined, { "x-forwarded-for": address() });
  const bob = await signUp(at(1), undefined, { "x-forwarded-for": address() });
  const as = (token: string, i: number) =>
    api(at(i), "/api/analyses", {
      token,
      body: { repoUrl: "ftp://nowhere/x" },
      headers: { "x-forwarded-for": shared },
    });
  const adas = [];
  for (let i = 0; i < 3; i++) adas.push((await as(ada.token, i)).status);
  assert.deepEqual(adas, [400, 400, 429]);
  assert.equal((await as(bob.token, 0)).status, 400, "Bob is not limited by Ada's submissions");

  // The AI tier is tighter than the general API (the routes come with the AI issues; the tier is declared now).
  const ai = [];
  const id = crypto.randomUUID();
  for (let i = 0; i < 3; i++) ai.push((await api(at(i), `/api/analyses/${id}/chat`, { token: ada.token })).status);
  assert.deepEqual(ai, [404, 404, 429]);
}

const tierEnv = {
  ROLE: "web",
  // Several web processes must share the key that signs sessions (each test app has its own DATA_DIR).
  SESSION_SECRET: "a-session-secret-shared-by-both-web-processes",
  TRUST_PROXY: "1",
  RATE_LIMIT_AUTH_PER_MINUTE: "3",
  RATE_LIMIT_SUBMIT_PER_MINUTE: "2",
  RATE_LIMIT_AI_PER_MINUTE: "2",
};

Deno.test("[ratelimit] Postgres: login per address and account, submissions per user, the AI tier", async () => {
  const first = await startTestApp(tierEnv);
  const second = await startTestApp(tierEnv, first.database);
  try {
    await checkAccountTiers([first.url, second.url]);
  } finally {
    await second.close();
    await first.close();
  }
});

Deno.test({
  name: "[ratelimit] Redis: login per address and account, submissions per user, the AI tier",
  ignore: !redisUrl,
  async fn() {
    const first = await startTestApp({ ...tierEnv, REDIS_URL: redisUrl! });
    const second = await startTestApp({ ...tierEnv, REDIS_URL: redisUrl! }, first.database);
    try {
      await checkAccountTiers([first.url, second.url]);
      const rows = await first.database.db.selectFrom("rate_limits").selectAll().execute();
      assert.equal(rows.length, 0, "counted in Redis, not Postgres");
    } finally {
      await second.close();
      await first.close();
    }
  },
});

Deno.test("[ratelimit] Postgres: submissions are limited per address, shared by two web processes", async () => {
  const first = await startTestApp({ ROLE: "web", RATE_LIMIT_SUBMIT_PER_MINUTE: "5" });
  const second = await startTestApp({ ROLE: "web", RATE_LIMIT_SUBMIT_PER_MINUTE: "5" }, first.database);
  try {
    await checkSubmitTier([first.url, second.url]);
    // Reading is not a submission: the health check still answers.
    const health = await fetch(`${first.url}/health`);
    await health.body?.cancel();
    assert.equal(health.status, 200);
  } finally {
    await second.close();
    await first.close();
  }
});

Deno.test({
  name: "[ratelimit] Redis: the same limits across two web processes",
  ignore: !redisUrl,
  async fn() {
    const env = { ROLE: "web", REDIS_URL: redisUrl!, RATE_LIMIT_SUBMIT_PER_MINUTE: "5", TRUST_PROXY: "1" };
    const first = await startTestApp(env);
    const second = await startTestApp(env, first.database);
    try {
      // A key of its own in the shared Redis: this run's address.
      const address = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
      const answers = [];
      for (let i = 0; i < 6; i++) {
        const app = i % 2 ? first : second;
        answers.push((await submit(app.url, { "x-forwarded-for": address })).status);
      }
      assert.deepEqual(answers, [400, 400, 400, 400, 400, 429]);
      const rows = await first.database.db.selectFrom("rate_limits").selectAll().execute();
      assert.equal(rows.filter((r) => r.key.includes(address)).length, 0, "counted in Redis, not Postgres");
    } finally {
      await second.close();
      await first.close();
    }
  },
});

Deno.test({
  name: "[ratelimit] Redis going down at runtime: no 500s, limits still counted (in Postgres)",
  ignore: !redisUrl,
  async fn() {
    const cleanups: (() => Promise<unknown>)[] = [];
    const ownRedis = await startRedisServer(cleanups);
    assert.ok(ownRedis);
    const app = await startTestApp({ ROLE: "web", REDIS_URL: ownRedis!, RATE_LIMIT_SUBMIT_PER_MINUTE: "5" });
    try {
      assert.equal((await submit(app.url)).status, 400);
      for (const cleanup of cleanups) await cleanup(); // Redis stops
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await submit(app.url)).status);
      assert.ok(!statuses.some((s) => s >= 500), JSON.stringify(statuses));
      assert.equal(statuses.at(-1), 429, "still limited");
    } finally {
      await app.close();
    }
  },
});
