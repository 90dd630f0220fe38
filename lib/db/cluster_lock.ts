import fs from "node:fs/promises";
import { isProcessAlive } from "../process.ts";

/** Who runs a cluster: the owning process and, once it listens, its port. */
export interface ClusterOwner {
  pid: number;
  port: number | null;
}

/** The outcome of {@link claimCluster}: ours to start, or another live process's. */
export type Claim = { kind: "ours"; release(): Promise<void>; publish(port: number): Promise<void> } | {
  kind: "theirs";
  owner: ClusterOwner;
};

/** Lock files this process holds: a pid equal to ours in a file we do not hold is stale. */
const held = new Set<string>();

/**
 * Claims the cluster whose lock file is `file`, atomically (O_EXCL): two
 * processes starting at once never both start, initialise or stop it. A lock
 * left by a process that died (or whose pid was reused by a non-Deno process,
 * or by us after a restart) is taken over.
 */
export async function claimCluster(file: string): Promise<Claim> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await Deno.writeTextFile(file, JSON.stringify({ pid: Deno.pid, port: null }), { createNew: true, mode: 0o644 });
      held.add(file);
      return {
        kind: "ours",
        publish: (port) => Deno.writeTextFile(file, JSON.stringify({ pid: Deno.pid, port } satisfies ClusterOwner)),
        async release() {
          held.delete(file);
          await fs.rm(file, { force: true });
        },
      };
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
    }
    const owner = await readOwner(file);
    if (owner && (held.has(file) || (owner.pid !== Deno.pid && await isDenoProcess(owner.pid)))) {
      return { kind: "theirs", owner };
    }
    if (owner || attempt > 0) await fs.rm(file, { force: true });
    else await new Promise((r) => setTimeout(r, 50)); // being written right now
  }
  throw new Error(`Could not claim ${file}`);
}

/** Waits until the owner of `file` publishes its port (it may still be starting). */
export async function waitForPort(file: string, timeoutMs = 60_000): Promise<ClusterOwner | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const owner = await readOwner(file);
    if (!owner || !isProcessAlive(owner.pid)) return null;
    if (owner.port) return owner;
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
}

async function readOwner(file: string): Promise<ClusterOwner | null> {
  try {
    const owner = JSON.parse(await Deno.readTextFile(file));
    return typeof owner?.pid === "number" ? owner : null;
  } catch {
    return null;
  }
}

async function isDenoProcess(pid: number): Promise<boolean> {
  if (!isProcessAlive(pid)) return false;
  try {
    return (await Deno.readTextFile(`/proc/${pid}/cmdline`)).includes("deno");
  } catch {
    return true;
  }
}
