/**
 * Rate limits: one middleware, declared tiers, one store interface with two
 * implementations — Redis when REDIS_URL is set (atomic across every web
 * process), Postgres otherwise. Fixed windows: a key may be hit `limit` times
 * per window. Answers 429 with Retry-After and RateLimit-* headers (a
 * readable page for forms, through the app's error handler).
 *
 * Policy when Redis fails at runtime: the limit is counted in Postgres for
 * that request (and logged), never a 500 and never unlimited.
 */
import type { Context, MiddlewareHandler } from "hono";
import { getConnInfo } from "hono/deno";
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import type { Config } from "../env.ts";
import { AppError } from "../errors.ts";
import { getLogger } from "../log.ts";
import type { AppEnv } from "./app_deps.ts";

const log = getLogger("ratelimit");

/** What a store says after counting one hit. */
export interface Hit {
  /** Hits of this key in the current window, this one included. */
  count: number;
  /** Milliseconds until the window ends. */
  resetMs: number;
}

/** Counts hits per key and window, atomically. */
export interface RateLimitStore {
  hit(key: string, windowMs: number): Promise<Hit>;
}

/** Counters in Postgres: one upsert per hit. */
export function postgresRateLimits(db: Kysely<Database>): RateLimitStore {
  return {
    async hit(key, windowMs) {
      const seconds = windowMs / 1000;
      const row = await sql<{ hits: number; reset_ms: number }>`
        insert into rate_limits (key, window_start, hits) values (${key}, now(), 1)
        on conflict (key) do update set
          hits = case when rate_limits.window_start <= now() - make_interval(secs => ${seconds})
            then 1 else rate_limits.hits + 1 end,
          window_start = case when rate_limits.window_start <= now() - make_interval(secs => ${seconds})
            then now() else rate_limits.window_start end
        returning hits,
          greatest(0, extract(epoch from window_start + make_interval(secs => ${seconds}) - now()) * 1000)::float8
            as reset_ms`.execute(db);
      return { count: row.rows[0].hits, resetMs: Math.ceil(row.rows[0].reset_ms) };
    },
  };
}

/** The part of a node-redis client the Redis store uses. */
export interface RedisScripting {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

const INCREMENT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}`;

/** Counters in Redis: INCR and its expiry in one script, so every web process counts the same key. */
export function redisRateLimits(client: RedisScripting): RateLimitStore {
  return {
    async hit(key, windowMs) {
      const [count, ttl] = await client.eval(INCREMENT, {
        keys: [`codevoyage:rl:${key}`],
        arguments: [String(windowMs)],
      }) as [number, number];
      return { count: Number(count), resetMs: Number(ttl) };
    },
  };
}

/** Redis first; Postgres for a request when Redis fails or does not answer within `timeoutMs`. */
export function withFallback(primary: RateLimitStore, fallback: RateLimitStore, timeoutMs = 1000): RateLimitStore {
  return {
    async hit(key, windowMs) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        return await Promise.race([
          primary.hit(key, windowMs),
          new Promise<never>((_, reject) => timer = setTimeout(() => reject(new Error("timed out")), timeoutMs)),
        ]);
      } catch (error) {
        log.warn("Redis rate limit failed ({error}); counting in Postgres", { error: String(error) });
        return await fallback.hit(key, windowMs);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** A declared limit: `limit` requests per `windowMs`. */
export interface Tier {
  name: string;
  limit: number;
  windowMs: number;
}

/**
 * The client's address: the connection's, or behind a trusted proxy the last
 * X-Forwarded-For hop — the one our proxy appended. Earlier hops come from
 * the client and could be anything.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

/** The declared tiers, requests per minute each, from the configuration. */
export function tiers(config: Config): Record<"submit" | "auth" | "ai" | "api", Tier> {
  const perMinute = (name: string, limit: number): Tier => ({ name, limit, windowMs: 60_000 });
  return {
    // Analysis submissions: the expensive requests.
    submit: perMinute("submit", config.RATE_LIMIT_SUBMIT_PER_MINUTE),
    // Logins and sign-ups, counted per address and per account (password guessing).
    auth: perMinute("auth", config.RATE_LIMIT_AUTH_PER_MINUTE),
    // Chat and AI endpoints: each request costs model tokens.
    ai: perMinute("ai", config.RATE_LIMIT_AI_PER_MINUTE),
    // Everything under /api.
    api: perMinute("api", config.RATE_LIMIT_API_PER_MINUTE),
  };
}

/** Who a limit counts: the signed-in user, else the client's address. */
export function requester(c: Context<AppEnv>): string {
  const user = c.get("user");
  return user ? `user:${user.id}` : `ip:${clientAddress(c, c.get("deps").config.TRUST_PROXY)}`;
}

/**
 * Counts one request of `tier` for `subject` and throws a 429 (with
 * Retry-After) past the limit; sets the RateLimit-* headers either way.
 */
export async function enforceLimit(c: Context<AppEnv>, tier: Tier, subject: string): Promise<void> {
  const { count, resetMs } = await c.get("deps").rateLimits.hit(`${tier.name}:${subject}`, tier.windowMs);
  const reset = Math.max(1, Math.ceil(resetMs / 1000));
  c.header("RateLimit-Limit", String(tier.limit));
  c.header("RateLimit-Remaining", String(Math.max(0, tier.limit - count)));
  c.header("RateLimit-Reset", String(reset));
  if (count > tier.limit) {
    c.header("Retry-After", String(reset));
    throw new AppError(
      429,
      "rate_limited",
      `Too many requests: at most ${tier.limit} per ${Math.round(tier.windowMs / 1000)} s. Try again in ${reset} s.`,
    );
  }
}

/** How many times the per-address login limit one account may take from all addresses together. */
export const ACCOUNT_LIMIT_FACTOR = 5;

/**
 * Logins and sign-ups for one account (the e-mail, lower-cased): besides the
 * per-address limit, at most {@link ACCOUNT_LIMIT_FACTOR}× it from every
 * address together — guessing from many addresses stops, while one attacker
 * address cannot lock the owner out (their own address still has its share).
 */
export async function enforceAccountLimit(c: Context<AppEnv>, email: string): Promise<void> {
  const auth = tiers(c.get("deps").config).auth;
  await enforceLimit(
    c,
    { ...auth, name: "auth-account", limit: auth.limit * ACCOUNT_LIMIT_FACTOR },
    `account:${email.trim().toLowerCase()}`,
  );
}

/**
 * Limits requests of `tier` per user (per client address when anonymous), or
 * per address whoever asks (`"address"`: logins and sign-ups).
 */
export function rateLimit(tier: Tier, by: "requester" | "address" = "requester"): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const subject = by === "address" ? `ip:${clientAddress(c, c.get("deps").config.TRUST_PROXY)}` : requester(c);
    await enforceLimit(c, tier, subject);
    await next();
  };
}
