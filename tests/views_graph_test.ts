import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { buildGraph, type ImportGraphData, sliceGraph } from "../lib/views/graph.ts";
import { hasBrowser, withBrowser } from "./support/browser.ts";
import { emptyRepo, getJson, screenshot, watchProblems, withAnalysis } from "./support/dashboard.ts";
import { ALICE, BOB, CAROL, commitAs, DEPENDABOT, type Who } from "./support/history_repo.ts";

/** A complex function: CCN 12 (eleven decisions). */
const COMPLEX = "export function fmt(x: number): string {\n" +
  Array.from({ length: 11 }, (_, i) => `  if (x === ${i}) return "${i}";\n`).join("") + '  return "";\n}\n';

/**
 * src/core/{a,b,c}.ts import each other in a ring (a file cycle); src/core/c.ts imports lib/y.ts and lib/x.ts
 * imports src/util/fmt.ts (a src ⇄ lib cycle of directories only); src/ui/view.ts imports vendored code (not drawn).
 * Alice, Bob and Carol share files; dependabot is a bot.
 */
async function fixtureRepo(): Promise<string> {
  const dir = await emptyRepo("graph");
  await commitAs(dir, ALICE, "2024-01-01T10:00:00Z", {
    "src/core/a.ts": 'import { b } from "./b";\nexport const a = () => b();\n',
    "src/core/b.ts": 'import { c } from "./c";\nexport const b = () => c();\n',
    "src/core/c.ts": 'import { a } from "./a";\nimport { y } from "../../lib/y";\nexport const c = () => a() + y;\n',
    "src/ui/view.ts": 'import { a } from "../core/a";\nimport { fmt } from "../util/fmt";\n' +
      'import dep from "../../vendor/dep.js";\nexport const view = () => fmt(a()) + dep;\n',
    "src/ui/panel.ts":
      'import { view } from "./view";\nimport { b } from "../core/b";\nexport const p = view() + b();\n',
    "src/util/fmt.ts": COMPLEX,
    "lib/x.ts": 'import { fmt } from "../src/util/fmt";\nexport const x = fmt(1);\n',
    "lib/y.ts": 'import { x } from "./x";\nexport const y = x;\n',
    "vendor/dep.js": "module.exports = 1;\n",
    "README.md": "# fixture\n",
  }, "start");
  // Alice & Carol share 4 files, Alice & Bob 3, Bob & Carol 2 (src/core/a.ts and lib/x.ts).
  const edit = async (who: Who, date: string, paths: string[]) => {
    const files: Record<string, string> = {};
    for (const path of paths) files[path] = `// ${who[0]}\n` + await Deno.readTextFile(`${dir}/${path}`);
    await commitAs(dir, who, date, files, `edit ${paths.join(", ")}`);
  };
  await edit(ALICE, "2024-02-01T10:00:00Z", ["src/core/a.ts"]);
  await edit(BOB, "2024-02-02T10:00:00Z", ["src/core/a.ts"]);
  await edit(BOB, "2024-02-03T10:00:00Z", ["lib/x.ts", "lib/y.ts"]);
  await edit(CAROL, "2024-02-04T10:00:00Z", ["lib/x.ts"]);
  await edit(CAROL, "2024-02-05T10:00:00Z", ["src/core/a.ts", "src/ui/view.ts", "src/ui/panel.ts"]);
  await commitAs(dir, DEPENDABOT, "2024-02-06T10:00:00Z", { "package.json": '{"name":"fixture"}\n' }, "Bump");
  return dir;
}

Deno.test("[graph] file and directory graphs: ranking, top-N, cycles, directory filter (no database)", () => {
  const files = new Map(
    ["a/1", "a/2", "b/1", "b/c/1", "lone"].map((p, i) => [p, { lines: 10 * (i + 1), maxCcn: i * 3 }]),
  );
  const data: ImportGraphData = {
    files,
    edges: [
      { from: "a/1", to: "a/2", imports: 1 },
      { from: "a/2", to: "a/1", imports: 2 },
      { from: "a/2", to: "b/1", imports: 1 },
      { from: "b/c/1", to: "a/1", imports: 3 },
      { from: "b/1", to: "b/c/1", imports: 1 },
    ],
  };
  const file = buildGraph(data, { level: "file", depth: 1, dir: "" });
  // By connections, then lines.
  assert.deepEqual(file.nodes.map((n) => [n.id, n.in, n.out]), [
    ["a/2", 1, 2],
    ["a/1", 2, 1],
    ["b/c/1", 1, 1],
    ["b/1", 1, 1],
  ]);
  assert.deepEqual(file.cycles, [["a/1", "a/2", "b/1", "b/c/1"]]);
  assert.ok(!file.nodes.some((n) => n.id === "lone"), "a file without imports is not drawn");
  const top = sliceGraph(file, 2);
  assert.deepEqual(top.nodes.map((n) => n.id), ["a/2", "a/1"]);
  assert.deepEqual(top.edges.map((e) => [e.source, e.target]), [["a/2", "a/1"], ["a/1", "a/2"]]);
  assert.equal(top.total.nodes, 4);
  assert.deepEqual(top.cycles[0].path, ["a/1", "a/2", "a/1"], "the shortest loop through a/1");

  const dirs = buildGraph(data, { level: "dir", depth: 1, dir: "" });
  assert.deepEqual(dirs.nodes.map((n) => [n.id, n.files, n.lines, n.maxCcn, n.band]), [
    ["b", 2, 70, 9, "mid"],
    ["a", 2, 30, 3, "low"],
  ]);
  assert.deepEqual(dirs.edges.map((e) => [e.source, e.target, e.weight]), [["b", "a", 3], ["a", "b", 1]]);
  assert.equal(dirs.internalImports, 4);
  assert.deepEqual(dirs.cycles, [["a", "b"]]);

  const under = buildGraph(data, { level: "dir", depth: 1, dir: "b" });
  assert.deepEqual(under.nodes.map((n) => n.id), ["b/c", "b"]);
  assert.deepEqual(under.cycles, []);
});

Deno.test("[graph] the Dependencies page and its JSON", async (t) => {
  await withAnalysis(fixtureRepo, async (app, id) => {
    await t.step("the page lists connected files, the cycle and the edges as HTML", async () => {
      const response = await fetch(`${app.url}/analyses/${id}/graph`);
      assert.equal(response.status, 200);
      const html = await response.text();
      assert.match(html, /data-island="DependencyGraph"/);
      assert.match(html, /Most connected files/);
      assert.match(html, new RegExp(`href="/analyses/${id}/files/src/core/a.ts"`));
      assert.match(html, /id="cycle-1"><strong>3 files<\/strong>/);
      assert.match(html, /Heaviest edges/);
      assert.doesNotMatch(html, /vendor\/dep\.js/, "vendored code is not drawn");
      assert.match(html, /<span class="ccn ccn-high">12<\/span>/, "fmt.ts's max CCN, coloured red");
    });

    await t.step("files: nodes with metrics, edges, the a → b → c cycle, totals", async () => {
      const { status, body } = await getJson(`${app.url}/api/analyses/${id}/graph`);
      assert.equal(status, 200);
      assert.equal(body.level, "file");
      assert.equal(body.limit, 150);
      assert.equal(body.total.nodes, 8);
      assert.equal(body.nodes.length, 8);
      assert.equal(body.total.cycles, 1);
      assert.deepEqual(body.cycles[0].members, ["src/core/a.ts", "src/core/b.ts", "src/core/c.ts"]);
      assert.deepEqual(body.cycles[0].path, ["src/core/a.ts", "src/core/b.ts", "src/core/c.ts", "src/core/a.ts"]);
      const fmt = body.nodes.find((n: { id: string }) => n.id === "src/util/fmt.ts");
      assert.deepEqual([fmt.maxCcn, fmt.band, fmt.in, fmt.out, fmt.cycle], [12, "high", 2, 0, null]);
      const cycleEdges = body.edges.filter((e: { inCycle: boolean }) => e.inCycle);
      assert.equal(cycleEdges.length, 3);
    });

    await t.step("top-N: the most connected first, totals tell there is more", async () => {
      const { body } = await getJson(`${app.url}/api/analyses/${id}/graph?limit=2`);
      assert.equal(body.nodes.length, 2);
      assert.equal(body.total.nodes, 8);
      const shown = new Set(body.nodes.map((n: { id: string }) => n.id));
      assert.ok(
        body.edges.every((e: { source: string; target: string }) => shown.has(e.source) && shown.has(e.target)),
      );
    });

    await t.step("directories: aggregated per directory at a depth, with the src ⇄ lib cycle", async () => {
      const top = await getJson(`${app.url}/api/analyses/${id}/graph?level=dir&depth=1`);
      assert.deepEqual(top.body.nodes.map((n: { id: string }) => n.id).sort(), ["lib", "src"]);
      assert.deepEqual(top.body.cycles[0].members, ["lib", "src"]);
      const src = await getJson(`${app.url}/api/analyses/${id}/graph?level=dir&depth=1&dir=src/`);
      assert.deepEqual(src.body.nodes.map((n: { id: string }) => n.id).sort(), ["src/core", "src/ui", "src/util"]);
      assert.equal(src.body.dir, "src");
      const page = await (await fetch(`${app.url}/analyses/${id}/graph?level=dir&dir=src`)).text();
      assert.match(page, /Most connected directories/);
    });

    await t.step("a bad parameter is a 400 naming it; an unknown analysis a 404", async () => {
      for (
        const [query, field] of [
          ["level=module", "level"],
          ["depth=0", "depth"],
          ["limit=0", "limit"],
          ["limit=lots", "limit"],
          ["dir=../etc", "dir"],
          ["dir=/abs", "dir"],
        ]
      ) {
        const { status, body } = await getJson(`${app.url}/api/analyses/${id}/graph?${query}`);
        assert.equal(status, 400, query);
        assert.equal(body.error.field, field, query);
      }
      const page = await fetch(`${app.url}/analyses/${id}/graph?depth=99`);
      assert.equal(page.status, 400);
      assert.match(await page.text(), /depth/);
      const unknown = crypto.randomUUID();
      assert.equal((await getJson(`${app.url}/api/analyses/${unknown}/graph`)).status, 404);
      assert.equal((await fetch(`${app.url}/analyses/${unknown}/graph`)).status, 404);
      assert.equal((await getJson(`${app.url}/api/analyses/nope/graph`)).status, 404);
    });
  });
});

Deno.test("[contributors] the Contributors page and the people network JSON", async (t) => {
  await withAnalysis(fixtureRepo, async (app, id) => {
    await t.step("ownership, truck factor per directory, bots apart, strongest pairs", async () => {
      const response = await fetch(`${app.url}/analyses/${id}/contributors`);
      assert.equal(response.status, 200);
      const html = await response.text();
      for (const name of ["Alice Smith", "Bob Jones", "Carol White"]) assert.match(html, new RegExp(name));
      const bots = html.slice(html.indexOf('id="bots"'), html.indexOf('id="people-network"'));
      assert.match(bots, /dependabot\[bot\]/);
      const ownership = html.slice(html.indexOf('id="ownership"'), html.indexOf('id="bots"'));
      assert.doesNotMatch(ownership, /dependabot/, "bots are not owners");
      assert.match(html, /Whole repository/);
      assert.match(html, /<code>src\/<\/code>/);
      assert.match(html, /data-island="PeopleNetwork"/);
      assert.match(html, /Strongest pairs/);
    });

    await t.step("people and the files they share, strongest pair first", async () => {
      const { status, body } = await getJson(`${app.url}/api/analyses/${id}/history/people?limit=10`);
      assert.equal(status, 200);
      assert.equal(body.total.people, 3);
      assert.ok(!body.people.some((p: { name: string }) => p.name.includes("dependabot")));
      const name = new Map(body.people.map((p: { id: number; name: string }) => [p.id, p.name]));
      const pairs = body.pairs.map((p: { a: number; b: number; shared: number }) => [
        [name.get(p.a), name.get(p.b)].sort().join(" & "),
        p.shared,
      ]);
      assert.deepEqual(pairs, [
        ["Alice Smith & Carol White", 4],
        ["Alice Smith & Bob Jones", 3],
        ["Bob Jones & Carol White", 2],
      ]);
      const two = await getJson(`${app.url}/api/analyses/${id}/history/people?limit=2`);
      assert.equal(two.body.people.length, 2);
      assert.equal(two.body.pairs.length, 1);
    });

    await t.step("bad limits are 400s naming the field", async () => {
      for (const limit of ["1", "101", "x"]) {
        const { status, body } = await getJson(`${app.url}/api/analyses/${id}/history/people?limit=${limit}`);
        assert.equal(status, 400);
        assert.equal(body.error.field, "limit");
      }
      assert.equal((await fetch(`${app.url}/analyses/${id}/contributors?page=0`)).status, 400);
    });

    await t.step("an analysis without history says so; its people JSON is a 409", async () => {
      await app.database.db.updateTable("analyses").set({ history: null, with_history: false }).where("id", "=", id)
        .execute();
      const response = await fetch(`${app.url}/analyses/${id}/contributors`);
      assert.equal(response.status, 200);
      assert.match(await response.text(), /without reading the git history/);
      const { status, body } = await getJson(`${app.url}/api/analyses/${id}/history/people`);
      assert.equal(status, 409);
      assert.equal(body.error.code, "no_history");
      // The dependency graph does not need the history.
      assert.equal((await fetch(`${app.url}/analyses/${id}/graph`)).status, 200);
    });
  });
});

/** Waits until the page's network is drawn; returns how many nodes it has and whether its canvases hold pixels. */
async function drawnNetwork(page: Page): Promise<{ nodes: number; ink: boolean }> {
  await page.waitForSelector('.network-canvas[data-drawn="true"]', { timeout: 15_000 });
  return await page.evaluate(() => {
    const box = document.querySelector<HTMLElement>(".network-canvas")!;
    const ink = [...box.querySelectorAll("canvas")].some((canvas) => {
      const data = canvas.getContext("2d")?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
      return false;
    });
    return { nodes: Number(box.dataset.nodes), ink };
  });
}

Deno.test({
  name: "[browser] the Dependencies and Contributors views draw their networks, and read without JavaScript",
  ignore: !hasBrowser,
  async fn() {
    await withAnalysis(fixtureRepo, (app, id) =>
      withBrowser(async (browser) => {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const problems = watchProblems(page);

        await page.goto(`${app.url}/analyses/${id}/graph?limit=3`);
        await page.waitForSelector('[data-island="DependencyGraph"][data-hydrated="true"]');
        assert.deepEqual(await drawnNetwork(page), { nodes: 3, ink: true });
        await page.click(".graph-caption button");
        await page.waitForFunction(() => document.querySelector<HTMLElement>(".network-canvas")?.dataset.nodes === "8");
        assert.equal(new URL(page.url()).searchParams.get("limit"), "153");
        assert.match(await page.textContent(".graph-caption") ?? "", /Showing the 8 most connected of 8 files/);
        await screenshot(page, "graph");

        await page.goto(`${app.url}/analyses/${id}/graph?level=dir&depth=2`);
        assert.deepEqual(await drawnNetwork(page), { nodes: 4, ink: true });
        await screenshot(page, "graph-directories");

        await page.goto(`${app.url}/analyses/${id}/contributors`);
        await page.waitForSelector('[data-island="PeopleNetwork"][data-hydrated="true"]');
        assert.deepEqual(await drawnNetwork(page), { nodes: 3, ink: true });
        await screenshot(page, "contributors");

        // The dark theme: the network reads its colours from the CSS variables when drawn.
        await page.emulateMedia({ colorScheme: "dark" });
        await page.goto(`${app.url}/analyses/${id}/graph`);
        assert.deepEqual(await drawnNetwork(page), { nodes: 8, ink: true });
        await screenshot(page, "graph-dark");
        await page.emulateMedia({ colorScheme: "light" });

        // A phone: nothing scrolls sideways but the tables inside their wrappers.
        await page.setViewportSize({ width: 360, height: 800 });
        for (const view of ["graph", "contributors"]) {
          await page.goto(`${app.url}/analyses/${id}/${view}`);
          await drawnNetwork(page);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
          assert.ok(overflow <= 0, `${view} scrolls sideways by ${overflow}px on a phone`);
        }
        await screenshot(page, "contributors-phone");
        assert.deepEqual(problems, []);

        const context = await browser.newContext({ javaScriptEnabled: false });
        const plain = await context.newPage();
        await plain.goto(`${app.url}/analyses/${id}/graph`);
        assert.equal(await plain.locator("#graph-nodes ~ .table-wrap tbody tr").count(), 8);
        assert.match(await plain.textContent("#cycle-1") ?? "", /src\/core\/a\.ts.*src\/core\/b\.ts.*src\/core\/c\.ts/);
        await screenshot(plain, "graph-no-js");
        await plain.goto(`${app.url}/analyses/${id}/contributors`);
        assert.match(await plain.textContent("#ownership ~ .table-wrap") ?? "", /Alice Smith/);
        assert.match(await plain.textContent("#people-network ~ .table-wrap") ?? "", /Alice Smith.*Carol White/);
        await context.close();
      }));
  },
});
