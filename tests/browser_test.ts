import assert from "node:assert/strict";
import { hasBrowser, launchBrowser } from "./support/browser.ts";
import { makeGitRepo } from "./support/git_repo.ts";
import { startTestApp } from "./support/test_app.ts";

const FILES = { "app.py": "import os\n\n# main\ndef main():\n    return os.name\n", "lib.rb": "def x\n  1\nend\n" };

Deno.test({
  name: "[browser] submitting through the island shows live progress, then the language table",
  ignore: !hasBrowser,
  async fn() {
    const web = await startTestApp({ ROLE: "web" });
    const repo = await makeGitRepo(FILES);
    const browser = await launchBrowser();
    let worker: Awaited<ReturnType<typeof startTestApp>> | null = null;
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(web.url);
      await page.waitForSelector('[data-island="SubmitForm"][data-hydrated="true"]');

      // A bad URL is refused in place, without leaving the page.
      await page.fill("#repoUrl", "http://example.com/a/b");
      await page.click("button[type=submit]");
      await page.waitForSelector("#submit-error");
      assert.match(await page.textContent("#submit-error") ?? "", /only https:\/\/ URLs/);
      assert.equal(new URL(page.url()).pathname, "/");

      await page.fill("#repoUrl", repo);
      await page.click("button[type=submit]");
      await page.waitForURL(/\/analyses\/[0-9a-f-]{36}$/);
      await page.waitForSelector('[data-island="AnalysisProgress"][data-hydrated="true"]');
      assert.match(await page.textContent(".progress-panel .status") ?? "", /queued/);

      // The worker starts only now; the open page follows it live.
      worker = await startTestApp({ ROLE: "worker" }, web.database);
      await page.waitForSelector('th[scope="row"]:has-text("Python")', { timeout: 20_000 });
      assert.match(await page.textContent("table.data") ?? "", /Ruby/);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await worker?.close();
      await web.close();
      await Deno.remove(repo, { recursive: true });
    }
  },
});

Deno.test({
  name: "[browser] without JavaScript the form posts and the page refreshes to the result",
  ignore: !hasBrowser,
  async fn() {
    const app = await startTestApp();
    const repo = await makeGitRepo(FILES);
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(app.url);
      await page.fill("#repoUrl", "");
      await page.click("button[type=submit]");
      assert.equal(await page.getAttribute("#repoUrl", "aria-invalid"), "true");
      assert.match(await page.textContent(".form-error") ?? "", /repoUrl: is required/);

      await page.fill("#repoUrl", repo);
      await page.click("button[type=submit]");
      await page.waitForURL(/\/analyses\/[0-9a-f-]{36}$/);
      await page.waitForSelector('th[scope="row"]:has-text("Python")', { timeout: 20_000 });
    } finally {
      await browser.close();
      await app.close();
      await Deno.remove(repo, { recursive: true });
    }
  },
});
