import assert from "node:assert/strict";
import path from "node:path";
import { clusterFolder } from "../lib/db/embedded.ts";
import { isProcessAlive } from "../lib/process.ts";

const ROOT = path.join(import.meta.dirname!, "..");

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

const children: Deno.ChildProcess[] = [];

function start(env: Record<string, string>): Deno.ChildProcess {
  return track(new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts"],
    cwd: ROOT,
    env: { LOG_LEVEL: "warning", DATABASE_URL: "", ALLOW_LOCAL_REPOS: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).spawn());
}

async function removeDataDir(dataDir: string): Promise<void> {
  const cluster = await clusterFolder(dataDir);
  for (const dir of new Set([cluster, dataDir])) await Deno.remove(dir, { recursive: true }).catch(() => {});
}

function track(child: Deno.ChildProcess): Deno.ChildProcess {
  children.push(child);
  return child;
}

async function killAll(): Promise<void> {
  for (const child of children.splice(0)) {
    try {
      child.kill("SIGKILL");
    } catch { /* already exited */ }
    await child.stdout.cancel().catch(() => {});
    await child.stderr.cancel().catch(() => {});
    await child.status;
  }
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
  const cluster = await clusterFolder(dataDir);
  const text = await Deno.readTextFile(path.join(cluster, "postgres", "postmaster.pid")).catch(() => null);
  return text ? Number(text.split("\n")[0]) : null;
}

Deno.test("[start] the embedded database survives restarts, refuses a second start and recovers from a kill", async () => {
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
    await killAll();
    await removeDataDir(dataDir);
  }
});

Deno.test("[start] two starts at once on a new data folder: one runs, the other says why not", async () => {
  const dataDir = path.join(ROOT, ".data", `start-test-${crypto.randomUUID().slice(0, 8)}`);
  const ports = [freePort(), freePort()];
  try {
    const [a, b] = ports.map((port) => start({ PORT: String(port), DATA_DIR: dataDir }));
    const outcome = await Promise.race([
      a.status.then(() => ({ loser: a, winner: b, port: ports[1] })),
      b.status.then(() => ({ loser: b, winner: a, port: ports[0] })),
    ]);
    const lost = await outcome.loser.output();
    assert.equal(lost.code, 1);
    assert.match(new TextDecoder().decode(lost.stderr), /data folder .* is in use by process \d+/);
    await waitReady(outcome.port, outcome.winner);
    outcome.winner.kill("SIGTERM");
    assert.equal((await outcome.winner.status).code, 0);
  } finally {
    await killAll();
    await removeDataDir(dataDir);
  }
});
