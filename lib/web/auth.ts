/**
 * Who is asking: a personal API token or a login token in `Authorization:
 * Bearer`, or the session cookie of a page. A bearer that does not check
 * out is a 401 (a script should know); a stale cookie is dropped and the
 * page is served to an anonymous visitor.
 */
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { authenticateApiToken, isApiToken } from "../auth/api_tokens.ts";
import type { CurrentUser } from "../auth/current_user.ts";
import { authenticateSession, createSession, type IssuedSession } from "../auth/sessions.ts";
import { AppError } from "../errors.ts";
import type { AppEnv } from "./app_deps.ts";

/** The session cookie's name. */
export const SESSION_COOKIE = "cv_session";

/** Paths that never need to know the user: no query for them. */
const ANONYMOUS_PATHS = /^\/(assets|health)\//;

/** Sets `user` (or null) for every request that may need it. */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("user", null);
    if (ANONYMOUS_PATHS.test(c.req.path)) return await next();
    const { db, sessionSecret } = c.get("deps");
    const header = c.req.header("authorization");
    if (header !== undefined) {
      const token = /^Bearer +([\w.~+/=-]{1,4096}) *$/i.exec(header)?.[1];
      const user = token === undefined
        ? null
        : isApiToken(token)
        ? await authenticateApiToken(db, token)
        : await authenticateSession(db, sessionSecret, token, "login_token");
      if (!user) {
        c.header("WWW-Authenticate", 'Bearer realm="codevoyage", error="invalid_token"');
        throw new AppError(401, "invalid_token", "The token is malformed, expired or revoked; log in again");
      }
      c.set("user", user);
      return await next();
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) {
      const user = await authenticateSession(db, sessionSecret, cookie, "cookie");
      if (user) c.set("user", user);
      else deleteCookie(c, SESSION_COOKIE, { path: "/" });
    }
    await next();
  };
}

/** The signed-in user, or a 401 `login_required`. */
export function requireUser(c: Context<AppEnv>): CurrentUser {
  const user = c.get("user");
  if (!user) throw new AppError(401, "login_required", "Log in first (a session cookie or Authorization: Bearer)");
  return user;
}

/** True when the request reached us over https (directly, or through a trusted TLS-terminating proxy). */
export function isHttps(c: Context<AppEnv>): boolean {
  if (new URL(c.req.url).protocol === "https:") return true;
  return c.get("deps").config.TRUST_PROXY && c.req.header("x-forwarded-proto") === "https";
}

/** Starts a login for `userId` from this request (its user agent, the configured lifetime). */
export async function startSession(
  c: Context<AppEnv>,
  userId: string,
  kind: "cookie" | "api",
): Promise<IssuedSession> {
  const { db, sessionSecret, config } = c.get("deps");
  return await createSession(db, sessionSecret, {
    userId,
    kind,
    ttlHours: config.SESSION_TTL_HOURS,
    userAgent: c.req.header("user-agent"),
  });
}

/** Gives the browser its session cookie: HttpOnly, SameSite=Lax, Secure behind https and always in production. */
export function setSessionCookie(c: Context<AppEnv>, session: IssuedSession): void {
  setCookie(c, SESSION_COOKIE, session.token, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: isHttps(c) || c.get("deps").config.DENO_ENV === "production",
    expires: session.expiresAt,
  });
}

/** Removes the session cookie. */
export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: isHttps(c) });
}
