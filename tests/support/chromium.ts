/** Finding (and, on a CI-like machine, installing) Debian's chromium for browser tests. */
import { runCommand } from "../../lib/process.ts";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** The path of an installed chromium, or null. */
export async function findChromium(): Promise<string | null> {
  const configured = Deno.env.get("CHROMIUM_PATH");
  for (const candidate of configured ? [configured, ...CANDIDATES] : CANDIDATES) {
    if (await Deno.stat(candidate).then((s) => s.isFile, () => false)) return candidate;
  }
  return null;
}

/**
 * Installs Debian's chromium when we are root with apt-get (CI, containers);
 * elsewhere returns null and the browser tests are ignored.
 */
export async function installChromium(say: (line: string) => void): Promise<string | null> {
  if (Deno.uid() !== 0 || (await runCommand("apt-get", ["--version"])).code !== 0) return null;
  say("installing Debian's chromium for the browser tests (apt-get, once per machine)…");
  const env = { ...Deno.env.toObject(), DEBIAN_FRONTEND: "noninteractive" };
  const update = await runCommand("apt-get", ["update", "-qq"], { env });
  const install = await runCommand("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], { env });
  if (install.code !== 0) {
    say(`apt-get could not install chromium: ${(install.stderr || update.stderr).trim().split("\n").at(-1)}`);
    return null;
  }
  return await findChromium();
}
