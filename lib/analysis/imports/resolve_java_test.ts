import assert from "node:assert/strict";
import { contextFor, resolveOne } from "./fake_repository.ts";

const FILES = [
  "src/main/java/com/acme/app/App.java",
  "src/main/java/com/acme/util/Strings.java",
  "src/main/java/com/acme/util/Numbers.java",
  "src/test/java/com/acme/util/StringsTest.java",
  "moduleA/src/main/java/com/acme/shared/Config.java",
  "moduleB/src/main/java/com/acme/shared/Config.java",
];
const APP = "src/main/java/com/acme/app/App.java";

type Case = [from: string, module: string, target: string | null, external: string | null];

async function check(cases: Case[]): Promise<void> {
  const context = await contextFor(FILES);
  for (const [from, module, target, external] of cases) {
    assert.deepEqual(resolveOne(context, from, "Java", module), [target, external], module);
  }
}

Deno.test("[imports] Java classes resolve by path suffix, members and nested classes to the class", () =>
  check([
    [APP, "com.acme.util.Strings", "src/main/java/com/acme/util/Strings.java", null],
    [APP, "static com.acme.util.Strings.join", "src/main/java/com/acme/util/Strings.java", null],
    [APP, "com.acme.util.Strings.Inner", "src/main/java/com/acme/util/Strings.java", null],
    [APP, "static com.acme.util.Strings.*", "src/main/java/com/acme/util/Strings.java", null],
    [
      "moduleB/src/main/java/com/acme/b/B.java",
      "com.acme.shared.Config",
      "moduleB/src/main/java/com/acme/shared/Config.java",
      null,
    ],
  ]));

Deno.test("[imports] Java wildcard imports resolve to the package's first file", () =>
  check([[APP, "com.acme.util.*", "src/main/java/com/acme/util/Numbers.java", null]]));

Deno.test("[imports] Java imports outside the repository are external by first two segments", () =>
  check([
    [APP, "org.junit.Test", null, "org.junit"],
    [APP, "java.util.List", null, "java.util"],
    [APP, "static org.junit.Assert.*", null, "org.junit"],
    [APP, "com.acme.missing.*", null, "com.acme"],
  ]));
