import { z } from "zod";

const booleanFlag = z
  .enum(["0", "1", "true", "false", ""])
  .default("0")
  .transform((v) => v === "1" || v === "true");

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  HOST: z.string().default("127.0.0.1"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  ROLE: z.enum(["all", "web", "worker"]).default("all"),
  ALLOW_LOCAL_REPOS: booleanFlag,
  /** Behind one reverse proxy: the client address is the last X-Forwarded-For hop, https is X-Forwarded-Proto. */
  TRUST_PROXY: booleanFlag,
  RATE_LIMIT_SUBMIT_PER_MINUTE: z.coerce.number().int().min(1).default(5),
  RATE_LIMIT_API_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** Login and sign-up attempts per minute, per address and per account. */
  RATE_LIMIT_AUTH_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** Chat and AI requests per minute, per user (per address when anonymous). */
  RATE_LIMIT_AI_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** How long a login lasts (the session cookie and the token of POST /api/auth/login). */
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(24 * 7),
  /**
   * Keys that encrypt stored repository tokens (AES-256-GCM): base64 of 32 random bytes, comma-separated,
   * the first encrypts and all decrypt (rotation). Unset: a key generated in DATA_DIR, except in production.
   */
  CREDENTIALS_KEYS: z.string().regex(/^[A-Za-z0-9+/=_-]+(,[A-Za-z0-9+/=_-]+)*$/, "must be base64 keys, comma-separated")
    .optional(),
  /** A CA bundle (PEM) git trusts for https remotes besides the system's: an operator's own git server. */
  GIT_CA_FILE: z.string().min(1).optional(),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  DENO_ENV: z.enum(["development", "production", "test"]).default(
    "development",
  ),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters")
    .optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  LOG_LEVEL: z.enum(["debug", "info", "warning", "error"]).default("info"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  CLONE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(300),
  HISTORY_MAX_COMMITS: z.coerce.number().int().min(1).max(1_000_000).default(20_000),
  REF_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(0),
  HEARTBEAT_TIMEOUT_SECONDS: z.coerce.number().int().min(2).max(86_400).default(120),
  MIN_FREE_DISK_MB: z.coerce.number().int().min(0).default(500),
  MAX_FETCH_MB: z.coerce.number().int().min(1).default(2048),
  /** Origins (https://app.example.com, comma-separated) whose pages may call /api from a browser. */
  CORS_ORIGINS: z.string().optional(),
  /** Internal git hosts that may be cloned all the same (comma-separated names or addresses). */
  ALLOWED_GIT_HOSTS: z.string().optional(),
  /** A DNS server ("ip:port") to resolve repository hosts with instead of the system's. */
  DNS_SERVER: z.string().regex(/^[0-9a-fA-F.:]+:\d+$/, "must be ip:port").optional(),
});

/** The validated, frozen process configuration. */
export type Config = Readonly<z.infer<typeof schema>>;

/** A configuration error that names the offending variables. */
export class ConfigError extends Error {}

/**
 * Parses an environment record into a Config, or throws a ConfigError whose
 * message names each bad variable. Empty strings count as unset.
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const result = schema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join("\n")}`);
  }
  if (result.data.DENO_ENV === "production" && !result.data.SESSION_SECRET) {
    throw new ConfigError(
      "Invalid environment:\n  SESSION_SECRET: required when DENO_ENV=production (at least 32 characters)",
    );
  }
  return Object.freeze(result.data);
}

/** Reads and validates this process's environment, once. */
export function readConfig(): Config {
  return parseConfig(Deno.env.toObject());
}

/**
 * The search path for programs we run (git, timeout). Child processes get a
 * clean environment with only this, never the server's secrets.
 */
export const SYSTEM_PATH: string = Deno.env.get("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
