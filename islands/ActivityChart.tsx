import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from "chart.js";
import { useRef, useState } from "preact/hooks";
import {
  baseOptions,
  categoryAxis,
  chartStatus,
  type ChartTheme,
  fillWeeks,
  readTheme,
  useThemedCharts,
  valueAxis,
  type WeekActivity,
} from "../lib/shared/charts.ts";
import { number } from "../lib/shared/format.ts";
import { PlotBox } from "../components/PlotBox.tsx";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/** Props of the activity chart: the analysis whose weekly activity it draws. */
export interface ActivityChartProps {
  analysisId: string;
}

type Mode = "commits" | "lines";

/**
 * Commits per week as bars, or lines added (up) and deleted (down) per week,
 * from /api/analyses/:id/history/activity; quiet weeks are drawn as zero.
 * The page's table of activity per month is its text alternative.
 */
export default function ActivityChart({ analysisId }: ActivityChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<"bar"> | null>(null);
  const weeks = useRef<WeekActivity[]>([]);
  const [mode, setMode] = useState<Mode>("commits");
  // The mode as the theme watcher (set up once) must read it.
  const modeRef = useRef(mode);
  const [label, setLabel] = useState("Commits per week (loading)");
  const state = useThemedCharts<[{ items: WeekActivity[] }]>(
    "ActivityChart",
    [`/api/analyses/${analysisId}/history/activity`],
    ([body]) => {
      weeks.current = fillWeeks(body.items);
      if (!weeks.current.length) return [];
      chart.current = new Chart(canvas.current!, { type: "bar", data: { labels: [], datasets: [] }, options: {} });
      draw(modeRef.current);
      return [chart.current];
    },
    () => draw(modeRef.current),
  );

  function choose(next: Mode) {
    modeRef.current = next;
    setMode(next);
    if (chart.current) draw(next);
  }

  function draw(current: Mode) {
    const theme = readTheme();
    const rows = weeks.current;
    const target = chart.current!;
    target.data.labels = rows.map((w) => w.week);
    target.data.datasets = current === "commits"
      ? [{ label: "Commits", data: rows.map((w) => w.commits), backgroundColor: theme.accent }]
      : [
        { label: "Lines added", data: rows.map((w) => w.added), backgroundColor: theme.ok },
        { label: "Lines deleted", data: rows.map((w) => -w.deleted), backgroundColor: theme.bad },
      ];
    target.options = options(theme, current === "lines");
    target.update();
    const total = rows.reduce((sum, w) => sum + w.commits, 0);
    const busiest = rows.reduce((best, w) => w.commits > best.commits ? w : best, rows[0]);
    setLabel(
      current === "commits"
        ? `Commits per week from ${rows[0].week} to ${rows.at(-1)!.week}: ${number.format(total)} in all, ` +
          `the busiest week ${busiest.week} with ${number.format(busiest.commits)}.`
        : `Lines added and deleted per week from ${rows[0].week} to ${rows.at(-1)!.week}: ` +
          `${number.format(rows.reduce((s, w) => s + w.added, 0))} added, ` +
          `${number.format(rows.reduce((s, w) => s + w.deleted, 0))} deleted.`,
    );
  }

  return (
    <div class="tl-activity">
      <fieldset class="plot-toggle">
        <legend class="visually-hidden">Show</legend>
        {([["commits", "Commits"], ["lines", "Lines added and deleted"]] as const).map(([value, text]) => (
          <label key={value}>
            <input
              type="radio"
              name="activity-mode"
              value={value}
              checked={mode === value}
              disabled={state !== "ready"}
              onChange={() =>
                choose(value)}
            />{" "}
            {text}
          </label>
        ))}
      </fieldset>
      <PlotBox canvas={canvas} label={label} status={chartStatus(state, "No commits to draw.")} wide />
    </div>
  );
}

function options(theme: ChartTheme, lines: boolean) {
  return {
    ...baseOptions(),
    interaction: { mode: "index" as const, intersect: false },
    scales: {
      x: { ...categoryAxis(theme, { maxTicksLimit: 12 }), stacked: lines },
      y: {
        ...valueAxis(theme, { precision: 0, callback: (v: string | number) => number.format(Math.abs(+v)) }),
        stacked: lines,
      },
    },
    plugins: {
      tooltip: {
        callbacks: {
          title: (items: { label: string }[]) => `Week of ${items[0]?.label ?? ""}`,
          label: (item: { dataset: { label?: string }; raw: unknown }) =>
            `${item.dataset.label}: ${number.format(Math.abs(Number(item.raw)))}`,
        },
      },
    },
  };
}
