import { Hono } from "hono";
import { z } from "zod";
import { createApiToken, listApiTokens, revokeApiToken } from "../../lib/auth/api_tokens.ts";
import { findUser } from "../../lib/auth/accounts.ts";
import { listSessions } from "../../lib/auth/sessions.ts";
import { listUserAnalyses } from "../../lib/auth/visibility.ts";
import { deleteCredential, listCredentials, requireCipher, saveCredential } from "../../lib/credentials/store.ts";
import { AppError, notFound } from "../../lib/errors.ts";
import type { AppEnv } from "../../lib/web/app_deps.ts";
import { requireUser } from "../../lib/web/auth.ts";
import { pageQuery, validJson, validQuery } from "../../lib/web/validate.ts";

/** A new personal API token. */
export const tokenRequest = z.object({
  name: z.string({ error: "is required" }).trim().min(1, "is required").max(100),
  expiresInDays: z.number().int().min(1).max(3650).nullable().optional(),
});

/** A repository token kept on the account for one git host. */
export const credentialRequest = z.object({
  host: z.string({ error: "is required" }).trim().toLowerCase()
    .regex(/^[a-z0-9.-]+(:\d{1,5})?$/, "must be a host name such as github.com").max(253),
  token: z.string({ error: "is required" }).min(1, "is required").max(1000)
    .regex(/^[\x21-\x7e]+$/, "must be a token without spaces"),
  username: z.string().min(1).max(100).regex(/^[\w.@-]+$/, "has characters a username cannot").optional(),
});

/** `/api/me`: the signed-in user, their scans, API tokens, repository tokens and sessions. */
export const meApi = new Hono<AppEnv>();

// A leaked personal API token must not mint tokens that outlive its revocation, nor change repository tokens:
// managing them takes a login (a session cookie or a login token).
for (const path of ["/tokens", "/tokens/*", "/credentials", "/credentials/*"]) {
  meApi.on(["POST", "DELETE"], path, async (c, next) => {
    if (requireUser(c).via === "api_token") {
      throw new AppError(403, "login_required", "Managing tokens takes a login, not a personal API token");
    }
    await next();
  });
}

meApi.get("/", async (c) => {
  const user = requireUser(c);
  return c.json({ ...await findUser(c.get("deps").db, user.id), via: user.via });
});

meApi.get("/analyses", validQuery(pageQuery), async (c) => {
  const user = requireUser(c);
  const page = c.req.valid("query");
  const { items, total } = await listUserAnalyses(c.get("deps").db, user.id, page);
  return c.json({ items, total, limit: page.limit, offset: page.offset });
});

meApi.get("/sessions", async (c) => c.json({ items: await listSessions(c.get("deps").db, requireUser(c).id) }));

meApi.get("/tokens", async (c) => c.json({ items: await listApiTokens(c.get("deps").db, requireUser(c).id) }));

meApi.post("/tokens", validJson(tokenRequest), async (c) => {
  const user = requireUser(c);
  return c.json(await createApiToken(c.get("deps").db, user.id, c.req.valid("json")), 201);
});

meApi.delete("/tokens/:tokenId", async (c) => {
  const user = requireUser(c);
  if (!await revokeApiToken(c.get("deps").db, user.id, c.req.param("tokenId"))) throw notFound("Token");
  return c.body(null, 204);
});

meApi.get("/credentials", async (c) => c.json({ items: await listCredentials(c.get("deps").db, requireUser(c).id) }));

meApi.post("/credentials", validJson(credentialRequest), async (c) => {
  const user = requireUser(c);
  const deps = c.get("deps");
  const body = c.req.valid("json");
  const saved = await saveCredential(deps.db, requireCipher(deps.cipher), {
    ...body,
    userId: user.id,
    kind: "account",
  });
  return c.json(saved, 201);
});

meApi.delete("/credentials/:credentialId", async (c) => {
  const user = requireUser(c);
  if (!await deleteCredential(c.get("deps").db, user.id, c.req.param("credentialId"))) throw notFound("Credential");
  return c.body(null, 204);
});
