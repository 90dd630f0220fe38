/** What the tests of the dashboard's views share: fixture repositories analysed in a test app, fetches, browser checks. */
import assert from "node:assert/strict";
import path from "node:path";
import type { Page } from "playwright-core";
import { git } from "./git_repo.ts";
import { postJson, startTestApp, type TestApp, waitForAnalysis } from "./test_app.ts";

/** A TypeScript function with `decisions` ifs: CCN decisions + 1. */
export const tsFunction = (name: string, decisions: number) =>
  `export function ${name}(x: number): number {\n` +
  Array.from({ length: decisions }, (_, i) => `  if (x === ${i}) return ${i};\n`).join("") + "  return x;\n}\n";

/** An empty repository on branch main, for a fixture to commit into (see commitAs). */
export async function emptyRepo(prefix: string): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: `codevoyage-${prefix}-` });
  await git(dir, ["init", "--quiet", "--initial-branch=main"]);
  return dir;
}

/** Submits `repo` to the app and waits until its analysis succeeded; returns the analysis's id. */
async function analyse(app: TestApp, repo: string, timeoutMs = 60_000): Promise<string> {
  const created = await postJson(`${app.url}/api/analyses`, { repoUrl: repo });
  assert.equal(created.status, 202, JSON.stringify(created.body));
  const done = await waitForAnalysis(app.url, created.body.id, timeoutMs);
  assert.equal(done.status, "succeeded", JSON.stringify(done.error));
  return created.body.id;
}

/**
 * Starts an app (with `env`), makes the fixture repository and analyses it;
 * `fn` gets the app, the analysis and the repository, all cleaned up after.
 */
export async function withAnalysis(
  makeRepo: () => Promise<string>,
  fn: (app: TestApp, id: string, repo: string) => Promise<void>,
  options: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<void> {
  const app = await startTestApp(options.env);
  const repo = await makeRepo();
  try {
    await fn(app, await analyse(app, repo, options.timeoutMs), repo);
  } finally {
    await app.close();
    await Deno.remove(repo, { recursive: true });
  }
}

/** GETs JSON: its status and body. */
// deno-lint-ignore no-explicit-any -- answers are checked field by field by each test
export async function getJson(url: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

/** GETs a page: its status and HTML. */
export async function getPage(url: string): Promise<{ status: number; html: string }> {
  const response = await fetch(url);
  return { status: response.status, html: await response.text() };
}

/** Collects what must not happen on a page: console errors, uncaught exceptions, failed or refused requests. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    // The layout links no icon, so the browser's own /favicon.ico guess is a 404 on every page (not this view's).
    if (message.type() !== "error" || message.location().url.endsWith("/favicon.ico")) return;
    problems.push(`console: ${message.text()} ${message.location().url}`);
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on(
    "response",
    (response) => response.status() >= 400 && problems.push(`${response.status()}: ${response.url()}`),
  );
  return problems;
}

/** Waits until the canvas matching `selector` has a pixel that is not transparent. */
export async function waitForDrawing(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(
    (sel) => {
      const canvas = document.querySelector<HTMLCanvasElement>(sel);
      if (!canvas?.width || !canvas.height) return false;
      const pixels = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
      return false;
    },
    selector,
    { timeout: 10_000 },
  );
}

/** Saves the whole page as test-output/screenshots/<name>.png, for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.join(import.meta.dirname!, "..", "..", "test-output", "screenshots");
  await Deno.mkdir(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
