import assert from "node:assert/strict";
import { ancestors, child, hasPathSuffix, joinPath, nearest } from "./repo_paths.ts";

Deno.test("[imports] joinPath folds . and .. and refuses to climb above the root", () => {
  assert.equal(joinPath("src/a", "../b/./c.ts"), "src/b/c.ts");
  assert.equal(joinPath("", "./x"), "x");
  assert.equal(joinPath("src", ".."), "");
  assert.equal(joinPath("src", "../../x"), null);
});

Deno.test("[imports] path helpers treat the root as the empty string", () => {
  assert.deepEqual([...ancestors("a/b")], ["a/b", "a", ""]);
  assert.equal(child("", "x"), "x");
  assert.equal(child("a", ""), "a");
  assert.equal(hasPathSuffix("src/com/a/B.java", "com/a/B.java"), true);
  assert.equal(hasPathSuffix("src/xcom/a/B.java", "com/a/B.java"), false);
});

Deno.test("[imports] nearest prefers shared folders, and strict refuses a tie", () => {
  const candidates = ["lib/a/x.h", "lib/b/x.h", "src/x.h"];
  assert.equal(nearest(candidates, "lib/b/c/main.c"), "lib/b/x.h");
  assert.equal(nearest(candidates, "app/main.c"), "lib/a/x.h");
  assert.equal(nearest(candidates, "app/main.c", true), null);
  assert.equal(nearest([], "app/main.c"), null);
});
