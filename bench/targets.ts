/** The structure engine's targets from the issue, and how a measured figure reads next to one. */

/** End to end, MB of parsed-language source per second of CLI wall time, on 2 cores. */
export const MIN_END_TO_END_MB_PER_S = 10;
/** A re-analysis after one changed file, as a share of the cold run. */
export const MAX_REANALYSIS_PERCENT = 5;
/** Peak resident memory of the CLI process during the cold run. */
export const MAX_PEAK_MB = 500;

/** `value` followed by the target it is measured against and whether it meets it. */
export function versus(value: string, target: string, met: boolean): string {
  return `${value}  [target ${target}: ${met ? "met" : "MISSED"}]`;
}
