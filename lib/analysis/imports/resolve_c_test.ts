import assert from "node:assert/strict";
import type { ImportKind } from "./raw_import.ts";
import { contextFor, resolveOne } from "./fake_repository.ts";

const FILES = [
  "src/main.c",
  "src/util.h",
  "src/net/socket.c",
  "include/project/api.h",
  "lib/foo/include/foo.h",
  "third/a/config.h",
  "third/b/config.h",
  "vendor/zlib/zlib.h",
];

type Case = [from: string, kind: ImportKind, module: string, target: string | null, external: string | null];

async function check(cases: Case[]): Promise<void> {
  const context = await contextFor(FILES);
  for (const [from, kind, module, target, external] of cases) {
    assert.deepEqual(resolveOne(context, from, "C", module, kind), [target, external], `${from}: ${module}`);
  }
}

Deno.test("[imports] C quoted includes try the includer's folder, include/ folders, then a suffix", () =>
  check([
    ["src/main.c", "include", "util.h", "src/util.h", null],
    ["src/main.c", "include", '"util.h"', "src/util.h", null],
    ["src/net/socket.c", "include", "../util.h", "src/util.h", null],
    ["src/main.c", "include", "project/api.h", "include/project/api.h", null],
    ["src/main.c", "include", "foo.h", "lib/foo/include/foo.h", null],
    ["src/net/socket.c", "include", "net/socket.c", "src/net/socket.c", null],
    ["third/a/sub/x.c", "include", "config.h", "third/a/config.h", null],
  ]));

Deno.test("[imports] C quoted includes that are missing or ambiguous stay unresolved", () =>
  check([
    ["src/main.c", "include", "missing.h", null, null],
    ["src/main.c", "include", "config.h", null, null],
    ["src/main.c", "include", "../../escape.h", null, null],
  ]));

Deno.test("[imports] C system includes are external unless one repository file matches", () =>
  check([
    ["src/main.c", "include_system", "stdio.h", null, "<stdio.h>"],
    ["src/main.c", "include_system", "<vector>", null, "<vector>"],
    ["src/main.c", "include_system", "zlib.h", "vendor/zlib/zlib.h", null],
    ["src/main.c", "include_system", "project/api.h", "include/project/api.h", null],
    ["src/main.c", "include_system", "config.h", null, "<config.h>"],
  ]));
