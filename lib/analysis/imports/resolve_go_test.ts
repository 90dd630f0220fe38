import assert from "node:assert/strict";
import { contextFor, resolveOne } from "./fake_repository.ts";

const FILES: Record<string, string> = {
  "go.mod": "module example.com/m\n\ngo 1.22\n",
  "main.go": "",
  "pkg/x/b.go": "",
  "pkg/x/a.go": "",
  "pkg/x/a_test.go": "",
  "pkg/x/README.md": "",
  "pkg/onlytests/x_test.go": "",
  "tools/go.mod": "module example.com/m/tools\n",
  "tools/gen/gen.go": "",
};

type Case = [module: string, target: string | null, external: string | null];

async function check(from: string, cases: Case[]): Promise<void> {
  const context = await contextFor(FILES);
  for (const [module, target, external] of cases) {
    assert.deepEqual(resolveOne(context, from, "Go", module), [target, external], module);
  }
}

Deno.test("[imports] Go module packages resolve to their first non-test .go file", () =>
  check("pkg/x/b.go", [
    ["example.com/m/pkg/x", "pkg/x/a.go", null],
    ["example.com/m", "main.go", null],
    ["example.com/m/tools/gen", "tools/gen/gen.go", null],
    ["./../onlytests/../x", "pkg/x/a.go", null],
  ]));

Deno.test("[imports] Go packages of our module without source files stay unresolved", () =>
  check("main.go", [
    ["example.com/m/pkg/onlytests", null, null],
    ["example.com/m/pkg/missing", null, null],
  ]));

Deno.test("[imports] Go standard library and other modules are external", () =>
  check("main.go", [
    ["fmt", null, "fmt"],
    ['"net/http"', null, "net/http"],
    ["C", null, "C"],
    ["github.com/foo/bar/baz", null, "github.com/foo/bar"],
    ["github.com/foo/bar/v2/baz", null, "github.com/foo/bar/v2"],
    ["golang.org/x/net/http2", null, "golang.org/x/net"],
    ["go.uber.org/zap/zapcore", null, "go.uber.org/zap"],
    ["gopkg.in/yaml.v3", null, "gopkg.in/yaml.v3"],
    ["example.com/other/pkg", null, "example.com/other"],
  ]));
