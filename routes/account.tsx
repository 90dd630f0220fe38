import { type Context, Hono } from "hono";
import { AccountPage, type AccountPageProps } from "../components/AccountPage.tsx";
import { renderPage } from "../components/render.tsx";
import { ScanList } from "../components/ScanList.tsx";
import { createApiToken, listApiTokens, revokeApiToken } from "../lib/auth/api_tokens.ts";
import type { CurrentUser } from "../lib/auth/current_user.ts";
import { listSessions, revokeAllSessions } from "../lib/auth/sessions.ts";
import { listUserAnalyses } from "../lib/auth/visibility.ts";
import { deleteCredential, listCredentials, requireCipher, saveCredential } from "../lib/credentials/store.ts";
import { AppError } from "../lib/errors.ts";
import type { AppEnv } from "../lib/web/app_deps.ts";
import { clearSessionCookie } from "../lib/web/auth.ts";
import { credentialRequest, tokenRequest } from "./api/me.ts";
import { readForm } from "../lib/web/validate.ts";

const SCANS_PER_PAGE = 25;

/** The account page (tokens, repository tokens, sessions) and the recent-scans page; both need a login. */
export const accountPages = new Hono<AppEnv>();

accountPages.use("/account/*", signedIn);
accountPages.use("/scans", signedIn);

accountPages.get("/account", async (c) => c.html(await accountPage(c, {})));

accountPages.post("/account/tokens", async (c) => {
  const form = await readForm(c);
  const parsed = tokenRequest.safeParse({
    name: form.name,
    expiresInDays: form.expiresInDays ? Number(form.expiresInDays) : null,
  });
  if (!parsed.success) return c.html(await accountPage(c, { error: `name: ${parsed.error.issues[0].message}` }), 400);
  const created = await createApiToken(c.get("deps").db, user(c).id, parsed.data);
  return c.html(await accountPage(c, { newToken: created.token, notice: `Token “${created.name}” created.` }), 201);
});

accountPages.post("/account/tokens/:tokenId/revoke", async (c) => {
  await revokeApiToken(c.get("deps").db, user(c).id, c.req.param("tokenId"));
  return c.redirect("/account", 303);
});

accountPages.post("/account/credentials", async (c) => {
  const deps = c.get("deps");
  const form = await readForm(c);
  const parsed = credentialRequest.safeParse({
    host: form.host,
    token: form.token?.trim(),
    username: form.username || undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return c.html(await accountPage(c, { error: `${issue.path.join(".")}: ${issue.message}` }), 400);
  }
  const saved = await saveCredential(deps.db, requireCipher(deps.cipher), {
    ...parsed.data,
    userId: user(c).id,
    kind: "account",
  });
  return c.html(await accountPage(c, { notice: `Token for ${saved.host} saved (${saved.hint}).` }), 201);
});

accountPages.post("/account/credentials/:credentialId/delete", async (c) => {
  await deleteCredential(c.get("deps").db, user(c).id, c.req.param("credentialId"));
  return c.redirect("/account", 303);
});

accountPages.post("/account/logout-all", async (c) => {
  await revokeAllSessions(c.get("deps").db, user(c).id);
  clearSessionCookie(c);
  return c.redirect("/login", 303);
});

accountPages.get("/scans", async (c) => {
  const page = Math.min(100_000, Math.max(1, Number.parseInt(c.req.query("page") ?? "1", 10) || 1));
  const { items, total } = await listUserAnalyses(c.get("deps").db, user(c).id, {
    limit: SCANS_PER_PAGE,
    offset: (page - 1) * SCANS_PER_PAGE,
  });
  return c.html(renderPage(c, {
    title: "Recent scans",
    body: <ScanList items={items} total={total} page={page} pageSize={SCANS_PER_PAGE} />,
  }));
});

async function signedIn(c: Context<AppEnv>, next: () => Promise<void>) {
  if (!c.get("user")) {
    if (c.req.method !== "GET") throw new AppError(401, "login_required", "Log in first; your session has ended");
    return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
  }
  await next();
}

function user(c: Context<AppEnv>): CurrentUser {
  return c.get("user")!;
}

async function accountPage(
  c: Context<AppEnv>,
  extra: Pick<AccountPageProps, "newToken" | "notice" | "error">,
): Promise<string> {
  const deps = c.get("deps");
  const { id, email } = user(c);
  const [sessions, tokens, credentials] = await Promise.all([
    listSessions(deps.db, id),
    listApiTokens(deps.db, id),
    listCredentials(deps.db, id),
  ]);
  return renderPage(c, {
    title: "Account",
    body: (
      <AccountPage
        email={email}
        sessions={sessions}
        tokens={tokens}
        credentials={credentials}
        privateRepos={deps.cipher !== null}
        {...extra}
      />
    ),
  });
}
