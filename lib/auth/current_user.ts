/** Who sent a request, and with what: the identity every route and rate limit reads. */
export interface CurrentUser {
  id: string;
  email: string;
  /** A session cookie (pages), a login token (Authorization: Bearer <jwt>) or a personal API token. */
  via: "cookie" | "login_token" | "api_token";
  /** The login session the cookie or token belongs to (logout ends it). */
  sessionId: string | null;
}
