import assert from "node:assert/strict";
import { globToRegExp, matchesAny, parseRepoConfig } from "./repo_config.ts";

Deno.test("[scan] .codevoyage.yml lists are read in block and inline form", () => {
  const config = parseRepoConfig(`# settings
include:
  - "vendor/ours/**"   # our own fork
exclude: ["fixtures/**", '*.snap']
other: 1
`);
  assert.equal(config.problem, null);
  assert.ok(matchesAny("vendor/ours/a/b.go", config.include));
  assert.ok(!matchesAny("vendor/theirs/b.go", config.include));
  assert.ok(matchesAny("fixtures/x.json", config.exclude));
  assert.ok(matchesAny("src/deep/__snapshots__/a.snap", config.exclude));
  assert.ok(!matchesAny("src/fixtures.ts", config.exclude));
});

Deno.test("[scan] globs: ** crosses folders, * does not", () => {
  assert.ok(globToRegExp("src/**/*.ts").test("src/a/b/c.ts"));
  assert.ok(globToRegExp("src/**/*.ts").test("src/c.ts"));
  assert.ok(!globToRegExp("src/*.ts").test("src/a/c.ts"));
  assert.ok(globToRegExp("docs").test("docs/a.md"), "a folder matches what is inside it");
  assert.ok(!globToRegExp("a.b").test("axb"), "dots are literal");
});

Deno.test("[scan] a malformed .codevoyage.yml is reported and ignored", () => {
  const config = parseRepoConfig("exclude:\nnot a list item\n");
  assert.match(config.problem ?? "", /line 2: expected "- <glob>"; it was ignored/);
  assert.deepEqual(config.exclude, []);
});
