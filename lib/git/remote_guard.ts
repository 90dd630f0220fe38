/**
 * Server-side request forgery guard for git remotes: the host of an https
 * URL is resolved here, refused when any of its addresses is internal
 * (loopback, private, link-local, CGNAT, multicast, documentation, IPv6
 * unique-local …), and git is then pinned to the address that was checked
 * (`http.curloptResolve`), with redirects off — so a DNS answer that changes
 * between our check and git's connection (rebinding) cannot reach inside.
 */
import path from "node:path";
import { AnalysisError } from "../pipeline/analysis_error.ts";

/** Where DNS questions go: the system's resolver, or a server given by DNS_SERVER (tests, air-gapped sites). */
let nameServer: { ipAddr: string; port: number } | undefined;
/** Hosts the operator trusts although they are internal (a company's own git server): ALLOWED_GIT_HOSTS. */
let allowed = new Set<string>();
/** A CA bundle (PEM) git trusts for https remotes: an operator's private CA (GIT_CA_FILE). */
let caFile: string | undefined;

/**
 * Sets the DNS server to ask ("ip:port"; the system's when undefined), the
 * internal hosts that may be cloned all the same, and a CA file git trusts.
 */
export function configureRemoteGuard(
  options: { dnsServer?: string; allowHosts?: string[]; caFile?: string },
): void {
  allowed = new Set((options.allowHosts ?? []).map((host) => host.trim().toLowerCase()).filter(Boolean));
  // git runs in the mirror's folder: a relative path would be read from there.
  caFile = options.caFile ? path.resolve(options.caFile) : undefined;
  if (!options.dnsServer) {
    nameServer = undefined;
    return;
  }
  const at = options.dnsServer.lastIndexOf(":");
  nameServer = { ipAddr: options.dnsServer.slice(0, at), port: Number(options.dnsServer.slice(at + 1)) };
}

/** True for a host the operator listed in ALLOWED_GIT_HOSTS (it may be a single-label name such as `git`). */
export function isAllowedGitHost(host: string): boolean {
  return allowed.has(host.toLowerCase());
}

/**
 * The git configuration that sends an https fetch to the checked address and
 * nowhere else, trusting the operator's CA file when there is one.
 */
export async function pinnedRemoteConfig(url: string): Promise<string[]> {
  if (!url.startsWith("https://")) return [];
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  const port = parsed.port || "443";
  const common = ["-c", "http.followRedirects=false", ...(caFile ? ["-c", `http.sslCAInfo=${caFile}`] : [])];
  if (allowed.has(host.toLowerCase())) return common;
  const address = await checkedAddress(host);
  const target = address.includes(":") ? `[${address}]` : address;
  return ["-c", `http.curloptResolve=${host}:${port}:${target}`, ...common];
}

/** The first address of `host`, after checking that none of its addresses is internal. */
export async function checkedAddress(host: string): Promise<string> {
  if (isIpLiteral(host)) {
    if (isInternal(host)) throw internal(host, host);
    return host;
  }
  const answers = await Promise.all(
    (["A", "AAAA"] as const).map((type) =>
      Deno.resolveDns(host, type, nameServer ? { nameServer } : {}).catch(() => [] as string[])
    ),
  );
  const addresses = answers.flat();
  if (!addresses.length) {
    throw new AnalysisError("host_unreachable", `The host ${host} could not be found`, { transient: true });
  }
  const bad = addresses.find(isInternal);
  if (bad) throw internal(host, bad);
  return addresses[0];
}

function internal(host: string, address: string): AnalysisError {
  return new AnalysisError(
    "internal_address",
    host === address
      ? `${host} is a private or local network address; only public hosts can be cloned`
      : `${host} resolves to a private or local network address (${address}); only public hosts can be cloned`,
  );
}

function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(":");
}

/** True for addresses no public repository host has. */
export function isInternal(address: string): boolean {
  if (address.includes(":")) return isInternalV6(address.toLowerCase());
  const [a, b, c] = address.split(".").map(Number);
  return a === 0 || a === 10 || a === 127 || a >= 224 || // this network, private, loopback, multicast and reserved
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local (cloud metadata)
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) || // IETF protocol assignments, TEST-NET-1
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113); // TEST-NET-2, -3
}

function isInternalV6(address: string): boolean {
  const words = expandV6(address);
  if (!words) return true; // not an address we can read: refuse
  if (words.every((w) => w === 0)) return true; // ::
  if (words.slice(0, 7).every((w) => w === 0) && words[7] === 1) return true; // ::1
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d): the IPv4 address decides.
  const mapped = words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff;
  const nat64 = words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((w) => w === 0);
  if (mapped || nat64) {
    return isInternal(`${words[6] >> 8}.${words[6] & 255}.${words[7] >> 8}.${words[7] & 255}`);
  }
  return (words[0] & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (words[0] & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (words[0] & 0xff00) === 0xff00 || // multicast
    (words[0] === 0x2001 && words[1] === 0x0db8); // documentation
}

/** The eight 16-bit words of an IPv6 address (with an optional dotted IPv4 tail), or null. */
function expandV6(address: string): number[] | null {
  let text = address.split("%")[0];
  const v4 = text.match(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = text.slice(0, v4.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string) => part === "" ? [] : part.split(":").map((w) => parseInt(w, 16));
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  const fill = 8 - head.length - tail.length;
  if (fill < 0 || (halves.length === 1 && fill !== 0)) return null;
  const words = [...head, ...Array(fill).fill(0), ...tail];
  return words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : null;
}
