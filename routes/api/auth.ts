import { Hono } from "hono";
import { z } from "zod";
import { logIn, signUp } from "../../lib/auth/accounts.ts";
import { revokeAllSessions, revokeSession } from "../../lib/auth/sessions.ts";
import { AppError } from "../../lib/errors.ts";
import type { AppEnv } from "../../lib/web/app_deps.ts";
import { requireUser, startSession } from "../../lib/web/auth.ts";
import { enforceAccountLimit } from "../../lib/web/rate_limit.ts";
import { validJson } from "../../lib/web/validate.ts";

/** An e-mail address and a password, as sign-up and login take them. */
export const credentials = z.object({
  email: z.email({ error: "must be an e-mail address" }).max(254),
  password: z.string({ error: "is required" }).min(1, "is required").max(1000),
});

/** `/api/auth`: sign up, log in (a token for `Authorization: Bearer`), log out. */
export const authApi = new Hono<AppEnv>();

authApi.post("/signup", validJson(credentials), async (c) => {
  const deps = c.get("deps");
  const body = c.req.valid("json");
  await enforceAccountLimit(c, body.email);
  const user = await signUp(deps.db, body);
  const session = await startSession(c, user.id, "api");
  return c.json({ user, token: session.token, expiresAt: session.expiresAt.toISOString() }, 201);
});

authApi.post("/login", validJson(credentials), async (c) => {
  const deps = c.get("deps");
  const body = c.req.valid("json");
  await enforceAccountLimit(c, body.email);
  const user = await logIn(deps.db, body);
  const session = await startSession(c, user.id, "api");
  return c.json({ user, token: session.token, expiresAt: session.expiresAt.toISOString() });
});

authApi.post("/logout", async (c) => {
  const user = requireUser(c);
  if (!user.sessionId) {
    throw new AppError(
      400,
      "not_a_session",
      "A personal API token is not a login: revoke it with DELETE /api/me/tokens/:id",
    );
  }
  await revokeSession(c.get("deps").db, user.sessionId);
  return c.body(null, 204);
});

authApi.post("/logout-all", async (c) => {
  const user = requireUser(c);
  return c.json({ revoked: await revokeAllSessions(c.get("deps").db, user.id) });
});
