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
  if (/[\s\0]/.test(raw)) throw invalidField(field, "must not contain spaces or control characters");

  if (raw.startsWith("file://") || raw.startsWith("/") || raw.startsWith("./") || raw.startsWith("../")) {
    if (!options.allowLocal) {
      throw invalidField(field, "local paths are not accepted here; use an https:// git URL");
    }
    const local = raw.startsWith("file://") ? decodeURIComponent(new URL(raw).pathname) : path.resolve(raw);
    const clean = local.length > 1 ? local.replace(/\/+$/, "") : local;
    return { url: `file://${clean}`, displayName: path.basename(clean) || clean, kind: "local" };
  }
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
  if (!HOSTNAME.test(host)) throw invalidField(field, "has no valid host name");
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
