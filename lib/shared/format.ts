/** How the dashboard writes numbers, dates and shares: the same in every table, card and chart label. */

/** Formats counts with thousands separators ("12,345"). */
export const number = new Intl.NumberFormat("en");

/** The date part of an ISO timestamp, or a dash. */
export const day = (iso: string | null) => iso?.slice(0, 10) ?? "–";

/** A share (0–1) as a whole percentage, or a dash. */
export const percent = (share: number | null) => share === null ? "–" : `${Math.round(share * 100)}%`;

/** `value` as a percentage of `total` with one decimal ("12.5%"), or a dash when the total is zero. */
export function shareOf(value: number, total: number): string {
  return total ? `${(100 * value / total).toFixed(1)}%` : "–";
}
