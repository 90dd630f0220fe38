import { isAllowedGitHost } from "../git/remote_guard.ts";
import path from "node:path";
import { invalidField } from "../errors.ts";

/** A repository location the app may clone, in canonical form. */
export interface RepoLocation {
  /** Canonical URL: the key two submissions of one repository share. */
  url: string;
  /** Short name for pages: `owner/name` or the folder name. */
  displayName: string;
  /** `remote` (https) or `local` (a path on this machine). */
  kind: "remote" | "local";
}

const SHORTHAND = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/**
 * Normalises what a user typed into a repository location: `owner/name`,
 * `github.com/owner/name`, and `https://github.com/owner/name(.git)` are one
 * repository. Local paths and `file://` URLs are accepted only when allowed.
 * Throws a 400 naming `field` otherwise.
 */
export function normalizeRepoUrl(
  input: string,
  options: { allowLocal: boolean; field?: string },
): RepoLocation {
  const field = options.field ?? "repoUrl";
  const raw = input.trim();
  if (raw === "") throw invalidField(field, "is required");
  if (raw.length > 2048) throw invalidField(field, "is too long");
  // deno-lint-ignore no-control-regex -- control characters are what we refuse
  if (/[\x00-\x1f\x7f]/.test(raw)) throw invalidField(field, "must not contain control characters");

  if (raw.startsWith("file://") || raw.startsWith("/") || raw.startsWith("./") || raw.startsWith("../")) {
    if (!options.allowLocal) {
      throw invalidField(field, "local paths are not accepted here; use an https:// git URL");
    }
    const local = raw.startsWith("file://") ? filePath(raw, field) : path.resolve(raw);
    const clean = local.length > 1 ? local.replace(/\/+$/, "") : local;
    return { url: `file://${clean}`, displayName: path.basename(clean) || clean, kind: "local" };
  }
  if (/\s/.test(raw)) throw invalidField(field, "must not contain spaces");
  if (SHORTHAND.test(raw) && !raw.includes("..")) return github(raw.replace(/\.git$/, ""));

  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalidField(field, "is not a valid URL or owner/name");
  }
  if (url.protocol !== "https:") {
    throw invalidField(field, `only https:// URLs are accepted (got ${url.protocol.replace(":", "")})`);
  }
  if (url.username || url.password) {
    throw invalidField(field, "must not contain credentials; private repositories use a stored token");
  }
  if (url.search || url.hash) throw invalidField(field, "must not contain a query or fragment");
  const host = url.hostname.toLowerCase();
  if (!HOSTNAME.test(host) && !isAllowedGitHost(host)) throw invalidField(field, "has no valid host name");
  if (isInternalAddress(host)) throw invalidField(field, "must not point at a private or local network address");
  const segments = url.pathname.split("/").filter(Boolean);
  if (segments.length < 1 || segments.some((s) => s === "." || s === "..")) {
    throw invalidField(field, "must name a repository path, e.g. https://github.com/owner/name");
  }
  segments[segments.length - 1] = segments[segments.length - 1].replace(/\.git$/, "");
  if (host === "github.com" || host === "www.github.com") {
    if (segments.length < 2) throw invalidField(field, "must name owner/name on github.com");
    return github(segments.slice(0, 2).join("/"));
  }
  const port = url.port ? `:${url.port}` : "";
  return {
    url: `https://${host}${port}/${segments.join("/")}`,
    displayName: segments.slice(-2).join("/"),
    kind: "remote",
  };
}

/** The path of a `file://` URL; a host part (file://server/x) is refused. */
function filePath(raw: string, field: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidField(field, "is not a valid file URL");
  }
  if (url.host !== "") throw invalidField(field, "file URLs must not name a host (use file:///path)");
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    throw invalidField(field, "is not a valid file URL");
  }
}

/**
 * IPv4 literals in loopback, private, link-local, CGNAT or unspecified ranges.
 * (Names that resolve to such addresses are refused at connect time, issue #6.)
 */
function isInternalAddress(host: string): boolean {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return false;
  const [a, b] = parts.map(Number);
  return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
}

function github(ownerName: string): RepoLocation {
  // GitHub names are case-insensitive; lower-casing makes one key per repository.
  const key = ownerName.toLowerCase();
  return { url: `https://github.com/${key}`, displayName: ownerName, kind: "remote" };
}

const REF = /^(?!-)(?!.*\.\.)(?!.*\/\/)(?!.*@\{)[A-Za-z0-9._\/+-]{1,200}(?<![./])$/;

/** Validates a branch, tag or commit name (no option injection, git's rules). */
export function validateRef(input: string | undefined, field = "ref"): string | null {
  const ref = input?.trim() ?? "";
  if (ref === "") return null;
  if (!REF.test(ref) || ref.endsWith(".lock")) {
    throw invalidField(field, "is not a valid branch, tag or commit name");
  }
  return ref;
}
