/** Where the benchmarks run: the project root, scratch folders, ports and child environments. */
import fs from "node:fs/promises";
import path from "node:path";

/** The project checkout the benchmarks measure. */
export const ROOT = path.resolve(import.meta.dirname!, "..");

/**
 * A fresh DATA_DIR under the project's git-ignored `.data/`: as root the
 * embedded cluster would move to /var/lib/codevoyage for a folder postgres
 * cannot reach (a 0700 mktemp dir), which is not the path users take.
 */
export async function makeBenchDataDir(label: string): Promise<string> {
  const dir = path.join(ROOT, ".data", `bench-${Deno.pid}-${label}`);
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true, mode: 0o755 });
  return dir;
}

/** Removes a DATA_DIR made by {@link makeBenchDataDir}, cluster included. */
export async function removeBenchDataDir(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
}

/** Cache folder outside the repository for generated inputs that outlive a run. */
export function cacheDir(): string {
  return path.join(Deno.env.get("TMPDIR") || "/tmp", "codevoyage-bench");
}

/** A TCP port nobody listens on right now. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/**
 * This process's environment plus `extra`, without the variables that would
 * point the app at an outside database or Redis: we measure the embedded path.
 */
export function childEnv(extra: Record<string, string>): Record<string, string> {
  const env = Deno.env.toObject();
  for (const name of ["DATABASE_URL", "REDIS_URL", "PORT", "DATA_DIR", "ROLE"]) delete env[name];
  return { ...env, ...extra };
}
