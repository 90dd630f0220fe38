import assert from "node:assert/strict";
import { contextFor, resolveOne } from "./fake_repository.ts";

const FILES = [
  "src/app.ts",
  "src/util.ts",
  "src/lib/index.ts",
  "src/comp.tsx",
  "src/data.json",
  "src/types.d.ts",
  "src/legacy.js",
  "src/styles.css",
  "src/mod.mts",
  "web/main.js",
  "packages/ui/button.tsx",
];
const TSCONFIG = `{
  // comments and trailing commas, as tsconfig allows
  "compilerOptions": {
    "baseUrl": ".",
    "paths": { "@/*": ["src/*"], "@ui": ["packages/ui/button.tsx"], "~lib/*": ["missing/*", "src/lib/*"], },
  },
}`;

type Case = [module: string, target: string | null, external: string | null];

async function check(files: Record<string, string>, from: string, cases: Case[]): Promise<void> {
  const context = await contextFor(files);
  for (const [module, target, external] of cases) {
    assert.deepEqual(resolveOne(context, from, "TypeScript", module), [target, external], module);
  }
}

const plain = Object.fromEntries(FILES.map((p) => [p, ""]));

Deno.test("[imports] JS/TS relative specifiers try the path, ESM .js, extensions, then index", async () => {
  await check(plain, "src/app.ts", [
    ["./util", "src/util.ts", null],
    ["./util.js", "src/util.ts", null],
    ["./comp.jsx", "src/comp.tsx", null],
    ["./comp", "src/comp.tsx", null],
    ["./mod.mjs", "src/mod.mts", null],
    ["./lib", "src/lib/index.ts", null],
    ["./lib/", "src/lib/index.ts", null],
    ["./data.json", "src/data.json", null],
    ["./types", "src/types.d.ts", null],
    ["./legacy", "src/legacy.js", null],
    ["./styles.css?inline", "src/styles.css", null],
    ["../web/main", "web/main.js", null],
    ["/web/main.js", "web/main.js", null],
  ]);
});

Deno.test("[imports] JS/TS relative specifiers to missing files stay unresolved", async () => {
  await check(plain, "src/app.ts", [
    ["./missing", null, null],
    ["./util.py", null, null],
    ["../../outside", null, null],
  ]);
});

Deno.test("[imports] JS/TS bare specifiers and URLs are external by package name", async () => {
  await check(plain, "src/app.ts", [
    ["react", null, "react"],
    ["lodash/fp", null, "lodash"],
    ["@scope/pkg/sub/path", null, "@scope/pkg"],
    ["node:fs", null, "node:fs"],
    ["node:fs/promises", null, "node:fs"],
    ["npm:hono@4/jsx", null, "hono"],
    ["npm:@scope/pkg@1.2.3/sub", null, "@scope/pkg"],
    ["npm:/hono@4.1.0/", null, "hono"],
    ["jsr:@std/path@1/join", null, "jsr:@std/path"],
    ["https://esm.sh/preact@10", null, "https://esm.sh/preact@10"],
    ["@/util", null, null],
    ["~/util", null, null],
    ["#internal", null, null],
  ]);
});

Deno.test("[imports] JS/TS tsconfig paths and baseUrl resolve aliases before packages", async () => {
  await check({ ...plain, "tsconfig.json": TSCONFIG }, "src/app.ts", [
    ["@/util", "src/util.ts", null],
    ["@/lib", "src/lib/index.ts", null],
    ["@ui", "packages/ui/button.tsx", null],
    ["~lib/index", "src/lib/index.ts", null],
    ["src/util", "src/util.ts", null],
    ["@/missing", null, null],
    ["react", null, "react"],
  ]);
});

Deno.test("[imports] JS/TS follows a relative tsconfig extends; paths are relative to its file", async () => {
  const files = {
    ...plain,
    "jsconfig.json": `{ "extends": "./config/base" }`,
    "config/base.json": `{ "compilerOptions": { "paths": { "$web/*": ["../web/*"] } } }`,
  };
  await check(files, "src/app.ts", [["$web/main", "web/main.js", null], ["src/util", null, "src"]]);
});

Deno.test("[imports] JS/TS survives a broken tsconfig by ignoring it", async () => {
  await check({ ...plain, "tsconfig.json": "{ compilerOptions: oops" }, "src/app.ts", [
    ["@/util", null, null],
    ["./util", "src/util.ts", null],
  ]);
});
