/** The figures the benchmarks produce, their units, and the table mod.ts prints at the end. */

/** One line of the final table. */
export interface Figure {
  section: string;
  metric: string;
  value: string;
}

/** Collects figures and echoes each one as it is measured, so a long run shows progress. */
export class Figures {
  readonly all: Figure[] = [];

  constructor(private readonly section: string) {}

  /** Records `metric = value` (value already carries its unit). */
  add(metric: string, value: string): void {
    this.all.push({ section: this.section, metric, value });
    console.log(`  ${this.section} · ${metric}: ${value}`);
  }
}

/** Milliseconds, as "850 ms" or "12.3 s". */
export function ms(value: number): string {
  return value < 10_000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(1)} s`;
}

/** Bytes in decimal megabytes (1 MB = 10^6 bytes), or kilobytes below 0.1 MB. */
export function mb(bytes: number): string {
  return bytes < 100_000 ? `${Math.round(bytes / 1e3)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

/** KiB (as /proc reports memory) in MB. */
export function kibToMb(kib: number): string {
  return mb(kib * 1024);
}

/** A throughput: `count` things (or bytes, when unit is "MB") over `millis`. */
export function rate(count: number, millis: number, unit: "files" | "MB"): string {
  if (millis <= 0) return "n/a";
  const perSecond = (unit === "MB" ? count / 1e6 : count) / (millis / 1000);
  return `${perSecond >= 100 ? Math.round(perSecond) : perSecond.toFixed(1)} ${unit}/s`;
}

/** Prints the figures as one aligned table, section by section. */
export function printTable(figures: Figure[]): void {
  const widths = [
    Math.max(7, ...figures.map((f) => f.section.length)),
    Math.max(6, ...figures.map((f) => f.metric.length)),
    Math.max(5, ...figures.map((f) => f.value.length)),
  ];
  const row = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  const lines = [row(["section", "metric", "value"]), rule];
  let previous = "";
  for (const figure of figures) {
    lines.push(row([figure.section === previous ? "" : figure.section, figure.metric, figure.value]));
    previous = figure.section;
  }
  console.log(lines.join("\n"));
}
