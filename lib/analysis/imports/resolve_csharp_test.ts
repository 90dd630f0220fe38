import assert from "node:assert/strict";
import { contextFor, resolveOne } from "./fake_repository.ts";

const FILES = [
  "src/MyApp.Core/Models/User.cs",
  "src/MyApp.Core/Models/Order.cs",
  "src/MyApp.Web/Program.cs",
  "src/Shared/Utils/Strings.cs",
  "src/Helpers/Text.cs",
  "lib/System/Console.cs",
];
const PROGRAM = "src/MyApp.Web/Program.cs";

type Case = [module: string, target: string | null, external: string | null];

async function check(cases: Case[]): Promise<void> {
  const context = await contextFor(FILES);
  for (const [module, target, external] of cases) {
    assert.deepEqual(resolveOne(context, PROGRAM, "C#", module, "using"), [target, external], module);
  }
}

Deno.test("[imports] C# usings resolve to a class file or a namespace folder's first file", () =>
  check([
    ["static Shared.Utils.Strings", "src/Shared/Utils/Strings.cs", null],
    ["Shared.Utils", "src/Shared/Utils/Strings.cs", null],
    ["MyApp.Core.Models", "src/MyApp.Core/Models/Order.cs", null],
    ["Acme.Helpers.Text", "src/Helpers/Text.cs", null],
  ]));

Deno.test("[imports] C# usings of other namespaces are external with the whole namespace", () =>
  check([
    ["System.Text", null, "System.Text"],
    ["System", null, "System"],
    ["Json = Newtonsoft.Json", null, "Newtonsoft.Json"],
    ["global using System.Linq;", null, "System.Linq"],
    ["MyApp.Core.Missing", null, "MyApp.Core.Missing"],
  ]));
