import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import * as esbuild from "esbuild";

/** A built file served from memory under a content-hashed URL. */
export interface Asset {
  body: Uint8Array;
  contentType: string;
}

/** The client assets of the app: island bundles, the boot script and the stylesheet. */
export interface Assets {
  /** URL of the script that hydrates islands. */
  boot: string;
  /** URL of the stylesheet. */
  stylesheet: string;
  /** Island name → URL of its module. */
  islands: Record<string, string>;
  /** URL path → file, for the asset route. */
  files: Map<string, Asset>;
}

const ROOT = path.join(import.meta.dirname!, "..", "..");
const ISLANDS = path.join(ROOT, "islands");
const PUBLIC_PATH = "/assets";

/**
 * Bundles every island (PascalCase .tsx in islands/) and the boot script with
 * esbuild: ES modules, code-split, minified, content-hashed names, in memory.
 */
export function buildAssets(): Promise<Assets> {
  // One build per process: the sources do not change while it runs.
  return built ??= bundle();
}

let built: Promise<Assets> | undefined;

async function bundle(): Promise<Assets> {
  const names = (await fs.readdir(ISLANDS)).filter((f) => /^[A-Z]\w*\.tsx$/.test(f)).map((f) => f.slice(0, -4));
  const entryPoints = Object.fromEntries([
    ["boot", path.join(ISLANDS, "boot.ts")],
    ...names.map((n) => [n, path.join(ISLANDS, `${n}.tsx`)]),
  ]);
  const outdir = path.join(ROOT, ".data", "assets");
  let result: esbuild.BuildResult<{ write: false; metafile: true }>;
  try {
    result = await esbuild.build({
      entryPoints,
      outdir,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      jsx: "automatic",
      jsxImportSource: "preact",
      minify: true,
      write: false,
      metafile: true,
      entryNames: "[name]-[hash]",
      chunkNames: "chunk-[hash]",
      publicPath: PUBLIC_PATH,
      absWorkingDir: ROOT,
      logLevel: "silent",
    });
  } finally {
    await esbuild.stop();
  }
  const files = new Map<string, Asset>();
  for (const file of result.outputFiles) {
    files.set(`${PUBLIC_PATH}/${path.relative(outdir, file.path)}`, {
      body: file.contents,
      contentType: "text/javascript; charset=utf-8",
    });
  }
  const urlOf: Record<string, string> = {};
  for (const [output, meta] of Object.entries(result.metafile.outputs)) {
    if (!meta.entryPoint) continue;
    const name = path.basename(meta.entryPoint).replace(/\.tsx?$/, "");
    urlOf[name] = `${PUBLIC_PATH}/${path.relative(outdir, path.resolve(ROOT, output))}`;
  }
  // One stylesheet: the design system (app.css) first, then each view's own file, in name order.
  const sheets = (await fs.readdir(path.join(ROOT, "static"))).filter((f) => f.endsWith(".css") && f !== "app.css")
    .sort();
  const css = Buffer.concat(
    await Promise.all(["app.css", ...sheets].map((f) => fs.readFile(path.join(ROOT, "static", f)))),
  );
  const stylesheet = `${PUBLIC_PATH}/app-${createHash("sha256").update(css).digest("hex").slice(0, 10)}.css`;
  files.set(stylesheet, { body: css, contentType: "text/css; charset=utf-8" });
  // Only our islands are entries of the manifest (a library imported lazily is an esbuild entry too).
  const islands = Object.fromEntries(names.map((n) => [n, urlOf[n]]));
  return { boot: urlOf.boot, stylesheet, islands, files };
}
