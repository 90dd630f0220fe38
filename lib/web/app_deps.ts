import type { Kysely } from "kysely";
import type pg from "pg";
import type { Database } from "../db/schema.ts";
import type { Config } from "../env.ts";
import type { ProgressListener } from "../pipeline/progress_listener.ts";
import type { ResolveRef } from "../pipeline/submit.ts";
import type { RateLimitStore } from "./rate_limit.ts";
import type { Assets } from "./assets.ts";
import type { CurrentUser } from "../auth/current_user.ts";
import type { CredentialCipher } from "../credentials/cipher.ts";

/** Everything a request handler may use; built once by main.ts (or a test). */
export interface AppDeps {
  config: Config;
  db: Kysely<Database>;
  pool: pg.Pool;
  progress: ProgressListener;
  /** Counts requests for the rate limits (Redis when configured, else Postgres). */
  rateLimits: RateLimitStore;
  /** Resolves a submitted ref to its commit (remembered for REF_CACHE_SECONDS). */
  resolveRef: ResolveRef;
  assets: Assets;
  /** Signs session tokens (HS256). */
  sessionSecret: string;
  /** Seals repository tokens; null in production without CREDENTIALS_KEYS (private repositories are off). */
  cipher: CredentialCipher | null;
  /** Aborted when the process shuts down: long-lived responses end. */
  closing: AbortSignal;
  /** Answers a Redis PING, when Redis is configured. */
  pingRedis?: () => Promise<void>;
  /** True while this process's job runner is running (ROLE all or worker). */
  workerRunning?: () => boolean;
}

/** Hono's environment type for this app. */
export type AppEnv = { Variables: { deps: AppDeps; requestId: string; user: CurrentUser | null } };
