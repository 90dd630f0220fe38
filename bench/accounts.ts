/**
 * Accounts (issue #6), measured: sign-up and login latency (bcrypt cost 12
 * runs off the event loop: other requests keep being answered meanwhile),
 * and what authenticating a request costs (a JWT and its session row, or a
 * personal API token's hash).
 */
import { startApp } from "../app.ts";
import { openAppDatabase } from "../lib/db/connect.ts";
import { parseConfig } from "../lib/env.ts";
import { Figures } from "./figures.ts";
import { freePort, makeBenchDataDir, removeBenchDataDir } from "./project.ts";

const PASSWORD = "violet kettle harbour";

/** p50 / p99 / max of `times` (ms). */
function quantiles(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`;
}

async function timed(run: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const response = await run();
  await response.body?.cancel();
  if (response.status >= 400) throw new Error(`answered ${response.status}`);
  return performance.now() - started;
}

/** Runs the measurements against a web process of its own. */
export async function benchAccounts(): Promise<Figures> {
  const figures = new Figures("accounts");
  const dataDir = await makeBenchDataDir("accounts");
  const base = { DATA_DIR: dataDir, LOG_LEVEL: "error" as const };
  const database = await openAppDatabase(parseConfig(base));
  const app = await startApp(
    parseConfig({
      ...base,
      ROLE: "web",
      PORT: String(freePort()),
      DATABASE_URL: database.url,
      RATE_LIMIT_AUTH_PER_MINUTE: "100000",
      RATE_LIMIT_API_PER_MINUTE: "100000",
    }),
    { database },
  );
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${app.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
  try {
    const signups: number[] = [];
    for (let i = 0; i < 10; i++) {
      signups.push(await timed(() => post("/api/auth/signup", { email: `bench${i}@example.com`, password: PASSWORD })));
    }
    figures.add("sign-up (policy check, bcrypt cost 12, session), 10 sequential", quantiles(signups));

    const logins: number[] = [];
    for (let i = 0; i < 30; i++) {
      logins.push(
        await timed(() => post("/api/auth/login", { email: `bench${i % 10}@example.com`, password: PASSWORD })),
      );
    }
    figures.add("login (bcrypt verify + session), 30 sequential", quantiles(logins));
    const unknown: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      const response = await post("/api/auth/login", { email: `nobody${i}@example.com`, password: PASSWORD });
      await response.body?.cancel();
      unknown.push(performance.now() - started);
    }
    figures.add("login of an unknown address (decoy hash: same time)", quantiles(unknown));

    // Eight logins at once while a health check is timed: the event loop stays free.
    const health: number[] = [];
    let busy = true;
    const probe = (async () => {
      while (busy) health.push(await timed(() => fetch(`${app.url}/health`)));
    })();
    const started = performance.now();
    await Promise.all(
      Array.from(
        { length: 8 },
        (_, i) => timed(() => post("/api/auth/login", { email: `bench${i}@example.com`, password: PASSWORD })),
      ),
    );
    const wall = performance.now() - started;
    busy = false;
    await probe;
    figures.add("8 concurrent logins: wall time", `${wall.toFixed(0)} ms (bcrypt on libuv's thread pool)`);
    figures.add("/health while they ran", quantiles(health));

    const login = await (await post("/api/auth/login", { email: "bench0@example.com", password: PASSWORD })).json();
    const pat = await (await post("/api/me/tokens", { name: "bench" }, { authorization: `Bearer ${login.token}` }))
      .json();
    const measure = async (headers: Record<string, string>, path: string) => {
      const times: number[] = [];
      for (let i = 0; i < 520; i++) {
        const t = await timed(() => fetch(`${app.url}${path}`, { headers }));
        if (i >= 20) times.push(t);
      }
      return quantiles(times);
    };
    figures.add(
      "GET /api/me with a login token (JWT + session row), 500",
      await measure({
        authorization: `Bearer ${login.token}`,
      }, "/api/me"),
    );
    figures.add(
      "GET /api/me with a personal API token (SHA-256 lookup), 500",
      await measure({
        authorization: `Bearer ${pat.token}`,
      }, "/api/me"),
    );
    figures.add("GET /health anonymous, for comparison, 500", await measure({}, "/health"));
  } finally {
    await app.close();
    await database.close();
    await removeBenchDataDir(dataDir);
  }
  return figures;
}
