import assert from "node:assert/strict";
import path from "node:path";
import { makeGitRepo } from "./support/git_repo.ts";
import { readEvents } from "./support/sse.ts";
import { startTestApp } from "./support/test_app.ts";

const ROOT = path.join(import.meta.dirname!, "..");

Deno.test("[events] progress from a worker in another process reaches the browser's event stream", async () => {
  const web = await startTestApp({ ROLE: "web" });
  const files = Object.fromEntries(
    Array.from({ length: 300 }, (_, i) => [`src/m${i}.ts`, `export const v${i} = ${i};\n`]),
  );
  const repo = await makeGitRepo(files);
  const dataDir = await Deno.makeTempDir();
  let worker: Deno.ChildProcess | null = null;
  try {
    const created = await (await fetch(`${web.url}/api/analyses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ repoUrl: repo }),
    })).json();
    const stream = await fetch(`${web.url}/api/analyses/${created.id}/events`);
    assert.equal(stream.headers.get("content-type"), "text/event-stream");
    const events = readEvents(stream);
    const first = JSON.parse((await events.next()).value!.data);
    assert.equal(first.status, "queued", "no worker runs yet");

    // Only now does a worker start, as a separate process sharing the database.
    worker = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "main.ts"],
      cwd: ROOT,
      env: { ROLE: "worker", DATABASE_URL: web.database.url, DATA_DIR: dataDir, ALLOW_LOCAL_REPOS: "1" },
      stdout: "null",
      stderr: "null",
    }).spawn();

    const seen = [];
    for await (const event of events) {
      assert.equal(event.event, "progress");
      seen.push(JSON.parse(event.data));
    }
    const last = seen.at(-1);
    assert.equal(last.status, "succeeded", JSON.stringify(last));
    assert.equal(last.progress, 1);
    assert.ok(seen.some((e) => e.status === "running" && e.stage === "fetch"), "saw the clone stage");
    assert.ok(seen.some((e) => e.stage === "parse"), "saw the parsing stage");
    const progress = seen.map((e) => e.progress);
    assert.deepEqual(progress, [...progress].sort((a, b) => a - b), "progress never goes back");
  } finally {
    if (worker) {
      worker.kill("SIGTERM");
      const status = await worker.status;
      assert.equal(status.code, 0, "the worker shuts down cleanly on SIGTERM");
    }
    await web.close();
    await Deno.remove(repo, { recursive: true });
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("[events] an unknown analysis has no event stream", async () => {
  const web = await startTestApp({ ROLE: "web" });
  try {
    const response = await fetch(`${web.url}/api/analyses/8a7f3c4e-1111-4222-8333-444455556666/events`);
    assert.equal(response.status, 404);
    assert.equal((await response.json()).error.code, "not_found");
  } finally {
    await web.close();
  }
});

Deno.test("[events] shutting down ends open event streams instead of waiting on them", async () => {
  const web = await startTestApp({ ROLE: "web" });
  const repo = await makeGitRepo({ "a.py": "x = 1\n" });
  let closed = false;
  try {
    // A web process alone: the analysis stays queued.
    const created = await (await fetch(`${web.url}/api/analyses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ repoUrl: repo }),
    })).json();
    const stream = await fetch(`${web.url}/api/analyses/${created.id}/events`);
    const events = readEvents(stream);
    assert.equal(JSON.parse((await events.next()).value!.data).status, "queued");
    const closing = web.close().then(() => closed = true);
    const rest = [];
    for await (const event of events) rest.push(event);
    assert.deepEqual(rest, [], "the stream simply ends; the browser reconnects elsewhere");
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise((resolve) => timer = setTimeout(() => resolve("still open"), 10_000));
    assert.equal(await Promise.race([closing.then(() => "closed"), late]), "closed");
    clearTimeout(timer);
  } finally {
    if (!closed) await web.close();
    await Deno.remove(repo, { recursive: true });
  }
});
