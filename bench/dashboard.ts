/**
 * The dashboard (issue #7), measured: server render time of every page of an
 * analysis of this project's own repository (history included), warm.
 */
import { startApp } from "../app.ts";
import { openAppDatabase } from "../lib/db/connect.ts";
import { parseConfig } from "../lib/env.ts";
import { Figures } from "./figures.ts";
import { freePort, makeBenchDataDir, removeBenchDataDir, ROOT } from "./project.ts";

const RUNS = 30;

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
    const submitted = await (await fetch(`${app.url}/api/analyses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ repoUrl: ROOT }),
    })).json();
    const id = submitted.id as string;
    for (let i = 0; i < 1200; i++) {
      const { status } = await (await fetch(`${app.url}/api/analyses/${id}`)).json();
      if (status === "succeeded") break;
      if (status === "failed" || status === "canceled") throw new Error(`the analysis ${status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const file = "lib/pipeline/run_analysis.ts";
    for (const view of ["", "files", `files/${file}`, "graph", "timeline", "contributors", "languages"]) {
      const url = `${app.url}/analyses/${id}${view ? `/${view}` : ""}`;
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i <= RUNS; i++) {
        const started = performance.now();
        const response = await fetch(url);
        const html = await response.text();
        if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
        if (i > 0) times.push(performance.now() - started);
        bytes = html.length;
      }
      times.sort((a, b) => a - b);
      figures.add(
        `render /analyses/:id${view ? `/${view.replace(file, "<run_analysis.ts>")}` : " (overview)"}`,
        `p50 ${times[Math.floor(RUNS / 2)].toFixed(1)} ms, p99 ${times[RUNS - 1].toFixed(1)} ms, ` +
          `${Math.round(bytes / 1024)} KB of HTML`,
      );
    }
  } finally {
    await app.close();
    await database.close();
    await removeBenchDataDir(dataDir);
  }
  return figures;
}
