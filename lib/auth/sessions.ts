/**
 * Login sessions: a signed JWT (HS256, the session secret) names a row of
 * `sessions`; the row is checked on every request, so logging out (one
 * session) or out everywhere (all of a user's) ends a token before it
 * expires, and an expired or revoked row ends it even if the signature holds.
 */
import { sign, verify } from "hono/jwt";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import type { CurrentUser } from "./current_user.ts";
import { isUuid } from "../shared/ids.ts";

/** A new login's token and when it ends. */
export interface IssuedSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

/** Starts a session for `userId` and signs its token. */
export async function createSession(
  db: Kysely<Database>,
  secret: string,
  input: { userId: string; kind: "cookie" | "api"; ttlHours: number; userAgent?: string | null },
): Promise<IssuedSession> {
  const expiresAt = new Date(Date.now() + input.ttlHours * 3600_000);
  // Sessions that ended long ago are of no use: each login clears its user's.
  await db.deleteFrom("sessions").where("user_id", "=", input.userId)
    .where((eb) => eb.or([eb("expires_at", "<", new Date()), eb("revoked_at", "is not", null)])).execute();
  const row = await db.insertInto("sessions").values({
    user_id: input.userId,
    kind: input.kind,
    user_agent: input.userAgent?.slice(0, 300) ?? null,
    expires_at: expiresAt,
  }).returning("id").executeTakeFirstOrThrow();
  const token = await sign(
    {
      sub: input.userId,
      sid: row.id,
      typ: input.kind,
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(expiresAt.getTime() / 1000),
    },
    secret,
    "HS256",
  );
  return { token, sessionId: row.id, expiresAt };
}

/** The user a session token stands for, or null: bad signature, expired, revoked, malformed. */
export async function authenticateSession(
  db: Kysely<Database>,
  secret: string,
  token: string,
  via: "cookie" | "login_token",
): Promise<CurrentUser | null> {
  let payload: Record<string, unknown>;
  try {
    payload = await verify(token, secret, "HS256");
  } catch {
    return null;
  }
  const { sub, sid, typ } = payload;
  // A cookie's token is not a bearer token and the other way round: each is accepted only where it was issued.
  if (typ !== (via === "cookie" ? "cookie" : "api")) return null;
  if (typeof sub !== "string" || typeof sid !== "string" || !isUuid(sub) || !isUuid(sid)) return null;
  const row = await db.selectFrom("sessions").innerJoin("users", "users.id", "sessions.user_id")
    .select(["users.id", "users.email"])
    .where("sessions.id", "=", sid).where("sessions.user_id", "=", sub)
    .where("sessions.revoked_at", "is", null).where("sessions.expires_at", ">", new Date())
    .executeTakeFirst();
  return row ? { id: row.id, email: row.email, via, sessionId: sid } : null;
}

/** Ends one session (logout). */
export async function revokeSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.updateTable("sessions").set({ revoked_at: new Date() })
    .where("id", "=", sessionId).where("revoked_at", "is", null).execute();
}

/** Ends every session of a user (log out everywhere); returns how many were open. */
export async function revokeAllSessions(db: Kysely<Database>, userId: string): Promise<number> {
  const result = await db.updateTable("sessions").set({ revoked_at: new Date() })
    .where("user_id", "=", userId).where("revoked_at", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A user's sessions still open, newest first (the account page lists them). */
export async function listSessions(
  db: Kysely<Database>,
  userId: string,
): Promise<{ id: string; kind: string; userAgent: string | null; createdAt: Date; expiresAt: Date }[]> {
  const rows = await db.selectFrom("sessions").select(["id", "kind", "user_agent", "created_at", "expires_at"])
    .where("user_id", "=", userId).where("revoked_at", "is", null).where("expires_at", ">", new Date())
    .orderBy("created_at", "desc").limit(100).execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    userAgent: r.user_agent,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  }));
}
