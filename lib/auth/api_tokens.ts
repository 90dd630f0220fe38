/**
 * Personal API tokens for scripts and CI: `cvp_` and 43 random characters
 * (256 bits), shown once; only their SHA-256 is stored (a fast hash is
 * enough for a random secret of that size — bcrypt is for guessable ones).
 */
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import type { CurrentUser } from "./current_user.ts";
import { isUuid } from "../shared/ids.ts";

const PREFIX = "cvp_";
/** A user may hold this many tokens that are not revoked. */
export const MAX_API_TOKENS = 50;

/** A token as lists show it: never the token itself. */
export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

/** True when `value` has the shape of a personal API token. */
export function isApiToken(value: string): boolean {
  return value.startsWith(PREFIX);
}

async function digest(token: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token)));
}

/** Creates a token; the returned `token` is the only time it is seen. */
export async function createApiToken(
  db: Kysely<Database>,
  userId: string,
  input: { name: string; expiresInDays?: number | null },
): Promise<ApiTokenView & { token: string }> {
  const open = await db.selectFrom("api_tokens").select((eb) => eb.fn.countAll<string>().as("n"))
    .where("user_id", "=", userId).where("revoked_at", "is", null).executeTakeFirstOrThrow();
  if (Number(open.n) >= MAX_API_TOKENS) {
    throw new AppError(409, "too_many_tokens", `You have ${MAX_API_TOKENS} tokens; revoke one first`);
  }
  const token = PREFIX + btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))
    .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const row = await db.insertInto("api_tokens").values({
    user_id: userId,
    name: input.name,
    token_hash: await digest(token),
    prefix: token.slice(0, PREFIX.length + 6),
    expires_at: expiresAt,
  }).returningAll().executeTakeFirstOrThrow();
  return { ...toView(row), token };
}

/** A user's tokens that are not revoked, newest first. */
export async function listApiTokens(db: Kysely<Database>, userId: string): Promise<ApiTokenView[]> {
  const rows = await db.selectFrom("api_tokens").selectAll().where("user_id", "=", userId)
    .where("revoked_at", "is", null).orderBy("created_at", "desc").execute();
  return rows.map(toView);
}

/** Revokes one of the user's tokens; false when it is not theirs or already revoked. */
export async function revokeApiToken(db: Kysely<Database>, userId: string, tokenId: string): Promise<boolean> {
  if (!isUuid(tokenId)) return false;
  const result = await db.updateTable("api_tokens").set({ revoked_at: new Date() })
    .where("id", "=", tokenId).where("user_id", "=", userId).where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The user a personal token belongs to, or null (unknown, revoked, expired). */
export async function authenticateApiToken(db: Kysely<Database>, token: string): Promise<CurrentUser | null> {
  if (!isApiToken(token) || token.length > 100) return null;
  const row = await db.selectFrom("api_tokens").innerJoin("users", "users.id", "api_tokens.user_id")
    .select(["api_tokens.id as token_id", "api_tokens.last_used_at", "users.id", "users.email"])
    .where("api_tokens.token_hash", "=", await digest(token)).where("api_tokens.revoked_at", "is", null)
    .where((eb) => eb.or([eb("api_tokens.expires_at", "is", null), eb("api_tokens.expires_at", ">", new Date())]))
    .executeTakeFirst();
  if (!row) return null;
  // Last use to the minute: a write per request would cost more than it tells.
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable("api_tokens").set({ last_used_at: new Date() }).where("id", "=", row.token_id).execute();
  }
  return { id: row.id, email: row.email, via: "api_token", sessionId: null };
}

function toView(row: {
  id: string;
  name: string;
  prefix: string;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
}): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}
