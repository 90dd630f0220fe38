import assert from "node:assert/strict";
import path from "node:path";
import type { Page } from "playwright-core";
import { hasBrowser, launchBrowser } from "./support/browser.ts";
import { craftedHistory } from "./support/history_repo.ts";
import { startTestApp } from "./support/test_app.ts";

const SHOTS = path.join(Deno.cwd(), "test-output", "screenshots");
const VIEWS = ["files", "graph", "timeline", "contributors", "languages"] as const;

/** Gzipped bytes of a body. */
async function gzipSize(body: Uint8Array): Promise<number> {
  const stream = new Blob([body as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

/** Waits until every island of the page has hydrated. */
async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLElement>("[data-island]")].every((e) => e.dataset.hydrated === "true")
  );
}

/** How many canvases of the page have drawn something (a pixel that is not transparent). */
function drawnCanvases(page: Page): Promise<number> {
  return page.evaluate(() =>
    [...document.querySelectorAll("canvas")].filter((canvas) => {
      if (!canvas.width || !canvas.height) return false;
      const data = canvas.getContext("2d")?.getImageData(0, 0, canvas.width, canvas.height).data;
      return data ? data.some((value, i) => i % 4 === 3 && value > 0) : false;
    }).length
  );
}

Deno.test({
  name: "[dashboard] submit, watch progress, then every view: charts drawn, no errors, each view without JavaScript",
  ignore: !hasBrowser,
  async fn() {
    // Web and worker share one DATA_DIR, as one machine's processes do: the file page reads the mirror.
    const dataDir = await Deno.makeTempDir({ prefix: "codevoyage-dashboard-" });
    const web = await startTestApp({ ROLE: "web", DATA_DIR: dataDir });
    const repo = await craftedHistory();
    const browser = await launchBrowser();
    let worker: Awaited<ReturnType<typeof startTestApp>> | null = null;
    await Deno.mkdir(SHOTS, { recursive: true });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      page.on("requestfailed", (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
      page.on("response", (r) => r.status() >= 400 && problems.push(`${r.status()}: ${r.url()}`));

      await page.goto(web.url);
      await page.waitForSelector('[data-island="SubmitForm"][data-hydrated="true"]');
      await page.fill("#repoUrl", repo);
      await page.click("button[type=submit]");
      await page.waitForURL(/\/analyses\/[0-9a-f-]{36}$/);
      const id = page.url().split("/").pop()!;
      await page.waitForSelector('[data-island="AnalysisProgress"][data-hydrated="true"]');
      await page.screenshot({ path: path.join(SHOTS, "flow-progress.png") });

      // The worker starts only now: the open page follows the analysis live to its overview.
      worker = await startTestApp({ ROLE: "worker", DATA_DIR: dataDir }, web.database);
      await page.waitForSelector("nav.tabs", { timeout: 30_000 });
      await page.reload();
      await hydrated(page);
      await page.waitForFunction(() => document.querySelectorAll("canvas").length >= 2);
      await page.waitForTimeout(300); // chart.js animates its first frame
      assert.ok(await drawnCanvases(page) >= 2, "the donut and the histogram are drawn");
      await page.screenshot({ path: path.join(SHOTS, "flow-overview.png"), fullPage: true });
      // The JavaScript a page needs on a first visit: every script module it loaded (cached or not), gzipped.
      const sizes: Record<string, number> = {};
      const measure = async (name: string) => {
        const urls: string[] = await page.evaluate(() =>
          performance.getEntriesByType("resource").map((e) => e.name).filter((u) => /\/assets\/.+\.m?js$/.test(u))
        );
        let total = 0;
        for (const url of new Set(urls)) {
          total += await gzipSize(new Uint8Array(await (await fetch(url)).arrayBuffer()));
        }
        sizes[name] = Math.round(total / 102.4) / 10;
      };
      await measure("overview");
      assert.ok(sizes.overview < 100, `overview JavaScript ${sizes.overview} KB gzipped (< 100)`);

      for (const view of VIEWS) {
        await page.click(`nav.tabs a[href="/analyses/${id}/${view}"]`);
        await page.waitForURL(new RegExp(`/analyses/${id}/${view}$`));
        await hydrated(page);
        if (view === "timeline" || view === "languages") {
          await page.waitForTimeout(300);
          assert.ok(await drawnCanvases(page) >= 1, `${view}: its chart is drawn`);
        }
        if (view === "graph" || view === "contributors") {
          await page.waitForSelector(".network canvas, [data-island] canvas", { timeout: 10_000 });
        }
        await page.screenshot({ path: path.join(SHOTS, `flow-${view}.png`), fullPage: true });
        await measure(view);
      }
      // A file, from the files table.
      await page.goto(`${web.url}/analyses/${id}/files`);
      await page.click('table.data a[href*="/files/x.py"]');
      await page.waitForURL(/\/files\/x\.py$/);
      await page.waitForSelector("#L1");
      await page.screenshot({ path: path.join(SHOTS, "flow-file.png"), fullPage: true });
      await measure("file");
      assert.deepEqual(problems, []);
      await Deno.writeTextFile(
        path.join(Deno.cwd(), "test-output", "js-sizes.json"),
        JSON.stringify({ unit: "KB gzipped, first load", ...sizes }, null, 2) + "\n",
      );

      // Without JavaScript every view still shows its content as tables.
      const plain = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
      for (const view of ["", ...VIEWS, "files/x.py"]) {
        const answer = await plain.goto(`${web.url}/analyses/${id}${view ? `/${view}` : ""}`);
        assert.equal(answer?.status(), 200, view);
        assert.ok(await plain.locator("table.data").count() >= 1, `${view || "overview"}: a table without JavaScript`);
      }
      await plain.screenshot({ path: path.join(SHOTS, "flow-file-no-js.png"), fullPage: true });
    } finally {
      await browser.close();
      await worker?.close();
      await web.close();
      await Deno.remove(repo, { recursive: true });
      await Deno.remove(dataDir, { recursive: true });
    }
  },
});
