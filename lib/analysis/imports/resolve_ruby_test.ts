import assert from "node:assert/strict";
import type { ImportKind } from "./raw_import.ts";
import { contextFor, resolveOne } from "./fake_repository.ts";

const FILES = [
  "lib/app.rb",
  "lib/app/version.rb",
  "spec/app_spec.rb",
  "gems/tool/lib/tool.rb",
  "gems/tool/spec/tool_spec.rb",
  "scripts/run.rb",
  "scripts/helper.rb",
  "tasks/db.rake",
];

type Case = [from: string, kind: ImportKind, module: string, target: string | null, external: string | null];

async function check(cases: Case[]): Promise<void> {
  const context = await contextFor(FILES);
  for (const [from, kind, module, target, external] of cases) {
    assert.deepEqual(resolveOne(context, from, "Ruby", module, kind), [target, external], `${kind} ${module}`);
  }
}

Deno.test("[imports] Ruby require_relative resolves next to the file with .rb added", () =>
  check([
    ["spec/app_spec.rb", "require_relative", "../lib/app", "lib/app.rb", null],
    ["scripts/run.rb", "require_relative", "helper", "scripts/helper.rb", null],
    ["scripts/run.rb", "require_relative", "helper.rb", "scripts/helper.rb", null],
    ["scripts/run.rb", "require_relative", "missing", null, null],
  ]));

Deno.test("[imports] Ruby require looks in the nearest lib/ folder, else names a gem", () =>
  check([
    ["spec/app_spec.rb", "require", "app", "lib/app.rb", null],
    ["spec/app_spec.rb", "require", "app/version", "lib/app/version.rb", null],
    ["gems/tool/spec/tool_spec.rb", "require", "tool", "gems/tool/lib/tool.rb", null],
    ["gems/tool/spec/tool_spec.rb", "require", "app", "lib/app.rb", null],
    ["spec/app_spec.rb", "require", "./scripts/helper", "scripts/helper.rb", null],
    ["spec/app_spec.rb", "load", "tasks/db.rake", "tasks/db.rake", null],
    ["spec/app_spec.rb", "require", "active_support/core_ext", null, "active_support"],
    ["spec/app_spec.rb", "require", "json", null, "json"],
    ["spec/app_spec.rb", "require", "./missing", null, null],
  ]));
