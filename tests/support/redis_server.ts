/** A private, memory-only redis-server for the test run, when one is installed. */
import { runCommand } from "../../lib/process.ts";

/** Starts redis-server on a free port and returns its URL, or null without one. */
export async function startRedisServer(cleanups: (() => Promise<unknown>)[]): Promise<string | null> {
  if ((await runCommand("redis-server", ["--version"])).code !== 0) return null;
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const child = new Deno.Command("redis-server", {
    args: ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no", "--daemonize", "no"],
    stdout: "null",
    stderr: "null",
  }).spawn();
  cleanups.push(async () => {
    child.kill("SIGTERM");
    await child.status;
  });
  for (let i = 0; i < 100; i++) {
    try {
      (await Deno.connect({ hostname: "127.0.0.1", port })).close();
      return `redis://127.0.0.1:${port}`;
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  return null;
}
