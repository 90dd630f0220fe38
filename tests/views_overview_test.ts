import assert from "node:assert/strict";
import { hasBrowser, withBrowser } from "./support/browser.ts";
import {
  emptyRepo,
  getJson,
  screenshot,
  tsFunction as fn,
  waitForDrawing,
  watchProblems,
  withAnalysis,
} from "./support/dashboard.ts";
import { ALICE, BOB, commitAs } from "./support/history_repo.ts";
import { postJson, startTestApp, type TestApp, waitForAnalysis } from "./support/test_app.ts";

/** One function per histogram bucket (CCN 1, 3, 6, 9, 12, 18, 25, 35) in src/a.ts. */
const CCNS = [1, 3, 6, 9, 12, 18, 25, 35];

/**
 * src/a.ts holds a function in every CCN bucket, tool.py one of CCN 1, and
 * vendored code a complex function that must not count; three commits by
 * Alice and Bob, so src/a.ts is a hotspot.
 */
async function overviewRepo(): Promise<string> {
  const dir = await emptyRepo("overview");
  const a = CCNS.map((ccn, i) => fn(`f${i}`, ccn - 1)).join("\n");
  await commitAs(dir, ALICE, "2024-01-08T10:00:00Z", {
    "src/a.ts": fn("f0", 0),
    "tool.py": "def tool(a):\n    return a\n",
    "node_modules/dep/index.js": `function vendored(x) {\n${"  if (x) x++;\n".repeat(40)}  return x;\n}\n`,
  }, "start");
  await commitAs(dir, BOB, "2024-02-12T10:00:00Z", { "src/a.ts": a.replace("f7", "g7") }, "more functions");
  await commitAs(dir, ALICE, "2024-03-04T10:00:00Z", { "src/a.ts": a }, "rename back");
  return dir;
}

const card = (value: string | number, label: string) =>
  `<span class="card-value">${value}</span><span class="card-label">${label}`;

Deno.test("[overview] cards, chart island, complexity distribution, hotspots, contributors and where to go next", async () => {
  await withAnalysis(overviewRepo, async (app, id) => {
    const response = await fetch(`${app.url}/analyses/${id}`);
    assert.equal(response.status, 200);
    const html = await response.text();
    const report = await (await fetch(`${app.url}/api/analyses/${id}/report`)).json();
    for (
      const [value, label] of [
        [report.summary.files, "files"],
        [report.summary.functions, "functions"],
        [2, "languages"],
        [2, "contributors"],
        [3, "commits (0 merges)"],
        ["Jan 2024", "first commit"],
      ] as const
    ) {
      assert.ok(html.includes(card(value, label)), `card ${label}`);
    }
    assert.match(html, /data-island="OverviewCharts"/);
    assert.doesNotMatch(html, /data-island="AnalysisProgress"/);
    assert.doesNotMatch(html, /Only the latest/);
    // The languages table comes first, then the distribution: one function per bucket, tool.py's in "1".
    assert.ok(html.indexOf('<th scope="row">TypeScript</th>') < html.indexOf("Complexity distribution"));
    const buckets = [
      ...html.matchAll(/<span class="ccn ccn-(\w+)">([^<]+)<\/span><\/th><td>\w+<\/td><td class="num">(\d+)<\/td>/g),
    ]
      .map((m) => [m[2], m[1], Number(m[3])]);
    assert.deepEqual(buckets, [
      ["1", "low", 2],
      ["2–4", "low", 1],
      ["5–7", "mid", 1],
      ["8–10", "mid", 1],
      ["11–15", "high", 1],
      ["16–20", "high", 1],
      ["21–30", "high", 1],
      [">30", "high", 1],
    ]);
    // The hotspot links to its file; the top contributors; every view.
    assert.ok(html.includes(`<a href="/analyses/${id}/files/src/a.ts"><code>src/a.ts</code></a>`));
    assert.match(html, /Top contributors[\s\S]*Alice Smith[\s\S]*Bob Jones/);
    assert.match(html, /truck factor/);
    for (const view of ["files", "graph", "timeline", "contributors", "languages"]) {
      assert.ok(html.includes(`<li><a href="/analyses/${id}/${view}">`), view);
    }
  });
});

Deno.test("[overview] JSON for the charts: complexity buckets and languages; 404 unknown, 409 not finished", async () => {
  await withAnalysis(overviewRepo, async (app, id) => {
    const complexity = await getJson(`${app.url}/api/analyses/${id}/complexity`);
    assert.equal(complexity.status, 200);
    assert.equal(complexity.body.functions, CCNS.length + 1, "vendored code is not counted");
    assert.deepEqual(complexity.body.buckets[0], { label: "1", min: 1, max: 1, band: "low", functions: 2 });
    assert.deepEqual(complexity.body.buckets.at(-1), { label: ">30", min: 31, max: null, band: "high", functions: 1 });
    assert.deepEqual(complexity.body.buckets.map((b: { band: string }) => b.band), [
      "low",
      "low",
      "mid",
      "mid",
      "high",
      "high",
      "high",
      "high",
    ]);
    const languages = await getJson(`${app.url}/api/analyses/${id}/languages`);
    assert.equal(languages.status, 200);
    assert.deepEqual(languages.body.items.map((l: { language: string }) => l.language), ["TypeScript", "Python"]);
    assert.deepEqual(Object.keys(languages.body.items[1]), ["language", "files", "code", "comment", "blank"]);
    assert.equal(languages.body.items[1].code, 2);

    for (const endpoint of ["complexity", "languages"]) {
      const unknown = await getJson(`${app.url}/api/analyses/${crypto.randomUUID()}/${endpoint}`);
      assert.equal(unknown.status, 404, endpoint);
      assert.equal(unknown.body.error.code, "not_found");
    }
  });
  // A web process without a worker: the analysis stays queued, the page shows progress, the JSON says not yet.
  const web = await startTestApp({ ROLE: "web" });
  const repo = await overviewRepo();
  try {
    const queued = await postJson(`${web.url}/api/analyses`, { repoUrl: repo });
    const complexity = await getJson(`${web.url}/api/analyses/${queued.body.id}/complexity`);
    assert.equal(complexity.status, 409);
    assert.equal(complexity.body.error.code, "not_ready");
    const html = await (await fetch(`${web.url}/analyses/${queued.body.id}`)).text();
    assert.match(html, /data-island="AnalysisProgress"/);
    assert.doesNotMatch(html, /data-island="OverviewCharts"|Where to go next/);
  } finally {
    await web.close();
    await Deno.remove(repo, { recursive: true });
  }
});

Deno.test("[overview] a truncated history says so; an analysis without history says what is missing", async () => {
  await withAnalysis(overviewRepo, async (app, id) => {
    const html = await (await fetch(`${app.url}/analyses/${id}`)).text();
    assert.match(html, /Only the latest 2[\s\S]*commits were read/);
    assert.ok(html.includes(card(2, "commits (0 merges)")));

    const snapshot = await postJson(`${app.url}/api/analyses/${id}/snapshots`, { at: "2024-02-12" });
    const done = await waitForAnalysis(app.url, snapshot.body.analysisId, 30_000);
    assert.equal(done.status, "succeeded");
    const plain = await (await fetch(`${app.url}/analyses/${snapshot.body.analysisId}`)).text();
    assert.match(plain, /ran without its history/);
    assert.match(plain, /data-island="OverviewCharts"/);
    assert.ok(plain.includes(card(1 + 1 + 1, "files")));
    assert.ok(!plain.includes('card-label">contributors'), "no contributors card");
    assert.match(plain, /Timeline<\/a> <span class="muted">— [^<]*\(needs the history\)/);
  }, { env: { HISTORY_MAX_COMMITS: "2" } });
});

/** The module scripts a page loads first: the boot script, its islands and every chunk they import, gzipped. */
async function firstLoadJavaScript(
  app: TestApp,
  pagePath: string,
): Promise<{ files: Record<string, number>; gzipped: number }> {
  const html = await (await fetch(`${app.url}${pagePath}`)).text();
  const queue = [
    ...html.matchAll(/<script type="module" src="([^"]+)"/g),
    ...html.matchAll(/data-src="([^"]+)"/g),
  ].map((m) => m[1]);
  const files: Record<string, number> = {};
  while (queue.length) {
    const url = queue.shift()!;
    if (url in files) continue;
    const body = await (await fetch(`${app.url}${url}`)).text();
    const stream = new Blob([body]).stream().pipeThrough(new CompressionStream("gzip"));
    files[url] = (await new Response(stream).arrayBuffer()).byteLength;
    for (const m of body.matchAll(/["'](\/assets\/[^"']+\.js)["']/g)) queue.push(m[1]);
  }
  return { files, gzipped: Object.values(files).reduce((a, b) => a + b, 0) };
}

Deno.test("[overview] the page's JavaScript on first load stays under 100 KB gzipped", async () => {
  await withAnalysis(overviewRepo, async (app, id) => {
    const { files, gzipped } = await firstLoadJavaScript(app, `/analyses/${id}`);
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    const each = Object.entries(files).map(([url, bytes]) => `${url.replace(/-\w+\.js$/, "")} ${kb(bytes)}`);
    console.log(`[overview] first-load JavaScript: ${kb(gzipped)} gzipped (${each.join(", ")})`);
    assert.ok(Object.keys(files).some((f) => f.includes("OverviewCharts")), "the charts are counted");
    assert.ok(gzipped < 100 * 1024, `${gzipped} bytes`);
  });
});

Deno.test({
  name: "[overview] in a browser: both charts draw, in both themes, without errors; without JS the tables; a phone",
  ignore: !hasBrowser,
  async fn() {
    await withAnalysis(overviewRepo, (app, id) =>
      withBrowser(async (browser) => {
        const page = await browser.newPage();
        const problems = watchProblems(page);
        // The charts' box as the server's HTML lays it out, without JavaScript …
        const plain = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
        await plain.goto(`${app.url}/analyses/${id}`);
        const box = await plain.locator(".ov-charts").boundingBox();
        assert.equal(await plain.locator('th[scope="row"]:has-text("TypeScript")').count(), 1);
        assert.equal(await plain.locator("#complexity-distribution + .table-wrap tbody tr").count(), 8);

        // … is where the charts draw: no layout shift.
        await page.goto(`${app.url}/analyses/${id}`);
        await page.waitForSelector('[data-island="OverviewCharts"][data-hydrated="true"]');
        await waitForDrawing(page, ".plot-donut canvas");
        await waitForDrawing(page, ".ov-charts .plot:nth-child(2) canvas");
        assert.deepEqual(await page.locator(".ov-charts").boundingBox(), box, "no layout shift when the charts draw");
        assert.match(await page.getAttribute(".plot-donut canvas", "aria-label") ?? "", /TypeScript \d+\.\d%/);
        assert.match(await page.textContent(".plot-donut .tl-legend") ?? "", /TypeScriptPython/);
        await page.waitForLoadState("networkidle");
        await page.waitForTimeout(500); // the charts' short entry animation
        await screenshot(page, "overview");
        // Light, then dark: the charts take the theme's colours again.
        await page.click(".theme-toggle");
        await page.click(".theme-toggle");
        assert.equal(await page.getAttribute("html", "data-theme"), "dark");
        await page.waitForTimeout(500);
        await screenshot(page, "overview-dark");
        assert.deepEqual(problems, []);

        const phone = await (await browser.newContext({ viewport: { width: 360, height: 780 } })).newPage();
        await phone.goto(`${app.url}/analyses/${id}`);
        await phone.waitForSelector('[data-island="OverviewCharts"][data-hydrated="true"]');
        await waitForDrawing(phone, ".plot-donut canvas");
        assert.equal(await phone.evaluate(() => document.documentElement.scrollWidth), 360);
        await phone.waitForTimeout(500);
        await screenshot(phone, "overview-phone");
      }));
  },
});
