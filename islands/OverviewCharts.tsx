import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  LinearScale,
  Tooltip,
} from "chart.js";
import { useRef, useState } from "preact/hooks";
import { BAND_NAME, type ComplexityBand } from "../lib/shared/complexity.ts";
import {
  bandColor,
  baseOptions,
  categoryAxis,
  type ChartTheme,
  OTHER,
  readTheme,
  seriesColor,
  TOP_LANGUAGES,
  useThemedCharts,
  valueAxis,
} from "../lib/shared/charts.ts";
import { number, shareOf } from "../lib/shared/format.ts";
import { LanguagesLegend } from "../components/LanguagesLegend.tsx";
import { PlotBox } from "../components/PlotBox.tsx";

Chart.register(DoughnutController, ArcElement, BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/** Props of the overview's charts: the analysis they draw. */
export interface OverviewChartsProps {
  analysisId: string;
}

interface Bucket {
  label: string;
  band: ComplexityBand;
  functions: number;
}
interface Slice {
  language: string;
  code: number;
}

/**
 * The overview's two charts: lines of code per language (a donut, the top
 * languages and "Other") and functions per CCN range coloured by band. The
 * tables under them on the page hold the same numbers.
 */
export default function OverviewCharts({ analysisId }: OverviewChartsProps) {
  const donutCanvas = useRef<HTMLCanvasElement>(null);
  const barCanvas = useRef<HTMLCanvasElement>(null);
  const charts = useRef<{ donut?: Chart<"doughnut">; bars?: Chart<"bar"> }>({});
  const data = useRef<{ slices: Slice[]; buckets: Bucket[] }>({ slices: [], buckets: [] });
  const [legend, setLegend] = useState<string[]>([]);
  const [labels, setLabels] = useState({ donut: "Lines of code per language (loading)", bars: "Complexity (loading)" });
  const api = `/api/analyses/${analysisId}`;
  const state = useThemedCharts<[{ items: Slice[] }, { buckets: Bucket[] }]>(
    "OverviewCharts",
    [`${api}/languages`, `${api}/complexity`],
    ([languages, complexity]) => {
      data.current = { slices: topSlices(languages.items), buckets: complexity.buckets };
      setLegend(data.current.slices.map((s) => s.language));
      const donut = charts.current.donut = new Chart(donutCanvas.current!, {
        type: "doughnut",
        data: { datasets: [] },
      });
      const bars = charts.current.bars = new Chart(barCanvas.current!, { type: "bar", data: { datasets: [] } });
      draw();
      return [donut, bars];
    },
    () => draw(),
  );

  function draw() {
    const theme = readTheme();
    const { slices, buckets } = data.current;
    const { donut, bars } = charts.current;
    const total = slices.reduce((sum, s) => sum + s.code, 0);
    donut!.data = {
      labels: slices.map((s) => s.language),
      datasets: [{
        data: slices.map((s) => s.code),
        backgroundColor: slices.map((s, i) => s.language === OTHER ? theme.muted : seriesColor(i)),
        borderColor: theme.surface,
        borderWidth: 2,
      }],
    };
    donut!.options = {
      ...baseOptions(),
      cutout: "58%",
      plugins: { tooltip: { callbacks: { label: (item) => `${item.label}: ${shareOf(Number(item.raw), total)}` } } },
    };
    donut!.update();
    bars!.data = {
      labels: buckets.map((b) => b.label),
      datasets: [{
        label: "Functions",
        data: buckets.map((b) => b.functions),
        backgroundColor: buckets.map((b) => bandColor(theme, b.band)),
        borderRadius: 3,
      }],
    };
    bars!.options = { ...baseOptions(), scales: barScales(theme), plugins: { tooltip: { callbacks: { title } } } };
    bars!.update();
    const functions = buckets.reduce((sum, b) => sum + b.functions, 0);
    setLabels({
      donut: total
        ? `Lines of code per language: ${slices.map((s) => `${s.language} ${shareOf(s.code, total)}`).join(", ")}.`
        : "No lines of code in a known language.",
      bars: functions
        ? `Functions per cyclomatic complexity range: ${
          buckets.map((b) => `${b.label}: ${number.format(b.functions)} (${BAND_NAME[b.band]})`).join(", ")
        }.`
        : "No functions were found.",
    });
  }

  const status = state === "loading" ? "Loading…" : state === "failed" ? "The chart could not be loaded." : null;
  return (
    <div class="ov-charts">
      <figure class="plot">
        <h2 class="plot-title">Lines of code by language</h2>
        <div class="plot-box plot-donut">
          <div class="plot-donut-canvas">
            <canvas ref={donutCanvas} role="img" aria-label={labels.donut} />
          </div>
          <LanguagesLegend languages={legend} />
          {status && <p class="plot-status">{status}</p>}
        </div>
        <figcaption class="muted">Share of the lines of code; the languages table below lists every one.</figcaption>
      </figure>
      <figure class="plot">
        <h2 class="plot-title">Functions by complexity</h2>
        <PlotBox canvas={barCanvas} label={labels.bars} status={status} />
        <figcaption class="muted">
          Functions per cyclomatic complexity (CCN): <span class="tl-swatch tl-swatch-low" aria-hidden="true" />under 5,
          {" "}
          <span class="tl-swatch tl-swatch-mid" aria-hidden="true" />5–10,{" "}
          <span class="tl-swatch tl-swatch-high" aria-hidden="true" />over 10.{" "}
          <a href="#complexity-distribution">The numbers</a>
        </figcaption>
      </figure>
    </div>
  );
}

function topSlices(items: Slice[]): Slice[] {
  const top = items.slice(0, TOP_LANGUAGES).map(({ language, code }) => ({ language, code }));
  const rest = items.slice(TOP_LANGUAGES).reduce((sum, s) => sum + s.code, 0);
  return rest > 0 ? [...top, { language: OTHER, code: rest }] : top;
}

function title(items: { label: string }[]): string {
  return `CCN ${items[0]?.label ?? ""}`;
}

function barScales(theme: ChartTheme) {
  return {
    x: { ...categoryAxis(theme), title: { display: true, text: "CCN", color: theme.muted } },
    y: { ...valueAxis(theme, { precision: 0 }), title: { display: true, text: "functions", color: theme.muted } },
  };
}
