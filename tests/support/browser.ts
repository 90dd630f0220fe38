/** Headless Debian chromium through playwright-core, for tests of pages. */
import { type Browser, chromium } from "playwright-core";

/** True when the harness found a chromium; browser tests are ignored otherwise. */
export const hasBrowser = Boolean(Deno.env.get("CHROMIUM_PATH"));

/** Launches chromium with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  return await chromium.launch({
    executablePath: Deno.env.get("CHROMIUM_PATH"),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Runs `fn` with a launched chromium, closed after. */
export async function withBrowser(fn: (browser: Browser) => Promise<void>): Promise<void> {
  const browser = await launchBrowser();
  try {
    await fn(browser);
  } finally {
    await browser.close();
  }
}
