import assert from "node:assert/strict";
import { startTestApp } from "./support/test_app.ts";

const redisUrl = Deno.env.get("TEST_REDIS_URL");

Deno.test("[health] /health answers and /health/ready reports each dependency", async () => {
  const app = await startTestApp();
  try {
    assert.deepEqual(await (await fetch(`${app.url}/health`)).json(), { status: "ok" });
    const ready = await fetch(`${app.url}/health/ready`);
    assert.equal(ready.status, 200);
    const body = await ready.json();
    assert.equal(body.status, "ready");
    for (const name of ["database", "queue", "events", "worker"]) assert.equal(body.checks[name].status, "ok", name);
    assert.equal(body.checks.redis.status, "disabled", "no REDIS_URL, no Redis check");
  } finally {
    await app.close();
  }
});

Deno.test({
  name: "[health] a configured Redis is checked for real",
  ignore: !redisUrl,
  async fn() {
    const app = await startTestApp({ REDIS_URL: redisUrl! });
    try {
      const ready = await fetch(`${app.url}/health/ready`);
      const body = await ready.json();
      assert.equal(ready.status, 200, JSON.stringify(body));
      assert.equal(body.checks.redis.status, "ok");
    } finally {
      await app.close();
    }
  },
});

Deno.test("[health] an unreachable Redis makes the app unready, not broken", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const closedPort = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const app = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${closedPort}` });
  try {
    const ready = await fetch(`${app.url}/health/ready`);
    assert.equal(ready.status, 503);
    const body = await ready.json();
    assert.equal(body.status, "unavailable");
    assert.equal(body.checks.redis.status, "error");
    assert.equal(body.checks.database.status, "ok");
    const home = await fetch(app.url);
    assert.equal(home.status, 200, "pages still work");
    await home.body?.cancel();
  } finally {
    await app.close();
  }
});
