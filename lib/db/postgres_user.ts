/** Running postgres as root: it refuses to, so it runs as the `postgres` user, which must reach its folder. */
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { runCommand } from "../process.ts";

/** Names the folder a root fallback cluster really lives in, inside the folder asked for. */
export const LOCATION_FILE = "postgres.location";

/** The uid/gid to run postgres as: it refuses to run as root. */
export async function postgresUser(): Promise<{ uid: number; gid: number } | null> {
  if (Deno.uid() !== 0) return null;
  let id = await runCommand("id", ["-u", "postgres"]);
  if (id.code !== 0) {
    const made = await runCommand("useradd", [
      "--system",
      "--user-group",
      "--no-create-home",
      "--shell",
      "/usr/sbin/nologin",
      "postgres",
    ]);
    if (made.code !== 0) {
      throw new Error(`Running as root, and could not create a 'postgres' user: ${made.stderr}`);
    }
    id = await runCommand("id", ["-u", "postgres"]);
  }
  const gid = await runCommand("id", ["-g", "postgres"]);
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * As root, postgres runs as the `postgres` user, which must be able to reach its
 * folder. When the project sits under a private folder (e.g. /root or a mktemp
 * dir) we keep the cluster in /var/lib/codevoyage instead of loosening the
 * permissions of folders we do not own.
 */
export async function traversableStateDir(
  dir: string,
  user: { uid: number; gid: number },
  info: (m: string) => void,
): Promise<string> {
  if (await isTraversableBy(dir, user)) {
    await fs.chmod(dir, 0o755);
    return dir;
  }
  const id = createHash("sha256").update(dir).digest("hex").slice(0, 12);
  const fallback = path.join("/var/lib/codevoyage", id);
  await fs.mkdir(fallback, { recursive: true, mode: 0o755 });
  await fs.chmod("/var/lib/codevoyage", 0o755);
  info(`${dir} is not reachable by the postgres user; keeping the cluster in ${fallback}`);
  // A pointer for people (and tools) looking for the data where they asked for it.
  await fs.writeFile(path.join(dir, LOCATION_FILE), fallback + "\n");
  return fallback;
}

async function isTraversableBy(dir: string, user: { uid: number; gid: number }): Promise<boolean> {
  let current = path.dirname(dir);
  while (true) {
    const st = await fs.stat(current);
    const mode = st.mode & 0o777;
    const ok = st.uid === user.uid
      ? (mode & 0o100) !== 0
      : st.gid === user.gid
      ? (mode & 0o010) !== 0
      : (mode & 0o001) !== 0;
    if (!ok) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}
