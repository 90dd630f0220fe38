import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { languageSeries, monthsBetween, weeksBetween } from "../lib/shared/charts.ts";
import { postForm } from "./support/accounts.ts";
import { hasBrowser, withBrowser } from "./support/browser.ts";
import {
  emptyRepo,
  getJson,
  getPage,
  screenshot,
  tsFunction as fn,
  waitForDrawing,
  watchProblems,
  withAnalysis,
} from "./support/dashboard.ts";
import { git } from "./support/git_repo.ts";
import { ALICE, BOB, CAROL, commitAs } from "./support/history_repo.ts";
import { postJson, type TestApp } from "./support/test_app.ts";

/**
 * Seven commits over six months (2024-01 … 2024-06) by Alice, Bob and Carol:
 * TypeScript grows, Python arrives in February, Markdown moves from README.md
 * to docs/guide.md in April, a complex function (CCN 12) lands in May.
 */
async function timelineRepo(): Promise<string> {
  const dir = await emptyRepo("timeline");
  await commitAs(dir, ALICE, "2024-01-08T10:00:00Z", { "src/app.ts": fn("app", 0), "README.md": "# T\n" }, "start");
  await commitAs(dir, BOB, "2024-02-12T10:00:00Z", {
    "src/app.ts": fn("app", 0) + fn("route", 2),
    "tool.py": "def tool(a):\n    return a\n",
  }, "routes and a tool");
  await commitAs(dir, ALICE, "2024-03-04T10:00:00Z", { "src/util.ts": fn("util", 5) }, "util");
  await commitAs(dir, CAROL, "2024-03-20T10:00:00Z", {
    "tool.py": "def tool(a):\n    if a:\n        return a\n    return 0\n",
  }, "tool grows");
  await commitAs(
    dir,
    BOB,
    "2024-04-15T10:00:00Z",
    { "README.md": null, "docs/guide.md": "# Guide\n\nRead me.\n" },
    "docs",
  );
  await commitAs(dir, ALICE, "2024-05-06T10:00:00Z", { "src/complex.ts": fn("complex", 11) }, "complex");
  await commitAs(dir, CAROL, "2024-06-03T10:00:00Z", { "src/app.ts": fn("app", 1) + fn("route", 2) }, "app edit");
  return dir;
}

/** Waits until the snapshot at `sha` has run. */
async function snapshotDone(app: TestApp, id: string, sha: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (true) {
    const { body } = await getJson(`${app.url}/api/analyses/${id}/snapshots/${sha}`);
    if (body.status === "succeeded") return;
    assert.ok(["queued", "running"].includes(body.status), `snapshot ${body.status}`);
    assert.ok(Date.now() < deadline, "the snapshot took too long");
    await new Promise((r) => setTimeout(r, 100));
  }
}

Deno.test("[timeline] series helpers: weeks, months, languages filled between changes (no database)", () => {
  assert.deepEqual(weeksBetween("2024-01-01", "2024-01-22"), ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22"]);
  assert.deepEqual(monthsBetween("2023-11", "2024-02"), ["2023-11", "2023-12", "2024-01", "2024-02"]);
  const series = languageSeries(
    [
      { month: "2024-01-01", language: "TypeScript", lines: 10, added: 10, deleted: 0 },
      { month: "2024-03-01", language: "Python", lines: 4, added: 2, deleted: 0 },
      { month: "2024-03-01", language: "TypeScript", lines: 25, added: 15, deleted: 0 },
      { month: "2024-03-01", language: "Go", lines: 7, added: 7, deleted: 0 },
    ],
    ["TypeScript", "Python", "Go"],
    2,
  );
  assert.deepEqual(series.months, ["2024-01", "2024-02", "2024-03"]);
  assert.deepEqual(series.languages, ["TypeScript", "Python", "Other"]);
  // February keeps January's lines; Python had 2 lines before its first change in the history.
  assert.deepEqual(series.lines, [[10, 10, 25], [2, 2, 4], [0, 0, 7]]);
});

Deno.test("[timeline] the page without JavaScript: activity per month, commits, snapshot and comparison by forms", async (t) => {
  await withAnalysis(timelineRepo, async (app, id, repo) => {
    const base = `/analyses/${id}/timeline`;
    const head = (await git(repo, ["rev-parse", "HEAD"])).trim();
    const march = (await git(repo, ["rev-list", "-1", "--before=2024-03-05", "HEAD"])).trim();

    await t.step("activity per month, newest first, and the commits with links to each point", async () => {
      const { status, html } = await getPage(`${app.url}${base}`);
      assert.equal(status, 200);
      assert.match(html, /data-island="ActivityChart"/);
      assert.match(html, /data-island="SnapshotScrubber"/);
      const months = [...html.matchAll(/<th scope="row">(2024-\d\d)<\/th>/g)].map((m) => m[1]);
      assert.deepEqual(months, ["2024-06", "2024-05", "2024-04", "2024-03", "2024-02", "2024-01"]);
      // March: two commits by two people.
      assert.match(html, /<th scope="row">2024-03<\/th><td class="num">2<\/td><td class="num">2<\/td>/);
      assert.match(html, /7 commits by 3 people from 2024-01-08 to 2024-06-03/);
      assert.match(html, /tool grows/);
      assert.ok(html.includes(`${base}?at=${march.slice(0, 12)}#snapshot`), "a snapshot link per commit");
      assert.ok(html.includes(`from=${march.slice(0, 12)}&amp;to=${head.slice(0, 12)}#compare`), "compare with now");
      // The GET form works without JavaScript.
      assert.match(html, /<form method="get" action="\/analyses\/[^"]+\/timeline#snapshot"/);
      assert.match(html, /<input id="tl-at" name="at" type="text" required/);
    });

    let marchSnapshot = "";
    await t.step("a point not computed yet offers a button; the button requests it and comes back", async () => {
      const asked = await getPage(`${app.url}${base}?at=2024-03-05`);
      assert.equal(asked.status, 200);
      assert.match(asked.html, /has not been analysed yet/);
      assert.match(asked.html, new RegExp(`action="${base}/snapshots"`));
      const posted = await postForm(app.url, `${base}/snapshots`, { at: "2024-03-05" });
      assert.equal(posted.status, 303);
      marchSnapshot = march.slice(0, 12);
      assert.equal(posted.headers.get("location"), `${base}?at=${marchSnapshot}#snapshot`);
      const running = await getPage(`${app.url}${base}?at=${marchSnapshot}`);
      if (running.html.includes("Computing the repository")) {
        const again = `3; url=${base}?at=${marchSnapshot}`;
        assert.ok(running.html.includes(`<noscript><meta http-equiv="refresh" content="${again}"/></noscript>`));
      }
      await snapshotDone(app, id, march);
    });

    await t.step("the snapshot: files, lines per language and complexity then", async () => {
      const { status, html } = await getPage(`${app.url}${base}?at=${marchSnapshot}`);
      assert.equal(status, 200);
      assert.match(html, new RegExp(`At <code>${march.slice(0, 7)}</code>`));
      // Then: src/app.ts, src/util.ts, README.md, tool.py; functions app, route, util, tool.
      assert.match(html, /<span class="card-value">4<\/span><span class="card-label">files<\/span>/);
      assert.match(html, /<span class="card-value">4<\/span><span class="card-label">functions<\/span>/);
      assert.match(html, /<th scope="row">Python<\/th>/);
      assert.match(html, /<span class="ccn ccn-mid">6<\/span><\/span><span class="card-label">highest CCN/);
      assert.doesNotMatch(html, /<noscript><meta http-equiv="refresh"/);
    });

    await t.step("comparing the snapshot with now: added, removed, changed with code and CCN", async () => {
      const { status, html } = await getPage(`${app.url}${base}?from=${marchSnapshot}&to=${head.slice(0, 12)}`);
      assert.equal(status, 200);
      assert.match(html, /2 files added, 1 removed, 2 changed\./);
      assert.match(html, /<code>src\/complex.ts<\/code>/);
      assert.match(html, /<code>README.md<\/code>/);
      // src/app.ts: one decision more (CCN 4 → 5); tool.py grew after the snapshot too.
      assert.match(
        html,
        /<th scope="row"><code>src\/app.ts<\/code><\/th>(<td class="num">\d+<\/td>){3}<td class="num tl-ccn-up">5<\/td>/,
      );
      const json = await getJson(`${app.url}/api/analyses/${id}/compare?from=${marchSnapshot}&to=${head}`);
      assert.deepEqual(json.body.added, ["docs/guide.md", "src/complex.ts"]);
    });

    await t.step("a comparison of points not computed offers one button for both", async () => {
      const { html } = await getPage(`${app.url}${base}?from=2024-01-09&to=${head.slice(0, 12)}`);
      assert.match(html, /not computed yet/);
      assert.match(html, new RegExp(`action="${base}/compare"`));
      const posted = await postForm(app.url, `${base}/compare`, { from: "2024-01-09", to: head.slice(0, 12) });
      assert.equal(posted.status, 303);
      assert.match(posted.headers.get("location")!, /\?from=[0-9a-f]{12}&to=[0-9a-f]{12}#compare$/);
    });

    await t.step("bad points and pages are 400s that name the field", async () => {
      const bad = await getPage(`${app.url}${base}?at=zzz`);
      assert.equal(bad.status, 400);
      assert.match(bad.html, /at: must be a commit id or an ISO date/);
      assert.match(bad.html, /aria-invalid="true"/);
      const early = await getPage(`${app.url}${base}?from=2020-01-01&to=${head.slice(0, 12)}`);
      assert.equal(early.status, 400);
      assert.match(early.html, /from: is before the first commit/);
      for (const [query, field] of [["page=0", "page"], ["commitsPage=x", "commitsPage"], ["from=abc1234", "to"]]) {
        const answer = await getPage(`${app.url}${base}?${query}`);
        assert.equal(answer.status, 400, query);
        assert.match(answer.html, new RegExp(`${field}:`), query);
      }
      const empty = await postForm(app.url, `${base}/snapshots`, { at: " " });
      assert.equal(empty.status, 400);
      assert.equal((await fetch(`${app.url}/analyses/${crypto.randomUUID()}/timeline`)).status, 404);
    });
  });
});

Deno.test("[timeline] JSON: recent commits newest first, paginated, before a date; 400 naming the field", async () => {
  await withAnalysis(timelineRepo, async (app, id) => {
    const api = `${app.url}/api/analyses/${id}/history/commits`;
    const all = await getJson(api);
    assert.equal(all.status, 200);
    assert.equal(all.body.total, 7);
    assert.deepEqual(all.body.items.map((c: { subject: string }) => c.subject), [
      "app edit",
      "complex",
      "docs",
      "tool grows",
      "util",
      "routes and a tool",
      "start",
    ]);
    const first = all.body.items[0];
    assert.deepEqual(Object.keys(first).sort(), [
      "added",
      "author",
      "committedAt",
      "deleted",
      "files",
      "merge",
      "sha",
      "subject",
    ]);
    assert.equal(first.author, "Carol White");
    const paged = await getJson(`${api}?limit=2&offset=2`);
    assert.deepEqual(paged.body.items.map((c: { subject: string }) => c.subject), ["docs", "tool grows"]);
    assert.deepEqual([paged.body.limit, paged.body.offset, paged.body.total], [2, 2, 7]);
    const before = await getJson(`${api}?before=2024-03-04&limit=1`);
    assert.equal(before.body.total, 3, "a date means the end of that day");
    assert.equal(before.body.items[0].subject, "util");
    const time = await getJson(`${api}?before=${encodeURIComponent("2024-03-04T09:00:00Z")}`);
    assert.equal(time.body.items[0].subject, "routes and a tool");

    for (
      const [query, field] of [["before=yesterday", "before"], ["before=2024-02-31T99:00", "before"], [
        "limit=0",
        "limit",
      ], ["offset=-1", "offset"]]
    ) {
      const bad = await getJson(`${api}?${query}`);
      assert.equal(bad.status, 400, query);
      assert.equal(bad.body.error.field, field, query);
    }
    assert.equal((await getJson(`${app.url}/api/analyses/${crypto.randomUUID()}/history/commits`)).status, 404);
  });
});

Deno.test("[languages] the page: months × languages without JavaScript, paginated; views without history say so", async () => {
  await withAnalysis(timelineRepo, async (app, id) => {
    const { status, html } = await getPage(`${app.url}/analyses/${id}/languages`);
    assert.equal(status, 200);
    assert.match(html, /data-island="LanguageChart"/);
    assert.match(html, /<th scope="col" class="num">TypeScript<\/th>/);
    const rows = [...html.matchAll(/<tr><th scope="row">(2024-\d\d)<\/th>(.*?)<\/tr>/g)];
    assert.deepEqual(rows.map((r) => r[1]), ["2024-06", "2024-05", "2024-04", "2024-03", "2024-02", "2024-01"]);
    // The last month holds every line of the languages now (code + comments + blanks).
    const report = await (await fetch(`${app.url}/api/analyses/${id}/report`)).json();
    const lines = (language: string) =>
      report.files.filter((f: { language: string }) => f.language === language)
        .reduce((sum: number, f: { lines: { code: number; comment: number; blank: number } }) =>
          sum + f.lines.code + f.lines.comment + f.lines.blank, 0);
    const june = [...rows[0][2].matchAll(/<td class="num">([\d,]+)<\/td>/g)].map((m) => Number(m[1].replace(",", "")));
    const heads = [...html.matchAll(/<th scope="col" class="num">([^<]+)<\/th>/g)].map((m) => m[1]);
    assert.equal(june[heads.indexOf("TypeScript")], lines("TypeScript"));
    assert.equal(june[heads.indexOf("Python")], lines("Python"));
    assert.equal(june.at(-1), june.slice(0, -1).reduce((a, b) => a + b, 0), "the total");

    assert.equal((await getPage(`${app.url}/analyses/${id}/languages?page=abc`)).status, 400);
    assert.equal((await fetch(`${app.url}/analyses/${crypto.randomUUID()}/languages`)).status, 404);

    // A snapshot is an analysis without history: its views say what is missing and still render.
    const snapshot = await postJson(`${app.url}/api/analyses/${id}/snapshots`, { at: "2024-02-12" });
    await snapshotDone(app, id, snapshot.body.commit);
    const noHistory = snapshot.body.analysisId;
    const languages = await getPage(`${app.url}/analyses/${noHistory}/languages`);
    assert.equal(languages.status, 200);
    assert.match(languages.html, /ran without its history/);
    assert.match(languages.html, /<strong>TypeScript<\/strong>/);
    const timeline = await getPage(`${app.url}/analyses/${noHistory}/timeline`);
    assert.equal(timeline.status, 200);
    assert.match(timeline.html, /ran without its history/);
    assert.equal((await getJson(`${app.url}/api/analyses/${noHistory}/history/commits`)).status, 409);
  });
});

/** True when the page scrolls sideways on a 360 px wide phone (tables scroll inside their own box). */
async function overflowsPhone(browser: Browser, url: string): Promise<boolean> {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > 360);
  if (wide) {
    console.log(
      "DEBUG",
      await page.evaluate(() =>
        [...document.querySelectorAll("body *")].filter((e) =>
          e.getBoundingClientRect().right > 361 && !e.closest(".table-wrap")
        )
          .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`).slice(0, 15).join(
            "\n",
          )
      ),
    );
  }
  await context.close();
  return wide;
}

Deno.test({
  name:
    "[timeline] in a browser: the charts draw, the scrubber shows a snapshot and a comparison; without JS the tables",
  ignore: !hasBrowser,
  async fn() {
    await withAnalysis(timelineRepo, (app, id) =>
      withBrowser(async (browser) => {
        const page = await browser.newPage();
        const errors = watchProblems(page);
        await page.goto(`${app.url}/analyses/${id}/timeline`);
        await page.waitForSelector('[data-island="ActivityChart"][data-hydrated="true"]');
        await waitForDrawing(page, ".tl-activity canvas");
        assert.match(await page.getAttribute(".tl-activity canvas", "aria-label") ?? "", /7 in all/);
        await page.check('input[name="activity-mode"][value="lines"]');
        await page.waitForFunction(() =>
          /added/.test(document.querySelector(".tl-activity canvas")?.getAttribute("aria-label") ?? "")
        );

        // The slider picks a week's last commit; "Show" asks for the snapshot and shows it in place.
        await page.waitForSelector('[data-island="SnapshotScrubber"][data-hydrated="true"]');
        await page.waitForSelector("#tl-week:not([disabled])");
        await page.focus("#tl-week");
        await page.keyboard.press("Home");
        await page.waitForFunction(() => /start/.test(document.querySelector(".tl-week-value")?.textContent ?? ""));
        assert.match(await page.inputValue("#tl-at"), /^[0-9a-f]{12}$/);
        await page.fill("#tl-at", "2024-03-05");
        await page.click('#snapshot button[type="submit"]');
        await page.waitForSelector(".tl-snapshot", { timeout: 20_000 });
        assert.match(await page.textContent(".tl-snapshot") ?? "", /Python/);
        assert.match(page.url(), /\?at=[0-9a-f]{12}/);
        await page.click(".tl-snapshot a.button");
        await page.waitForSelector(".tl-diff", { timeout: 20_000 });
        assert.match(await page.textContent(".tl-diff") ?? "", /2 files added, 1 removed, 2 changed/);
        await page.waitForLoadState("networkidle");
        await page.waitForTimeout(500); // the charts' short entry animation
        await screenshot(page, "timeline");

        await page.goto(`${app.url}/analyses/${id}/languages`);
        await page.waitForSelector('[data-island="LanguageChart"][data-hydrated="true"]');
        await waitForDrawing(page, ".lg-chart canvas");
        await page.click('button.tl-legend-key:has-text("TypeScript")');
        assert.equal(await page.getAttribute('button.tl-legend-key:has-text("TypeScript")', "aria-pressed"), "false");
        await page.waitForLoadState("networkidle");
        await page.waitForTimeout(500);
        await screenshot(page, "languages");
        assert.deepEqual(errors, []);

        // Without JavaScript: the tables, and the snapshot through the plain forms.
        const plain = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
        await plain.goto(`${app.url}/analyses/${id}/languages`);
        assert.equal(await plain.locator("table.data tbody tr").count(), 6, "a row per month");
        await plain.goto(`${app.url}/analyses/${id}/timeline`);
        assert.equal(await plain.locator("#commits table.data tbody tr").count(), 7);
        await plain.fill("#tl-at", "2024-05-07");
        await plain.click('#snapshot button[type="submit"]');
        await plain.click("text=Compute the snapshot");
        await plain.waitForSelector(".tl-snapshot", { timeout: 20_000 });
        assert.match(await plain.textContent(".tl-snapshot") ?? "", /complex/);

        for (const view of ["timeline", "languages"]) {
          assert.equal(await overflowsPhone(browser, `${app.url}/analyses/${id}/${view}`), false, view);
        }
      }));
  },
});
