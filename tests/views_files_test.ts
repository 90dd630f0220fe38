import assert from "node:assert/strict";
import fs from "node:fs/promises";
import path from "node:path";
import { hasBrowser, withBrowser } from "./support/browser.ts";
import { getJson, getPage, screenshot, watchProblems, withAnalysis } from "./support/dashboard.ts";
import { makeGitRepo } from "./support/git_repo.ts";
import { CAROL, commitAs, craftedHistory } from "./support/history_repo.ts";
import { startTestApp, waitForAnalysis } from "./support/test_app.ts";
import { submitAnalysis } from "../lib/pipeline/submit.ts";
import { normalizeRepoUrl } from "../lib/repo/url.ts";

/** A Python function with `branches` ifs: CCN = branches + 1. */
const branchy = (name: string, branches: number) =>
  `def ${name}(x):\n` + Array.from({ length: branches }, (_, i) =>
    `    if x == ${i}:\n        return ${i}\n`).join("") +
  "    return -1\n\n\n";

const UTIL =
  `import os\n\n\n"""A module\nwith a docstring on two lines."""\n\n\ndef simple(a):\n    return a + 1\n\n\n` +
  branchy("medium", 6) + branchy("tangled", 12);

/** The crafted history, then a nested package, 105 small files in one directory and a binary. */
async function filesRepo(): Promise<string> {
  const dir = await craftedHistory();
  const many = Object.fromEntries(
    Array.from({ length: 105 }, (_, i) => [`many/f${String(i).padStart(3, "0")}.txt`, `${i}\n`]),
  );
  await commitAs(dir, CAROL, "2024-03-01T12:00:00Z", {
    "src/lib/util.py": UTIL,
    "src/lib/deep/z.ts": "export function z(a: number) {\n  return a > 1 ? a : 0;\n}\n",
    "odd dir/a b#c?.md": "# odd\n",
    "big.txt": "0123456789abcdef\n".repeat(70_000),
    ...many,
  }, "a library");
  await Deno.writeFile(path.join(dir, "logo.png"), new Uint8Array([137, 80, 78, 71, 0, 0, 0, 13, 1, 2]));
  await commitAs(dir, CAROL, "2024-03-02T12:00:00Z", {}, "a logo");
  return dir;
}

/** The analysis of the files fixture takes well under this. */
const ANALYSIS = { timeoutMs: 30_000 };

Deno.test("[files] the Files page: a directory's children as a table, directories first, by ?dir= and ?page=", async () => {
  await withAnalysis(filesRepo, async (app, id) => {
    const base = `${app.url}/analyses/${id}/files`;
    const root = await getPage(base);
    assert.equal(root.status, 200);
    assert.match(root.html, /data-island="Treemap"/);
    assert.match(root.html, /class="tm-box"/, "the treemap's box is reserved in the server's HTML");
    for (const text of ["src/", "many/", "x.py", "Carol White", "Main author", "Last change"]) {
      assert.ok(root.html.includes(text), `the table shows ${text}`);
    }
    assert.ok(root.html.indexOf("src/") < root.html.indexOf(">x.py<"), "directories come first");
    assert.match(root.html, new RegExp(`href="/analyses/${id}/files\\?dir=src"`));
    assert.match(root.html, new RegExp(`href="/analyses/${id}/files/x.py"`));

    const src = await getPage(`${base}?dir=src`);
    assert.equal(src.status, 200);
    assert.match(src.html, /aria-label="Breadcrumb"/);
    assert.ok(src.html.includes(`href="/analyses/${id}/files?dir=src%2Flib"`), "subdirectories link to their table");
    assert.match(src.html, /b\.ts/);
    const lib = await getPage(`${base}?dir=src/lib/`);
    assert.match(lib.html, /class="ccn ccn-high">13</, "a directory's max CCN, coloured");

    const many = await getPage(`${base}?dir=many`);
    assert.match(many.html, /1–100 of 105 entries/);
    assert.match(many.html, /Page 1 of 2/);
    assert.match(many.html, /f099\.txt/);
    assert.doesNotMatch(many.html, /f100\.txt/);
    const second = await getPage(`${base}?dir=many&page=2`);
    assert.match(second.html, /101–105 of 105 entries/);
    assert.match(second.html, /f104\.txt/);

    assert.equal((await getPage(`${base}?dir=nowhere`)).status, 404);
    const bad = await getPage(`${base}?page=0`);
    assert.equal(bad.status, 400);
    assert.match(bad.html, /page/);
    assert.equal((await getPage(`${app.url}/analyses/00000000-0000-0000-0000-000000000000/files`)).status, 404);
  }, ANALYSIS);
});

Deno.test("[files] a File page: functions by CCN, highlighted source with anchors and marks, history, coupling, imports", async () => {
  await withAnalysis(filesRepo, async (app, id) => {
    const file = (p: string, query = "") => getPage(`${app.url}/analyses/${id}/files/${p}${query}`);

    const util = await file("src/lib/util.py");
    assert.equal(util.status, 200);
    for (const name of ["simple", "medium", "tangled"]) assert.ok(util.html.includes(`<code>${name}</code>`), name);
    assert.match(util.html, /class="ccn ccn-high">13</);
    assert.match(util.html, /class="ccn ccn-mid">7</);
    assert.match(util.html, /<tr id="L1">/);
    assert.match(util.html, /href="#L12"/, "every line links to itself");
    assert.match(util.html, /<span class="hljs-keyword">def<\/span>/, "highlighted on the server");
    // The docstring spans two lines: each line's HTML is closed on its own.
    assert.match(util.html, /<code><span class="hljs-string">&quot;&quot;&quot;A module<\/span><\/code>/);
    assert.match(util.html, /class="fn-mark fn-mark-high" title="tangled · CCN 13"/);
    assert.match(util.html, /a library/, "the commits that changed it");
    assert.match(util.html, /Main author: <strong>Carol White<\/strong>/);
    assert.match(util.html, /<code>os<\/code>/, "an external import");

    const byCcn = await file("src/lib/util.py", "?sort=ccn");
    assert.ok(byCcn.html.indexOf("<code>tangled</code>") < byCcn.html.indexOf("<code>simple</code>"));
    assert.ok(util.html.indexOf("<code>simple</code>") < util.html.indexOf("<code>tangled</code>"));
    const badSort = await file("src/lib/util.py", "?sort=size");
    assert.equal(badSort.status, 400);
    assert.match(badSort.html, /sort/);

    const x = await file("x.py");
    assert.ok(x.html.includes(`href="/analyses/${id}/files/y.py"`), "its import, resolved, and its coupled file");
    const y = await file("y.py");
    assert.match(y.html, /Imported by \(1\)/);
    const p = await file("p.py");
    assert.match(p.html, /q\.py/);
    assert.match(p.html, /no import/, "coupling no import explains");
    const moved = await file("src/b.ts");
    assert.match(moved.html, / as a\.ts/, "renames followed in its history");

    // Paths with spaces, # and ? are encoded in every link and decoded by the route.
    const odd = await getPage(`${app.url}/analyses/${id}/files?dir=odd+dir`);
    assert.ok(odd.html.includes(`href="/analyses/${id}/files/odd%20dir/a%20b%23c%3F.md"`));
    const oddFile = await file("odd%20dir/a%20b%23c%3F.md");
    assert.equal(oddFile.status, 200);
    assert.match(oddFile.html, /# odd/);

    assert.match((await file("logo.png")).html, /This is a binary file\./);
    assert.match((await file("big.txt")).html, /larger than 1 MiB: it is not shown/);
    assert.equal((await file("nope.py")).status, 404);
    assert.equal((await file("src")).status, 404, "a directory is not a file");

    // The mirror gone: the page still renders, and says why the source is missing.
    await fs.rm(path.join(app.config.DATA_DIR, "mirrors"), { recursive: true, force: true });
    const gone = await file("src/lib/util.py");
    assert.equal(gone.status, 200);
    assert.match(gone.html, /copy is not on this server/);
  }, ANALYSIS);
});

Deno.test("[files] the JSON of the treemap and of a file: shape, caps, 400 naming the field, 404s", async () => {
  await withAnalysis(filesRepo, async (app, id) => {
    const api = (p: string) => getJson(`${app.url}/api/analyses/${id}/files/${p}`);

    const root = await api("tree");
    assert.equal(root.status, 200);
    assert.equal(root.body.truncated, false);
    assert.equal(root.body.history, true);
    const src = root.body.entries.find((e: { path: string }) => e.path === "src");
    assert.equal(src.kind, "dir");
    assert.equal(src.files, 3);
    assert.equal(src.maxCcn, 13);
    const inner = await api("tree?dir=src");
    const sum = inner.body.entries.reduce((n: number, e: { code: number }) => n + e.code, 0);
    assert.equal(src.code, sum, "a directory's lines are its children's");
    assert.deepEqual(inner.body.entries.map((e: { path: string }) => e.path), ["src/lib", "src/b.ts"]);

    const deep = await api("tree?depth=2&dir=src");
    const libChildren = deep.body.entries[0].children.map((e: { path: string }) => e.path);
    assert.deepEqual(libChildren.sort(), ["src/lib/deep", "src/lib/util.py"]);

    const capped = await api("tree?dir=many&limit=2");
    assert.equal(capped.body.entries.length, 2);
    assert.equal(capped.body.truncated, true);
    assert.equal(capped.body.omitted, 103);

    assert.equal((await api("tree?depth=3")).body.error.field, "depth");
    assert.equal((await api("tree?limit=0")).body.error.field, "limit");
    assert.equal((await api("tree?dir=nowhere")).status, 404);

    const detail = await api("detail?path=src/lib/util.py");
    assert.equal(detail.status, 200);
    assert.deepEqual(detail.body.functions.items.map((f: { name: string }) => f.name), ["simple", "medium", "tangled"]);
    assert.equal(detail.body.file.path, "src/lib/util.py");
    assert.equal(detail.body.history.totals.mainAuthor, "Carol White");
    assert.equal(detail.body.history.commits.items[0].subject, "a library");
    assert.equal(detail.body.imports[0].external, "os");
    assert.equal("source" in detail.body, false);
    const x = await api("detail?path=x.py");
    assert.deepEqual(x.body.coupling.map((c: { path: string }) => c.path), ["y.py"]);
    assert.deepEqual((await api("detail?path=y.py")).body.importers.items, [{ path: "x.py", line: 1 }]);

    const missing = await api("detail");
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.field, "path");
    assert.equal((await api("detail?path=../etc/passwd")).status, 404);
    const unknown = await getJson(`${app.url}/api/analyses/00000000-0000-0000-0000-000000000000/files/tree`);
    assert.equal(unknown.status, 404);
  }, ANALYSIS);
});

Deno.test("[files] an analysis without history: every table still renders and says what is missing", async () => {
  const app = await startTestApp();
  const repo = await makeGitRepo({ "app/main.py": "def main():\n    return 1\n", "README.md": "# hi\n" });
  try {
    const { id } = await submitAnalysis(app.database.db, {
      repo: normalizeRepoUrl(repo, { allowLocal: true }),
      ref: null,
      withHistory: false,
    });
    assert.equal((await waitForAnalysis(app.url, id, 30_000)).status, "succeeded");
    const page = await getPage(`${app.url}/analyses/${id}/files`);
    assert.equal(page.status, 200);
    assert.match(page.html, /ran without its history/);
    assert.doesNotMatch(page.html, /Main author/);
    assert.match(page.html, /&quot;hasHistory&quot;:false/);
    const file = await getPage(`${app.url}/analyses/${id}/files/app/main.py`);
    assert.equal(file.status, 200);
    assert.match(file.html, /ran without its history: commits, authors and coupling are unknown/);
    assert.match(file.html, /<code>main<\/code>/);
    const tree = await getJson(`${app.url}/api/analyses/${id}/files/tree`);
    assert.equal(tree.body.history, false);
    assert.equal(tree.body.entries.find((e: { path: string }) => e.path === "app").commits, null);
    assert.equal((await getJson(`${app.url}/api/analyses/${id}/files/detail?path=app/main.py`)).body.history, null);
  } finally {
    await app.close();
    await Deno.remove(repo, { recursive: true });
  }
});

Deno.test({
  name: "[browser] the treemap draws, colours by ownership, zooms, opens a file with Enter; both pages work without JS",
  ignore: !hasBrowser,
  async fn() {
    await withAnalysis(filesRepo, (app, id) =>
      withBrowser(async (browser) => {
        const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
        const problems = watchProblems(page);

        await page.goto(`${app.url}/analyses/${id}/files`);
        await page.waitForSelector('[data-island="Treemap"][data-hydrated="true"]');
        await page.waitForSelector(".tm-tile");
        const drawn = await page.$$eval(".tm-tile", (tiles) =>
          tiles.filter((t) => {
            const r = t.getBoundingClientRect();
            const bg = getComputedStyle(t).backgroundColor;
            return r.width > 0 && r.height > 0 && bg !== "rgba(0, 0, 0, 0)" && bg !== "transparent";
          }).length);
        assert.ok(drawn >= 5, `${drawn} coloured tiles`);
        assert.match(await page.getAttribute(".tm-box", "aria-label") ?? "", /Treemap of the repository: \d+ entries/);
        await screenshot(page, "files");

        await page.check('input[value="ownership"]');
        await page.waitForSelector('.tm-legend li:has-text("Carol White")');
        await page.emulateMedia({ colorScheme: "dark" });
        await screenshot(page, "files-ownership-dark");
        await page.emulateMedia({ colorScheme: "light" });
        await page.check('input[value="age"]');
        await page.waitForSelector(".tm-gradient");

        await page.click('.tm-group-head:has-text("src/")');
        await page.waitForSelector('.tm-crumbs button:disabled:has-text("src")');
        await page.waitForSelector('.tm-tile[href$="/files/src/b.ts"]');
        await page.focus('.tm-tile[href$="/files/src/b.ts"]');
        await page.keyboard.press("Enter");
        await page.waitForURL(/\/files\/src\/b\.ts$/);
        await page.waitForSelector("table.source #L1");

        await page.goto(`${app.url}/analyses/${id}/files/src/lib/util.py#L12`);
        await page.waitForSelector(".fn-mark-high");
        await screenshot(page, "file");

        // A phone: no horizontal scroll of the page itself.
        await page.setViewportSize({ width: 360, height: 740 });
        for (const url of [`/analyses/${id}/files`, `/analyses/${id}/files/src/lib/util.py`]) {
          await page.goto(app.url + url);
          // Leaving before the treemap's JSON arrives would abort it: a failed request, not this view's fault.
          await page.waitForLoadState("networkidle");
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(width <= 360, `${url} is ${width}px wide on a phone`);
        }
        assert.deepEqual(problems, []);

        const noJs = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
        await noJs.goto(`${app.url}/analyses/${id}/files?dir=src`);
        assert.equal(await noJs.locator("table.file-tree tbody tr").count(), 2);
        await noJs.click('table.file-tree a:has-text("lib/")');
        await noJs.waitForURL(/dir=src%2Flib/);
        await noJs.click('table.file-tree a:has-text("util.py")');
        await noJs.waitForSelector('table.source tr[id="L1"]');
        assert.ok(await noJs.locator("#functions table.data tbody tr").count() === 3);
      }), ANALYSIS);
  },
});
