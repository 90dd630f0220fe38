/** How complex a function is, as the whole dashboard colours it: green under 5, amber 5–10, red over 10. */
export type ComplexityBand = "low" | "mid" | "high";

/** The band of a cyclomatic complexity. */
export function complexityBand(ccn: number): ComplexityBand {
  return ccn > 10 ? "high" : ccn >= 5 ? "mid" : "low";
}

/** The CSS classes of a CCN badge (`.ccn .ccn-low|mid|high` in app.css). */
export function ccnClass(ccn: number): string {
  return `ccn ccn-${complexityBand(ccn)}`;
}

/** The CSS custom property holding a band's colour (read at draw time: charts follow the theme). */
export const BAND_COLOR_VAR: Record<ComplexityBand, string> = { low: "--ok", mid: "--warn", high: "--bad" };

/** A band in a word, as tables and chart labels name it. */
export const BAND_NAME: Record<ComplexityBand, string> = { low: "simple", mid: "moderate", high: "complex" };
