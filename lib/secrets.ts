import fs from "node:fs/promises";
import path from "node:path";
import type { Config } from "./env.ts";

/**
 * The key that signs sessions: `SESSION_SECRET` when set (required in
 * production, see env.ts), otherwise one generated once and kept with the
 * local data so sessions survive restarts in development.
 */
export async function resolveSessionSecret(config: Config): Promise<string> {
  if (config.SESSION_SECRET) return config.SESSION_SECRET;
  const file = path.resolve(config.DATA_DIR, "session-secret");
  try {
    const existing = (await Deno.readTextFile(file)).trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  const secret = Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, "0"))
    .join("");
  try {
    await Deno.writeTextFile(file, secret + "\n", { mode: 0o600, createNew: true });
  } catch (error) {
    // Another process wrote it first: keep theirs.
    if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
  }
  return (await Deno.readTextFile(file)).trim();
}
