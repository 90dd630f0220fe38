import { type Context, Hono } from "hono";
import { AuthForm, type AuthFormProps } from "../components/AuthForm.tsx";
import { renderPage } from "../components/render.tsx";
import { logIn, signUp } from "../lib/auth/accounts.ts";
import { revokeSession } from "../lib/auth/sessions.ts";
import { AppError } from "../lib/errors.ts";
import type { AppEnv } from "../lib/web/app_deps.ts";
import { clearSessionCookie, setSessionCookie, startSession } from "../lib/web/auth.ts";
import { enforceAccountLimit } from "../lib/web/rate_limit.ts";
import { credentials } from "./api/auth.ts";
import { readForm } from "../lib/web/validate.ts";

/** Sign-up, log-in and log-out pages (forms; the session is an HttpOnly cookie). */
export const authPages = new Hono<AppEnv>();

for (const mode of ["login", "signup"] as const) {
  authPages.get(`/${mode}`, (c) => {
    if (c.get("user")) return c.redirect(safeNext(c.req.query("next")) ?? "/scans", 303);
    return c.html(page(c, { mode, next: safeNext(c.req.query("next")) }));
  });

  authPages.post(`/${mode}`, async (c) => {
    const deps = c.get("deps");
    const next = safeNext(c.req.query("next"));
    const form = await readForm(c);
    const email = form.email ?? "";
    const parsed = credentials.safeParse({ email, password: form.password });
    try {
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AppError(400, "invalid_request", `${issue.path.join(".")}: ${issue.message}`, String(issue.path[0]));
      }
      await enforceAccountLimit(c, parsed.data.email);
      const user = mode === "signup" ? await signUp(deps.db, parsed.data) : await logIn(deps.db, parsed.data);
      setSessionCookie(c, await startSession(c, user.id, "cookie"));
      return c.redirect(next ?? (mode === "signup" ? "/" : "/scans"), 303);
    } catch (error) {
      if (!(error instanceof AppError) || ![400, 401, 409].includes(error.status)) throw error;
      const status = error.status as 400 | 401 | 409;
      return c.html(page(c, { mode, email, error: error.message, errorField: error.field ?? null, next }), status);
    }
  });
}

authPages.post("/logout", async (c) => {
  const user = c.get("user");
  if (user?.sessionId) await revokeSession(c.get("deps").db, user.sessionId);
  clearSessionCookie(c);
  return c.redirect("/", 303);
});

function page(c: Context<AppEnv>, props: AuthFormProps): string {
  return renderPage(c, { title: props.mode === "signup" ? "Sign up" : "Log in", body: <AuthForm {...props} /> });
}

/**
 * A path of this site to go to after logging in; anything else is dropped:
 * another host (`//evil`, `/\tevil` — browsers drop tabs and newlines), a
 * backslash, control characters (which would not even fit a header).
 */
export function safeNext(next: string | undefined): string | null {
  if (!next || next.length > 500 || !/^\/(?![/\\])[\x21-\x7e]*$/.test(next) || next.includes("\\")) return null;
  return next;
}
