import {
  CategoryScale,
  Chart,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { useRef, useState } from "preact/hooks";
import {
  baseOptions,
  categoryAxis,
  chartStatus,
  type ChartTheme,
  type LanguageMonth,
  type LanguageSeries,
  languageSeries,
  OTHER,
  readTheme,
  seriesColor,
  useThemedCharts,
  valueAxis,
} from "../lib/shared/charts.ts";
import { number } from "../lib/shared/format.ts";
import { LanguagesLegend } from "../components/LanguagesLegend.tsx";
import { PlotBox } from "../components/PlotBox.tsx";

Chart.register(LineController, LineElement, PointElement, Filler, CategoryScale, LinearScale, Tooltip);

/** Props of the language chart: the analysis, and its series as the server listed them (largest language first). */
export interface LanguageChartProps {
  analysisId: string;
  /** The legend: the top languages in the overview's order, then "Other" when the rest were summed. */
  languages: string[];
}

/**
 * Lines per language at the end of every month as stacked areas, from
 * /api/analyses/:id/history/languages. The legend's keys show and hide a
 * language; the page's months × languages table is the text alternative.
 */
export default function LanguageChart({ analysisId, languages }: LanguageChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<"line"> | null>(null);
  const series = useRef<LanguageSeries | null>(null);
  const hiddenRef = useRef<Set<string>>(new Set());
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [label, setLabel] = useState("Lines per language over time (loading)");
  const state = useThemedCharts<[{ items: LanguageMonth[] }]>(
    "LanguageChart",
    [`/api/analyses/${analysisId}/history/languages`],
    ([body]) => {
      const named = languages.filter((l) => l !== OTHER);
      series.current = languageSeries(body.items, named, named.length);
      if (!series.current.months.length) return [];
      chart.current = new Chart(canvas.current!, { type: "line", data: { labels: [], datasets: [] }, options: {} });
      draw();
      return [chart.current];
    },
    () => draw(),
  );

  function toggle(language: string) {
    const next = new Set(hiddenRef.current);
    if (next.has(language)) next.delete(language);
    else next.add(language);
    hiddenRef.current = next;
    setHidden(next);
    draw();
  }

  /** (Re)builds the visible series: each area fills down to the one below it. */
  function draw() {
    const theme = readTheme();
    const { months, languages: names, lines } = series.current!;
    const target = chart.current!;
    const visible = names.map((name, i) => ({ name, i })).filter(({ name }) => !hiddenRef.current.has(name));
    target.data.labels = months;
    target.data.datasets = visible.map(({ name, i }, position) => {
      const color = name === OTHER ? theme.muted : seriesColor(i);
      return {
        label: name,
        data: lines[i],
        borderColor: color,
        backgroundColor: `${color}b3`,
        borderWidth: 1.5,
        pointRadius: months.length < 2 ? 4 : 0, // one month alone is a point, not an area
        pointHitRadius: 6,
        // Monotone: the curve never overshoots a month's value (no invented dips or peaks).
        cubicInterpolationMode: "monotone" as const,
        fill: position === 0 ? "origin" : "-1",
      };
    });
    target.options = options(theme);
    target.update();
    const last = months.length - 1;
    const now = names.map((name, i) => `${name} ${number.format(lines[i][last])}`).join(", ");
    setLabel(`Lines per language by month, ${months[0]} to ${months[last]}; at the end: ${now}.`);
  }

  return (
    <div class="lg-chart">
      <LanguagesLegend languages={languages} hidden={hidden} onToggle={state === "ready" ? toggle : undefined} />
      <PlotBox
        canvas={canvas}
        label={label}
        status={chartStatus(state, "No changes to languages in the history.")}
        wide
      />
    </div>
  );
}

function options(theme: ChartTheme) {
  return {
    ...baseOptions(),
    interaction: { mode: "index" as const, intersect: false },
    scales: {
      x: categoryAxis(theme, { maxTicksLimit: 12 }),
      y: { ...valueAxis(theme, { callback: (v: string | number) => number.format(+v) }), stacked: true },
    },
    plugins: {
      tooltip: {
        itemSort: (a: { datasetIndex: number }, b: { datasetIndex: number }) => b.datasetIndex - a.datasetIndex,
        callbacks: {
          label: (item: { dataset: { label?: string }; raw: unknown }) =>
            `${item.dataset.label}: ${number.format(Number(item.raw))} lines`,
        },
      },
    },
  };
}
