import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { ErrorPage } from "../components/ErrorPage.tsx";
import { renderPage } from "../components/render.tsx";
import { AppError } from "../lib/errors.ts";
import { getLogger, withLogContext } from "../lib/log.ts";
import type { AppDeps, AppEnv } from "../lib/web/app_deps.ts";
import { limitBodies, sameSiteForms, securityHeaders } from "../lib/web/security_headers.ts";
import { rateLimit } from "../lib/web/rate_limit.ts";
import { analyses } from "./analyses.tsx";
import { analysesApi } from "./api/analyses.ts";
import { health } from "./health.ts";
import { home } from "./home.tsx";

const log = getLogger("http");
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
  // Browsers on the listed origins may call /api (with preflight); any other origin gets no CORS headers.
  const corsOrigins = (deps.config.CORS_ORIGINS ?? "").split(",").map((o) => o.trim()).filter(Boolean);
  app.use(
    "/api/*",
    cors({
      origin: (origin) => corsOrigins.includes(origin) ? origin : null,
      allowMethods: ["GET", "POST", "OPTIONS"],
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
  // Declared tiers: submissions are the expensive requests; the rest of /api has a general limit.
  const minute = 60_000;
  const submit = rateLimit({ name: "submit", limit: deps.config.RATE_LIMIT_SUBMIT_PER_MINUTE, windowMs: minute });
  app.use("/api/*", rateLimit({ name: "api", limit: deps.config.RATE_LIMIT_API_PER_MINUTE, windowMs: minute }));
  app.post("/api/analyses", submit);
  app.post("/analyses", submit);

  app.route("/health", health);
  app.route("/api/analyses", analysesApi);
  app.route("/analyses", analyses);
  app.route("/", home);

  app.notFound((c) => {
    if (isApi(c.req.path)) return c.json({ error: { code: "not_found", message: "No such endpoint" } }, 404);
    return c.html(errorPage(deps, 404, "Page not found", "There is nothing at this address."), 404);
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
    return c.html(errorPage(deps, status, title, message), status);
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

function errorPage(deps: AppDeps, status: number, title: string, message: string): string {
  return renderPage(deps.assets, { title, body: <ErrorPage status={status} title={title} message={message} /> });
}
