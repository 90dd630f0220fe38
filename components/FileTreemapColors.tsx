/**
 * The colours of the Treemap island: complexity bands, churn and age scales,
 * the main authors' palette, and the legend naming them. Colours are CSS
 * (variables, color-mix), so a theme switch recolours without a redraw.
 */
import { BAND_COLOR_VAR, complexityBand } from "../lib/shared/complexity.ts";
import type { TreeEntry } from "../lib/shared/file_tree.ts";
import { number } from "../lib/shared/format.ts";

/** What colours the tiles. */
export type Mode = "complexity" | "churn" | "ownership" | "age";

const OWNER_COLORS = 7;
/** A day in milliseconds. */
export const DAY = 86_400_000;

/** Lines of code that count (vendored and generated files left out): the tile's area. */
export const counted = (e: TreeEntry) => Math.max(0, e.code - e.excludedCode);
/** A complexity band's colour, softened a little: large areas of pure red or green tire the eye. */
const bandColor = (ccn: number) =>
  `color-mix(in srgb, var(${BAND_COLOR_VAR[complexityBand(ccn)]}) 80%, var(--surface))`;
/** A colour between the surface (t = 0) and a theme colour (t = 1): the browser resolves it for the theme. */
const shade = (variable: string, t: number) =>
  `color-mix(in srgb, var(${variable}) ${Math.round(12 + 78 * Math.min(1, Math.max(0, t)))}%, var(--surface))`;

/** The scales of one drawing: maxima of churn and age, the main authors in colour. */
export interface Scales {
  maxCommits: number;
  maxDays: number;
  reference: number;
  owners: Map<number, { name: string; index: number }>;
}

/** The scales of the leaves drawn. */
export function scalesOf(leaves: TreeEntry[], referenceDate: string | null): Scales {
  const reference = referenceDate ? Date.parse(referenceDate) : Date.now();
  let maxCommits = 0;
  let maxDays = 0;
  const lines = new Map<number, { name: string; code: number }>();
  for (const e of leaves) {
    maxCommits = Math.max(maxCommits, e.commits ?? 0);
    if (e.lastChangedAt) maxDays = Math.max(maxDays, (reference - Date.parse(e.lastChangedAt)) / DAY);
    if (e.mainAuthorId !== null) {
      const owner = lines.get(e.mainAuthorId) ?? { name: e.mainAuthor ?? "?", code: 0 };
      owner.code += counted(e);
      lines.set(e.mainAuthorId, owner);
    }
  }
  const top = [...lines].sort((a, b) => b[1].code - a[1].code || a[0] - b[0]).slice(0, OWNER_COLORS);
  return {
    maxCommits,
    maxDays: Math.max(1, Math.ceil(maxDays)),
    reference,
    owners: new Map(top.map(([id, o], index) => [id, { name: o.name, index }])),
  };
}

/** The colour of a tile in a mode. */
export function colorOf(e: TreeEntry, mode: Mode, s: Scales): string {
  if (mode === "complexity") return e.functions ? bandColor(e.maxCcn) : "var(--tm-none)";
  if (mode === "churn") {
    return e.commits ? shade("--bad", Math.sqrt(e.commits / Math.max(1, s.maxCommits))) : "var(--tm-none)";
  }
  if (mode === "ownership") {
    if (e.mainAuthorId === null) return "var(--tm-none)";
    const owner = s.owners.get(e.mainAuthorId);
    return owner ? `var(--tm-owner-${owner.index})` : "var(--tm-other)";
  }
  if (!e.lastChangedAt) return "var(--tm-none)";
  return shade("--accent", 1 - Math.sqrt((s.reference - Date.parse(e.lastChangedAt)) / DAY / s.maxDays));
}

/** The legend of a mode: swatches, or a gradient with its ends. */
export function TreemapLegend({ mode, scales }: { mode: Mode; scales: Scales }) {
  if (mode === "complexity") {
    return (
      <ul class="tm-legend" aria-label="Colour: the highest CCN of a function in it">
        <li>
          <span class="tm-swatch" style={{ background: bandColor(1) }} />CCN under 5
        </li>
        <li>
          <span class="tm-swatch" style={{ background: bandColor(5) }} />5–10
        </li>
        <li>
          <span class="tm-swatch" style={{ background: bandColor(11) }} />over 10
        </li>
        <li>
          <span class="tm-swatch" style={{ background: "var(--tm-none)" }} />no functions
        </li>
      </ul>
    );
  }
  if (mode === "ownership") {
    return (
      <ul class="tm-legend" aria-label="Colour: the main author (most lines added)">
        {[...scales.owners.values()].map((o) => (
          <li key={o.index}>
            <span class="tm-swatch" style={{ background: `var(--tm-owner-${o.index})` }} />
            {o.name}
          </li>
        ))}
        <li>
          <span class="tm-swatch" style={{ background: "var(--tm-other)" }} />other
        </li>
        <li>
          <span class="tm-swatch" style={{ background: "var(--tm-none)" }} />no owner
        </li>
      </ul>
    );
  }
  const [variable, from, to, what] = mode === "churn"
    ? ["--bad", "1 commit", `${number.format(scales.maxCommits)} commits`, "commits that changed it"]
    : ["--accent", `${number.format(scales.maxDays)} days`, "0 days", "days since its last change"];
  return (
    <div class="tm-legend tm-scale" aria-label={`Colour: ${what}, from ${from} to ${to}`}>
      <span>{from}</span>
      <span
        class="tm-gradient"
        style={{ background: `linear-gradient(to right, ${shade(variable, 0)}, ${shade(variable, 1)})` }}
      />
      <span>{to}</span>
      <span class="muted">{what}</span>
    </div>
  );
}
