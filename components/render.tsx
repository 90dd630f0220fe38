import type { ComponentChildren } from "preact";
import { renderToString } from "preact-render-to-string";
import type { Assets } from "../lib/web/assets.ts";
import { IslandManifest } from "./Island.tsx";
import { Layout } from "./Layout.tsx";

/** Renders a whole HTML page in the layout, with islands wired to their bundles. */
export function renderPage(
  assets: Assets,
  page: { title: string; body: ComponentChildren; head?: ComponentChildren },
): string {
  const html = renderToString(
    <IslandManifest.Provider value={assets.islands}>
      <Layout title={page.title} stylesheet={assets.stylesheet} boot={assets.boot} head={page.head}>
        {page.body}
      </Layout>
    </IslandManifest.Provider>,
  );
  return `<!doctype html>${html}`;
}
