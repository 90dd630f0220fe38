import assert from "node:assert/strict";
import { contextFor, resolveOne } from "./fake_repository.ts";

const FILES = [
  "app/main.py",
  "app/helpers.py",
  "pkg/__init__.py",
  "pkg/core.py",
  "pkg/sub/__init__.py",
  "pkg/sub/mod.py",
  "src/srcpkg/__init__.py",
  "src/srcpkg/thing.py",
  "services/api/__init__.py",
  "services/api/views.py",
  "services/api/models/__init__.py",
  "typed/stubs.pyi",
];

type Case = [from: string, module: string, target: string | null, external: string | null];

async function check(cases: Case[]): Promise<void> {
  const context = await contextFor(FILES);
  for (const [from, module, target, external] of cases) {
    assert.deepEqual(resolveOne(context, from, "Python", module), [target, external], `${from}: ${module}`);
  }
}

Deno.test("[imports] Python absolute modules resolve from the root, src/, script and package roots", () =>
  check([
    ["app/main.py", "helpers", "app/helpers.py", null],
    ["app/main.py", "pkg.core", "pkg/core.py", null],
    ["app/main.py", "pkg.sub", "pkg/sub/__init__.py", null],
    ["app/main.py", "pkg.core.some_function", "pkg/core.py", null],
    ["app/main.py", "srcpkg.thing", "src/srcpkg/thing.py", null],
    ["app/main.py", "api.views", "services/api/views.py", null],
    ["services/api/views.py", "api.models", "services/api/models/__init__.py", null],
    ["app/main.py", "typed.stubs", "typed/stubs.pyi", null],
  ]));

Deno.test("[imports] Python relative imports climb one package per extra dot", () =>
  check([
    ["pkg/sub/mod.py", ".", "pkg/sub/__init__.py", null],
    ["pkg/sub/mod.py", "..", "pkg/__init__.py", null],
    ["pkg/sub/mod.py", "..core", "pkg/core.py", null],
    ["pkg/sub/mod.py", "..core.helper", "pkg/core.py", null],
    ["pkg/sub/mod.py", ".name_in_init", "pkg/sub/__init__.py", null],
    ["services/api/views.py", ".models", "services/api/models/__init__.py", null],
  ]));

Deno.test("[imports] Python imports of missing local modules stay unresolved", () =>
  check([
    ["app/main.py", ".nothing", null, null],
    ["pkg/sub/mod.py", "...", null, null],
    ["pkg/sub/mod.py", "....too_far", null, null],
    ["pkg/core.py", "pkg.missing.deeper", null, null],
  ]));

Deno.test("[imports] Python modules not in the repository are external by top-level name", () =>
  check([
    ["app/main.py", "numpy.linalg", null, "numpy"],
    ["app/main.py", "os", null, "os"],
  ]));
