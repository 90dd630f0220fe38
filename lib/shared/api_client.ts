/**
 * How the islands read the app's JSON API. The one piece of I/O in lib/shared:
 * islands fetch /api/* themselves (STYLE rule 8) and may import nothing else of
 * lib, so the one way they all read an answer lives here.
 */

/** GETs JSON from the API; a failed answer rejects with the API's error message, or its HTTP status. */
export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal });
  if (response.ok) return await response.json();
  const body = await response.json().catch(() => null);
  throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
}
