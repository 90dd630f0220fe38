/**
 * The dashboard (issue #7), measured: server render time of every page of an
 * analysis of this project's own repository (history included), warm, and of
 * a 20,000-file, 3,000-commit synthetic one (where a nested-loop plan once
 * made the contributors page take 20 s).
 */
import { startApp } from "../app.ts";
import { openAppDatabase } from "../lib/db/connect.ts";
import { parseConfig } from "../lib/env.ts";
import { Figures } from "./figures.ts";
import { freePort, makeBenchDataDir, removeBenchDataDir, ROOT } from "./project.ts";
import { bigRepo } from "../tests/support/history_repo.ts";

const RUNS = 30;
const BIG_RUNS = 5;

/** Renders each page RUNS times after one warm-up and reports p50 / p99. */
export async function benchDashboard(): Promise<Figures> {
  const figures = new Figures("dashboard");
  const dataDir = await makeBenchDataDir("dashboard");
  const base = { DATA_DIR: dataDir, LOG_LEVEL: "error" as const, ALLOW_LOCAL_REPOS: "1" };
  const database = await openAppDatabase(parseConfig(base));
  const app = await startApp(
    parseConfig({
      ...base,
      PORT: String(freePort()),
      DATABASE_URL: database.url,
      RATE_LIMIT_API_PER_MINUTE: "100000",
      RATE_LIMIT_SUBMIT_PER_MINUTE: "100000",
    }),
    { database },
  );
  try {
    const own = await analyse(app.url!, ROOT);
    const file = "lib/pipeline/run_analysis.ts";
    await renderTimes(
      figures,
      app.url!,
      own,
      ["", "files", `files/${file}`, "graph", "timeline", "contributors", "languages"],
      RUNS,
      (view) => view.replace(file, "<run_analysis.ts>"),
    );
    const repo = await bigRepo(20_000, 3_000);
    try {
      const big = await analyse(app.url!, repo);
      await renderTimes(
        figures,
        app.url!,
        big,
        ["", "files", "graph", "timeline", "contributors", "languages"],
        BIG_RUNS,
        (view) => `${view} [20,000 files]`,
      );
    } finally {
      await Deno.remove(repo, { recursive: true });
    }
  } finally {
    await app.close();
    await database.close();
    await removeBenchDataDir(dataDir);
  }
  return figures;
}

async function analyse(base: string, repoUrl: string): Promise<string> {
  const submitted = await (await fetch(`${base}/api/analyses`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ repoUrl }),
  })).json();
  const id = submitted.id as string;
  for (let i = 0; i < 3000; i++) {
    const { status } = await (await fetch(`${base}/api/analyses/${id}`)).json();
    if (status === "succeeded") return id;
    if (status === "failed" || status === "canceled") throw new Error(`the analysis ${status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the analysis did not end in 5 minutes");
}

async function renderTimes(
  figures: Figures,
  base: string,
  id: string,
  views: string[],
  runs: number,
  label: (view: string) => string,
): Promise<void> {
  for (const view of views) {
    const url = `${base}/analyses/${id}${view ? `/${view}` : ""}`;
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i <= runs; i++) {
      const started = performance.now();
      const response = await fetch(url);
      const html = await response.text();
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
      if (i > 0) times.push(performance.now() - started);
      bytes = html.length;
    }
    times.sort((a, b) => a - b);
    figures.add(
      `render /analyses/:id${view ? `/${label(view)}` : ` (overview)${label("")}`}`,
      `p50 ${times[Math.floor(runs / 2)].toFixed(1)} ms, p99 ${times[runs - 1].toFixed(1)} ms, ` +
        `${Math.round(bytes / 1024)} KB of HTML`,
    );
  }
}
