import assert from "node:assert/strict";
import { cargoCrateName, composerPsr4, goModulePath } from "./manifests.ts";

Deno.test("[imports] goModulePath reads the module line, quoted or not", () => {
  assert.equal(goModulePath("// comment\nmodule example.com/m // trailing\n\ngo 1.22\n"), "example.com/m");
  assert.equal(goModulePath('module "example.com/q"\n'), "example.com/q");
  assert.equal(goModulePath("go 1.22\n"), null);
});

Deno.test("[imports] cargoCrateName reads [package] name only, with - as _", () => {
  const toml = '[dependencies]\nname = "not-me"\n\n[package]\nversion = "1.0.0"\nname = "my-crate"\n';
  assert.equal(cargoCrateName(toml), "my_crate");
  assert.equal(cargoCrateName('[workspace]\nmembers = ["a"]\n'), null);
});

Deno.test("[imports] composerPsr4 maps namespace prefixes to folders under the composer.json", () => {
  const json = JSON.stringify({
    autoload: { "psr-4": { "App\\": "app/", "Lib\\Core\\": ["src/core", "src/extra/"] } },
    "autoload-dev": { "psr-4": { "Tests\\": "tests" } },
  });
  assert.deepEqual(composerPsr4(json, "backend"), [
    { prefix: "App\\", dirs: ["backend/app"] },
    { prefix: "Lib\\Core\\", dirs: ["backend/src/core", "backend/src/extra"] },
    { prefix: "Tests\\", dirs: ["backend/tests"] },
  ]);
  assert.deepEqual(composerPsr4("{ broken", ""), []);
});
