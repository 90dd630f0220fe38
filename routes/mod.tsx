import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { ErrorPage } from "../components/ErrorPage.tsx";
import { renderPage } from "../components/render.tsx";
import { AppError } from "../lib/errors.ts";
import { getLogger, withLogContext } from "../lib/log.ts";
import type { AppDeps, AppEnv } from "../lib/web/app_deps.ts";
import { limitBodies, sameSiteForms, securityHeaders } from "../lib/web/security_headers.ts";
import { rateLimit, tiers } from "../lib/web/rate_limit.ts";
import { authenticate } from "../lib/web/auth.ts";
import { assertCanSee } from "../lib/auth/visibility.ts";
import { authApi } from "./api/auth.ts";
import { meApi } from "./api/me.ts";
import { accountPages } from "./account.tsx";
import { authPages } from "./auth_pages.tsx";
import { analyses } from "./analyses.tsx";
import { analysisViews } from "./views/mod.ts";
import { analysesApi } from "./api/analyses.ts";
import { health } from "./health.ts";
import { home } from "./home.tsx";

const log = getLogger("http");
/** Views of an analysis that call a model: the AI tier applies (chat, docs, insights, reviews). */
const AI_VIEWS = ["chat", "docs", "insights", "reviews", "onboarding"];
const REQUEST_ID = /^[\w.:-]{1,100}$/;

/** Builds the web app: pages, `/api`, health checks and assets. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use(requestId({ generator: () => crypto.randomUUID(), limitLength: 100 }));
  app.use(async (c, next) => {
    c.set("deps", deps);
    // One id for the access line, the response header and the jobs this request queues.
    const given = c.get("requestId");
    const id = REQUEST_ID.test(given) ? given : crypto.randomUUID();
    c.set("requestId", id);
    c.header("X-Request-Id", id);
    await withLogContext({ requestId: id }, async () => {
      const start = performance.now();
      await next();
      log.info("{method} {path} {status} {ms}ms", {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - start),
      });
    });
  });

  app.use(securityHeaders());
  app.use(limitBodies());
  app.use(sameSiteForms());
  app.use(authenticate());
  // Answers that carry tokens or account data are never stored by a browser or a proxy.
  for (const path of ["/api/auth/*", "/api/me/*", "/account/*", "/login", "/signup", "/scans"]) {
    app.use(path, async (c, next) => {
      await next();
      c.header("Cache-Control", "no-store");
    });
  }
  // Browsers on the listed origins may call /api (with preflight); any other origin gets no CORS headers.
  const corsOrigins = (deps.config.CORS_ORIGINS ?? "").split(",").map((o) => o.trim()).filter(Boolean);
  app.use(
    "/api/*",
    cors({
      origin: (origin) => corsOrigins.includes(origin) ? origin : null,
      allowMethods: ["GET", "POST", "DELETE", "OPTIONS"],
      allowHeaders: ["Content-Type", "Authorization", "X-Request-Id"],
      exposeHeaders: ["X-Request-Id", "Location", "Retry-After"],
      maxAge: 600,
    }),
  );

  app.get("/assets/:file", (c) => {
    const asset = deps.assets.files.get(c.req.path);
    if (!asset) return c.text("Not found", 404);
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, {
      "content-type": asset.contentType,
      "cache-control": "public, max-age=31536000, immutable",
    });
  });
  // Declared tiers (lib/web/rate_limit.ts), per user or, anonymous, per address; logins per address and account.
  const tier = tiers(deps.config);
  const submit = rateLimit(tier.submit);
  const auth = rateLimit(tier.auth, "address");
  const ai = rateLimit(tier.ai);
  app.use("/api/*", rateLimit(tier.api));
  // Everything that queues an analysis job counts as a submission.
  for (
    const path of [
      "/api/analyses",
      "/analyses",
      "/api/analyses/:id/snapshots",
      "/api/analyses/:id/retry",
      "/analyses/:id/timeline/*",
    ]
  ) {
    app.post(path, submit);
  }
  for (const path of ["/api/auth/login", "/api/auth/signup", "/login", "/signup"]) app.post(path, auth);
  for (const view of AI_VIEWS) app.use(`/api/analyses/:id/${view}/*`, ai);
  // Private analyses: an id the requester may not see is answered exactly as an unknown one.
  for (const path of ["/api/analyses/:id/*", "/analyses/:id/*"]) {
    app.use(path, async (c, next) => {
      const { private: isPrivate } = await assertCanSee(deps.db, c.req.param("id")!, c.get("user")?.id ?? null);
      await next();
      // A private analysis's pages and data are never kept by a shared cache, nor served to another user.
      if (isPrivate) {
        c.header("Cache-Control", "private, no-store");
        c.header("Vary", "Cookie, Authorization");
      }
    });
  }

  app.route("/health", health);
  app.route("/api/analyses", analysesApi);
  app.route("/api/auth", authApi);
  app.route("/api/me", meApi);
  app.route("/", authPages);
  app.route("/", accountPages);
  app.route("/analyses", analysisViews);
  app.route("/analyses", analyses);
  app.route("/", home);

  app.notFound((c) => {
    if (isApi(c.req.path)) return c.json({ error: { code: "not_found", message: "No such endpoint" } }, 404);
    return c.html(errorPage(c, 404, "Page not found", "There is nothing at this address."), 404);
  });

  app.onError((error, c) => {
    const known = toKnownError(error);
    if (!known) {
      log.error("unhandled error on {method} {path}: {error}", { method: c.req.method, path: c.req.path, error });
    }
    const status = known?.status ?? 500;
    const code = known?.code ?? "internal_error";
    const message = known?.message ?? "Something went wrong on our side. It has been logged.";
    if (isApi(c.req.path)) {
      return c.json({ error: { code, message, ...(known?.field && { field: known.field }) } }, status);
    }
    const title = status === 404 ? "Not found" : status >= 500 ? "Something went wrong" : "That did not work";
    return c.html(errorPage(c, status, title, message), status);
  });
  return app;
}

function isApi(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

type KnownError = {
  status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503;
  code: string;
  message: string;
  field?: string;
};

function toKnownError(error: Error): KnownError | null {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    const status = error.status as KnownError["status"];
    return { status, code: status === 400 ? "invalid_request" : "http_error", message: error.message || "Bad request" };
  }
  return null;
}

function errorPage(c: Context<AppEnv>, status: number, title: string, message: string): string {
  return renderPage(c, { title, body: <ErrorPage status={status} title={title} message={message} /> });
}
