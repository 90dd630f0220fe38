/**
 * A real git server over https on 127.0.0.1, for tests of private
 * repositories: git's own `git-http-backend` (smart HTTP) run as CGI behind
 * `Deno.serve` with a self-signed certificate, answering only requests that
 * carry the right HTTP Basic credentials.
 */
import path from "node:path";
import { runCommand } from "../../lib/process.ts";

const HTTP_BACKEND = "/usr/lib/git-core/git-http-backend";

/** A running server; `close` stops it and removes its certificate. */
export interface GitHttpsServer {
  /** `https://localhost:PORT`: a repository `<root>/x.git` is at `${origin}/x.git`. */
  origin: string;
  /** The server's self-signed certificate (PEM): the CA file a client must trust. */
  caFile: string;
  /** Every request seen, with the user it authenticated as (null: no or wrong credentials). */
  requests: { method: string; path: string; user: string | null }[];
  close(): Promise<void>;
}

/**
 * Serves the bare repositories under `root` to `username`/`password`.
 * `onRequest` runs on every request before it is answered, while the client
 * (git) is waiting for the answer.
 */
export async function startGitHttpsServer(options: {
  root: string;
  username: string;
  password: string;
  onRequest?: (request: Request) => void | Promise<void>;
}): Promise<GitHttpsServer> {
  const certDir = await Deno.makeTempDir({ prefix: "codevoyage-tls-" });
  const caFile = path.join(certDir, "cert.pem");
  const keyFile = path.join(certDir, "key.pem");
  const made = await runCommand("openssl", [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-days",
    "1",
    "-subj",
    "/CN=localhost",
    "-addext",
    "subjectAltName=DNS:localhost,IP:127.0.0.1",
    "-keyout",
    keyFile,
    "-out",
    caFile,
  ]);
  if (made.code !== 0) throw new Error(`openssl could not make a certificate: ${made.stderr}`);
  const expected = `Basic ${btoa(`${options.username}:${options.password}`)}`;
  const requests: GitHttpsServer["requests"] = [];
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    cert: await Deno.readTextFile(caFile),
    key: await Deno.readTextFile(keyFile),
    onListen: () => {},
  }, async (request) => {
    await options.onRequest?.(request);
    const url = new URL(request.url);
    const user = request.headers.get("authorization") === expected ? options.username : null;
    requests.push({ method: request.method, path: url.pathname, user });
    if (!user) {
      return new Response("Authentication required\n", {
        status: 401,
        headers: { "www-authenticate": 'Basic realm="git"' },
      });
    }
    return await runHttpBackend(request, options.root, user);
  });
  return {
    origin: `https://localhost:${server.addr.port}`,
    caFile,
    requests,
    async close() {
      await server.shutdown();
      await Deno.remove(certDir, { recursive: true });
    },
  };
}

/** Answers `request` with git-http-backend, as a CGI script. */
async function runHttpBackend(request: Request, root: string, user: string): Promise<Response> {
  const url = new URL(request.url);
  const env: Record<string, string> = {
    PATH: "/usr/bin:/bin",
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: "1",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    REQUEST_METHOD: request.method,
    CONTENT_TYPE: request.headers.get("content-type") ?? "",
    REMOTE_USER: user,
    REMOTE_ADDR: "127.0.0.1",
  };
  // Request headers reach a CGI script as HTTP_*; the protocol version git asks for is one (Git-Protocol).
  for (const [name, value] of request.headers) env[`HTTP_${name.toUpperCase().replaceAll("-", "_")}`] = value;
  const protocol = request.headers.get("git-protocol");
  if (protocol) env.GIT_PROTOCOL = protocol;
  const child = new Deno.Command(HTTP_BACKEND, {
    env,
    clearEnv: true,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const body = request.body ? new Uint8Array(await request.arrayBuffer()) : new Uint8Array();
  const writer = child.stdin.getWriter();
  await writer.write(body);
  await writer.close();
  const output = await child.output();
  if (!output.success) {
    return new Response(new TextDecoder().decode(output.stderr), { status: 500 });
  }
  return parseCgiOutput(output.stdout);
}

/** A CGI script's output: header lines, a blank line, the body. `Status:` sets the status. */
function parseCgiOutput(stdout: Uint8Array): Response {
  const text = new TextDecoder("latin1").decode(stdout);
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return new Response("git-http-backend wrote no headers", { status: 502 });
  const headers = new Headers();
  let status = 200;
  for (const line of text.slice(0, match.index).split(/\r?\n/)) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === "status") status = parseInt(value, 10);
    else headers.append(name, value);
  }
  // latin1 maps each byte to one character: the offset in the text is the offset in the bytes.
  return new Response(stdout.slice(match.index + match[0].length), { status, headers });
}
