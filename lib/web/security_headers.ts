/**
 * Security headers on every response, and a body size limit on every request:
 * a CSP that lets pages run only our own scripts (the islands' boot script is
 * a file of ours, no inline script exists), no framing, no MIME sniffing, no
 * referrer leaks to other sites, and HSTS when the app is reached over https.
 */
import type { MiddlewareHandler } from "hono";
import { isHttps } from "./auth.ts";
import type { AppEnv } from "./app_deps.ts";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../errors.ts";

/** The Content-Security-Policy of every page. Progress bars set a width with a style attribute. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Adds the security headers to whatever the route answered. */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    c.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("X-Frame-Options", "DENY");
    c.header("Referrer-Policy", "same-origin");
    c.header("Cross-Origin-Opener-Policy", "same-origin");
    // Behind a trusted TLS-terminating proxy the request reaches us as http with X-Forwarded-Proto: https.
    if (isHttps(c)) c.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  };
}

/** Requests with a body larger than this are refused with 413 before they are read. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Refuses request bodies over {@link MAX_BODY_BYTES} with a 413 the error handler renders. */
export function limitBodies(): MiddlewareHandler {
  return bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new AppError(413, "body_too_large", `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB`);
    },
  });
}

const SAFE_METHOD = /^(GET|HEAD|OPTIONS)$/;
/** Bodies a browser sends across sites without asking first (a form, or a "simple" request). */
const SIMPLE_BODY = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\b/i;

/**
 * CSRF protection: a state-changing request a browser could send from another
 * site without a preflight (a form post, or a request with no or a simple
 * content type) must come from this site — `Sec-Fetch-Site: same-origin`, or
 * an `Origin` whose host is the one the request was sent to. JSON requests
 * need a CORS preflight, which no other origin passes; scripts send JSON. A
 * request with an Authorization header is not a browser's ambient credential
 * (no page can add that header across sites without a preflight either).
 */
export function sameSiteForms(): MiddlewareHandler {
  return async (c, next) => {
    const formLike = !SAFE_METHOD.test(c.req.method) && SIMPLE_BODY.test(c.req.header("content-type") || "text/plain");
    if (formLike && c.req.header("authorization") === undefined) {
      const site = c.req.header("sec-fetch-site");
      const origin = c.req.header("origin");
      const host = c.req.header("host") ?? new URL(c.req.url).host;
      let sameHost = false;
      try {
        sameHost = origin !== undefined && new URL(origin).host === host;
      } catch { /* not a URL: not this site */ }
      if (site !== "same-origin" && !sameHost) {
        throw new AppError(
          403,
          "cross_site_request",
          "This request did not come from a page of this site. Reload the page and send it again " +
            "(scripts: send JSON with Content-Type: application/json).",
        );
      }
    }
    await next();
  };
}
