import assert from "node:assert/strict";
import type { ImportKind } from "./raw_import.ts";
import { contextFor, resolveOne } from "./fake_repository.ts";

const COMPOSER = JSON.stringify({
  autoload: { "psr-4": { "App\\": "app/" } },
  "autoload-dev": { "psr-4": { "Tests\\": ["tests/"] } },
});
const FILES: Record<string, string> = {
  "composer.json": COMPOSER,
  "app/Models/User.php": "",
  "app/Http/Controllers/HomeController.php": "",
  "tests/Unit/UserTest.php": "",
  "legacy/Models/Post.php": "",
  "public/index.php": "",
  "bootstrap/app.php": "",
  "config/db.php": "",
  "vendor/acme/composer.json": JSON.stringify({ autoload: { "psr-4": { "Acme\\": "src/" } } }),
};
const CONTROLLER = "app/Http/Controllers/HomeController.php";

type Case = [from: string, kind: ImportKind, module: string, target: string | null, external: string | null];

async function check(cases: Case[]): Promise<void> {
  const context = await contextFor(FILES);
  for (const [from, kind, module, target, external] of cases) {
    assert.deepEqual(resolveOne(context, from, "PHP", module, kind), [target, external], `${kind} ${module}`);
  }
}

Deno.test("[imports] PHP require and include resolve relative to the file, then the root", () =>
  check([
    ["public/index.php", "require", "../bootstrap/app.php", "bootstrap/app.php", null],
    ["public/index.php", "include", "config/db.php", "config/db.php", null],
    ["public/index.php", "require", "/../config/db.php", "config/db.php", null],
    ["public/index.php", "require", "missing.php", null, null],
  ]));

Deno.test("[imports] PHP use statements resolve through PSR-4, then by path suffix", () =>
  check([
    [CONTROLLER, "use", "App\\Models\\User", "app/Models/User.php", null],
    [CONTROLLER, "use", "\\App\\Models\\User;", "app/Models/User.php", null],
    [CONTROLLER, "use", "App\\Models\\User as Account", "app/Models/User.php", null],
    [CONTROLLER, "use", "Tests\\Unit\\UserTest", "tests/Unit/UserTest.php", null],
    [CONTROLLER, "use", "Legacy\\Models\\Post", "legacy/Models/Post.php", null],
  ]));

Deno.test("[imports] PHP use statements of other packages are external by first segment", () =>
  check([
    [CONTROLLER, "use", "Illuminate\\Support\\Facades\\Route", null, "Illuminate"],
    [CONTROLLER, "use", "function Acme\\helper", null, "Acme"],
    [CONTROLLER, "use", "App\\Models\\Missing", null, "App"],
  ]));
