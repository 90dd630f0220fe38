import assert from "node:assert/strict";
import path from "node:path";
import { isProcessAlive } from "../lib/process.ts";

const ROOT = path.join(import.meta.dirname!, "..");

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

function start(env: Record<string, string>): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts"],
    cwd: ROOT,
    env: { LOG_LEVEL: "warning", DATABASE_URL: "", ALLOW_LOCAL_REPOS: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

async function waitReady(port: number, child: Deno.ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
      await response.body?.cancel();
      if (response.status === 200) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill("SIGKILL");
  throw new Error("the app did not become ready");
}

async function postmasterPid(dataDir: string): Promise<number | null> {
  const text = await Deno.readTextFile(path.join(dataDir, "postgres", "postmaster.pid")).catch(() => null);
  return text ? Number(text.split("\n")[0]) : null;
}

Deno.test("[start] the embedded database survives restarts, refuses a second start and recovers from a kill", async () => {
  // Under the project's .data so that, as root, the postgres user can reach it.
  const dataDir = path.join(ROOT, ".data", `start-test-${crypto.randomUUID().slice(0, 8)}`);
  const port = freePort();
  const first = start({ PORT: String(port), DATA_DIR: dataDir });
  try {
    await waitReady(port, first);
    const created = await (await fetch(`http://127.0.0.1:${port}/api/analyses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ repoUrl: "/nonexistent/repo" }),
    })).json();

    const samePort = await start({ PORT: String(port), DATA_DIR: dataDir }).output();
    assert.equal(samePort.code, 1);
    assert.match(new TextDecoder().decode(samePort.stderr), new RegExp(`Port ${port} .* already in use`));

    const sameData = await start({ PORT: String(freePort()), DATA_DIR: dataDir }).output();
    assert.equal(sameData.code, 1);
    assert.match(new TextDecoder().decode(sameData.stderr), /data folder .* is in use by process \d+/);

    const postgres = await postmasterPid(dataDir);
    assert.ok(postgres && isProcessAlive(postgres));
    first.kill("SIGTERM");
    assert.equal((await first.status).code, 0, "SIGTERM shuts down cleanly");
    assert.equal(isProcessAlive(postgres), false, "the embedded Postgres stopped with the app");

    // A killed app leaves its Postgres behind; the next start deals with it.
    const killed = start({ PORT: String(port), DATA_DIR: dataDir });
    await waitReady(port, killed);
    const orphan = await postmasterPid(dataDir);
    killed.kill("SIGKILL");
    await killed.status;
    assert.ok(orphan && isProcessAlive(orphan), "the orphan outlives its app");
    const again = start({ PORT: String(port), DATA_DIR: dataDir });
    await waitReady(port, again);
    const kept = await fetch(`http://127.0.0.1:${port}/api/analyses/${created.id}`);
    assert.equal(kept.status, 200, "data from the first run is still there");
    await kept.body?.cancel();
    again.kill("SIGTERM");
    assert.equal((await again.status).code, 0);
    assert.equal(isProcessAlive(orphan), false);
  } finally {
    for (const child of [first]) {
      try {
        child.kill("SIGKILL");
      } catch { /* already exited */ }
    }
    await first.stdout.cancel().catch(() => {});
    await first.stderr.cancel().catch(() => {});
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
});
