/** Accounts in tests: sign up through the API, call it with a token, post forms as a browser would. */

/** A password the policy accepts. */
export const PASSWORD = "violet kettle harbour";

/** An answer with its JSON body (null when it has none). */
// deno-lint-ignore no-explicit-any -- answers are checked field by field by each test
export type JsonAnswer = { status: number; headers: Headers; body: any };

/** Calls `/api…` with an optional bearer token and JSON body. */
export async function api(
  base: string,
  path: string,
  options: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<JsonAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${base}${path}`, {
    method: options.method ?? (options.body === undefined ? "GET" : "POST"),
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/** A new account (a unique address unless given) and its login token. */
export async function signUp(
  base: string,
  email = `user-${crypto.randomUUID().slice(0, 8)}@example.com`,
  headers: Record<string, string> = {},
): Promise<{ id: string; email: string; token: string }> {
  const answer = await api(base, "/api/auth/signup", { body: { email, password: PASSWORD }, headers });
  if (answer.status !== 201) throw new Error(`sign-up answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return { id: answer.body.user.id, email, token: answer.body.token };
}

/** Posts a form from this site's own page (Origin set), without following the redirect. */
export async function postForm(
  base: string,
  path: string,
  fields: Record<string, string>,
  cookie?: string,
): Promise<Response> {
  return await fetch(`${base}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: base,
      ...(cookie && { cookie }),
    },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

/** GETs a page with an optional session cookie; returns status, HTML and where it redirects. */
export async function getPage(
  base: string,
  path: string,
  cookie?: string,
): Promise<{ status: number; html: string; location: string | null }> {
  const response = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  return { status: response.status, html: await response.text(), location: response.headers.get("location") };
}

/** The `name=value` of the session cookie a response sets. */
export function sessionCookie(response: Response): string {
  const header = response.headers.getSetCookie().find((c) => c.startsWith("cv_session="));
  if (!header) throw new Error("no session cookie was set");
  return header.split(";")[0];
}
