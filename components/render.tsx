import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import type { ComponentChildren } from "preact";
import { renderToString } from "preact-render-to-string";
import type { AppEnv } from "../lib/web/app_deps.ts";
import { IslandManifest } from "./Island.tsx";
import { Layout } from "./Layout.tsx";

/** Renders a whole HTML page in the layout (with the signed-in user's menu), islands wired to their bundles. */
export function renderPage(
  c: Context<AppEnv>,
  page: { title: string; body: ComponentChildren; head?: ComponentChildren },
): string {
  const assets = c.get("deps").assets;
  const user = c.get("user");
  const chosen = getCookie(c, "theme");
  const theme = chosen === "light" || chosen === "dark" ? chosen : "system";
  const html = renderToString(
    <IslandManifest.Provider value={assets.islands}>
      <Layout
        title={page.title}
        stylesheet={assets.stylesheet}
        boot={assets.boot}
        head={page.head}
        user={user ? { email: user.email } : null}
        theme={theme}
      >
        {page.body}
      </Layout>
    </IslandManifest.Provider>,
  );
  return `<!doctype html>${html}`;
}
