/**
 * What the chart and network islands share (and the pages, for the tables that
 * stand in for the charts): colours read from the theme's CSS variables at draw
 * time, a series palette, the options every chart starts from, the loading and
 * redrawing of a chart island, and the shaping of weekly activity and monthly
 * language rows into gap-free series. No chart library here: each island
 * imports only the chart.js parts it draws with.
 */
import { useEffect, useState } from "preact/hooks";
import { fetchJson } from "./api_client.ts";
import { BAND_COLOR_VAR, type ComplexityBand } from "./complexity.ts";

/** The design system's colours, as the current theme sets them. */
export interface ChartTheme {
  text: string;
  muted: string;
  border: string;
  surface: string;
  accent: string;
  ok: string;
  warn: string;
  bad: string;
}

/** Reads the theme's colours now (call it at draw time and again when the theme changes). */
export function readTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const value = (name: string) => style.getPropertyValue(`--${name}`).trim();
  return {
    text: value("text"),
    muted: value("muted"),
    border: value("border"),
    surface: value("surface"),
    accent: value("accent"),
    ok: value("ok"),
    warn: value("warn"),
    bad: value("bad"),
  };
}

/** Calls `onChange` when the theme changes (the toggle's `data-theme`, or the system's preference); returns the stop. */
export function watchTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  const media = matchMedia("(prefers-color-scheme: dark)");
  media.addEventListener("change", onChange);
  return () => {
    observer.disconnect();
    media.removeEventListener("change", onChange);
  };
}

/** The theme's colour of a complexity band (green, amber, red). */
export function bandColor(theme: ChartTheme, band: ComplexityBand): string {
  return theme[BAND_COLOR_VAR[band].slice(2) as keyof ChartTheme];
}

/** The options every chart starts from: it fills its box, and moves only for those who do not ask for less motion. */
export function baseOptions() {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: matchMedia("(prefers-reduced-motion: reduce)").matches ? false as const : { duration: 300 },
  };
}

/** An axis of categories (weeks, months, ranges) in the theme's colours, without grid lines. */
export function categoryAxis(theme: ChartTheme, ticks: Record<string, unknown> = {}) {
  return { grid: { display: false }, border: { color: theme.border }, ticks: { color: theme.muted, ...ticks } };
}

/** An axis of values from zero, with grid lines, in the theme's colours. */
export function valueAxis(theme: ChartTheme, ticks: Record<string, unknown> = {}) {
  return {
    beginAtZero: true,
    grid: { color: theme.border },
    border: { color: theme.border },
    ticks: { color: theme.muted, ...ticks },
  };
}

/** Where a chart island stands: loading its data, drawn, with nothing to draw, or failed (the page's table stays). */
export type ChartState = "loading" | "ready" | "empty" | "failed";

/** The words shown in a chart's box instead of the chart; `empty` says why there is nothing to draw. */
export function chartStatus(state: ChartState, empty: string): string | null {
  if (state === "ready") return null;
  if (state === "loading") return "Loading the chart…";
  return state === "empty" ? empty : "The chart could not be loaded; the table below has the same numbers.";
}

/**
 * The life of a chart island: fetches the JSON of `urls`, then `create` makes
 * and draws its charts from the answers (none: nothing to draw); `draw` redraws
 * them when the theme changes; they are destroyed with the island. A failure is
 * logged under the island's `name`.
 */
export function useThemedCharts<T extends unknown[]>(
  name: string,
  urls: string[],
  create: (answers: T) => { destroy(): void }[],
  draw: () => void,
): ChartState {
  const [state, setState] = useState<ChartState>("loading");
  useEffect(() => {
    const controller = new AbortController();
    let charts: { destroy(): void }[] = [];
    Promise.all(urls.map((url) => fetchJson(url, controller.signal)))
      .then((answers) => {
        charts = create(answers as T);
        setState(charts.length ? "ready" : "empty");
      })
      .catch((error) => {
        if (controller.signal.aborted) return;
        console.error(`${name}: the chart could not be drawn`, error);
        setState("failed");
      });
    const stop = watchTheme(() => charts.length && draw());
    return () => {
      controller.abort();
      stop();
      for (const chart of charts) chart.destroy();
    };
  }, [urls.join(" ")]);
  return state;
}

/** Series colours (Tableau 10: distinct on light and dark backgrounds), by rank; "Other" takes the muted colour. */
export const PALETTE = [
  "#4e79a7",
  "#f28e2b",
  "#59a14f",
  "#e15759",
  "#b07aa1",
  "#76b7b2",
  "#edc948",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
] as const;

/** The colour of the series of rank `index`. */
export function seriesColor(index: number): string {
  return PALETTE[index % PALETTE.length];
}

/** How many languages get a series of their own; the rest are summed as "Other". */
export const TOP_LANGUAGES = 8;

/** The label of the languages summed together. */
export const OTHER = "Other";

const DAY = 86_400_000;

/** The date `days` after an ISO date (YYYY-MM-DD), in UTC. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** Every Monday from `first` to `last` (both Mondays, YYYY-MM-DD); at most `cap` weeks, the latest kept. */
export function weeksBetween(first: string, last: string, cap = 5_000): string[] {
  const weeks: string[] = [];
  for (let week = last; week >= first && weeks.length < cap; week = addDays(week, -7)) weeks.push(week);
  return weeks.reverse();
}

/** The Monday of the week of an ISO date or time (weeks as the history counts them). */
export function mondayOf(date: string): string {
  const day = new Date(`${date.slice(0, 10)}T00:00:00Z`).getUTCDay();
  return addDays(date.slice(0, 10), -((day + 6) % 7));
}

/** A week of activity. */
export interface WeekActivity {
  week: string;
  commits: number;
  added: number;
  deleted: number;
}

/** The weeks of `rows` (sorted, Mondays) with the quiet weeks between them filled with zeros. */
export function fillWeeks<T extends WeekActivity>(rows: T[]): WeekActivity[] {
  if (!rows.length) return [];
  const byWeek = new Map(rows.map((r) => [r.week, r]));
  return weeksBetween(rows[0].week, rows[rows.length - 1].week).map((week) => {
    const row = byWeek.get(week);
    return { week, commits: row?.commits ?? 0, added: row?.added ?? 0, deleted: row?.deleted ?? 0 };
  });
}

/** A language's lines in a month, as /api/analyses/:id/history/languages lists them (months with changes only). */
export interface LanguageMonth {
  month: string;
  language: string;
  lines: number;
  added: number;
  deleted: number;
}

/** Lines per language at the end of every month, ready to stack. */
export interface LanguageSeries {
  /** Every month from the first to the last change, YYYY-MM. */
  months: string[];
  /** The series: the top languages in `order`, then "Other" when anything was summed into it. */
  languages: string[];
  /** lines[language][month]. */
  lines: number[][];
}

/**
 * Turns monthly rows into one series per language with every month filled:
 * a month without changes keeps the lines of the month before, and the months
 * before a language's first change hold what it had before that change. The
 * first `top` languages of `order` (the analysis's languages, largest first,
 * so colours agree with the overview) get a series; every other one is "Other".
 */
export function languageSeries(rows: LanguageMonth[], order: string[], top = TOP_LANGUAGES): LanguageSeries {
  if (!rows.length) return { months: [], languages: [], lines: [] };
  const months = monthsBetween(rows[0].month.slice(0, 7), rows[rows.length - 1].month.slice(0, 7));
  const index = new Map(months.map((m, i) => [m, i]));
  const perLanguage = new Map<string, LanguageMonth[]>();
  for (const row of rows) perLanguage.set(row.language, [...perLanguage.get(row.language) ?? [], row]);
  const shown = order.filter((l) => perLanguage.has(l)).slice(0, top);
  const others = [...perLanguage.keys()].filter((l) => !shown.includes(l));
  const series = (language: string): number[] => {
    const own = perLanguage.get(language)!;
    const values = new Array<number>(months.length);
    let current = Math.max(0, own[0].lines - own[0].added + own[0].deleted);
    let next = 0;
    for (let i = 0; i < months.length; i++) {
      while (next < own.length && index.get(own[next].month.slice(0, 7))! <= i) current = own[next++].lines;
      values[i] = current;
    }
    return values;
  };
  const lines = shown.map(series);
  if (others.length) {
    const sums = new Array<number>(months.length).fill(0);
    for (const language of others) series(language).forEach((v, i) => sums[i] += v);
    lines.push(sums);
  }
  return { months, languages: others.length ? [...shown, OTHER] : shown, lines };
}

/** Every month from `first` to `last` (YYYY-MM). */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split("-").map(Number);
  for (let m = first; m <= last && months.length < 1_200; m = `${year}-${String(month).padStart(2, "0")}`) {
    months.push(m);
    if (++month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}
