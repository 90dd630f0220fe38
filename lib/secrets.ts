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
  const secret = await keepSecretFile(file, () => {
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  });
  if (secret.length < 32) {
    throw new Error(`${file} holds no usable session secret: delete it and a new one is made (sessions end)`);
  }
  return secret;
}

/**
 * The secret kept in `file` (trimmed), made with `generate` and written with
 * mode 0600 the first time. When several processes start at once the first
 * file written wins and every process reads that one.
 */
export async function keepSecretFile(file: string, generate: () => string): Promise<string> {
  const existing = await readSecretFile(file);
  if (existing) return existing;
  if (existing === null) {
    await fs.mkdir(path.dirname(file), { recursive: true });
    try {
      await Deno.writeTextFile(file, generate() + "\n", { mode: 0o600, createNew: true });
    } catch (error) {
      // Another process created it first: keep theirs.
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
    }
  }
  // The other process may have created the file and not yet written it: give it a moment.
  for (let attempt = 0; attempt < 20; attempt++) {
    const secret = await readSecretFile(file);
    if (secret) return secret;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${file} is empty: delete it and a new secret is made`);
}

async function readSecretFile(file: string): Promise<string | null> {
  try {
    return (await Deno.readTextFile(file)).trim();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}
