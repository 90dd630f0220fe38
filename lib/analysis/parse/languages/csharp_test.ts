import assert from "node:assert/strict";
import { extractStructure } from "../extract.ts";
import { createParser } from "../tree_sitter.ts";
import { csharp } from "./csharp.ts";

const parser = await createParser("c_sharp");
const parse = (text: string) => extractStructure(csharp, parser, text);
/** [qualifiedName, startLine, endLine, ccn, params] per function, the columns lizard's CSV has. */
const rows = (text: string) =>
  parse(text).functions.map((f) => [f.qualifiedName, f.startLine, f.endLine, f.ccn, f.params]);

const BOX = `namespace Acme.Shapes
{
    /// <summary>A box.</summary>
    [Serializable]
    public class Box<T> where T : class
    {
        private int size;

        /// <summary>Makes a box.</summary>
        [Obsolete("use Create")]
        public Box(int size) { this.size = size > 0 ? size : 1; }

        ~Box() { }

        public int Size
        {
            get { return size; }
            set { if (value > 0 && value < 100) size = value; }
        }

        public int Twice => size * 2;
        public int Half() => size > 1 ? size / 2 : 0;

        public string Describe(string? label, params object[] rest)
        {
            var name = label?.Trim() ?? "box";
            foreach (var r in rest) { }
            for (int i = 0; i < size; i++) { }
            while (size > 10) size--;
            do { size++; } while (size < 0);
            switch (size)
            {
                case 1:
                case 2:
                    break;
                default:
                    break;
            }
            var kind = size switch { 0 => "empty", < 5 => "small", _ => "big" };
            try { name ??= "x"; }
            catch (Exception e) when (e is ArgumentException) { }
            if (size == 0 || rest.Length == 0) { }
            else if (size == 1) { }
            return name;
        }
    }
}
`;

Deno.test("[parse] c#: branches, cases, null checks and switch arms each add one", () => {
  // Describe: 1 + ?. + ?? + foreach + for + while + do-while + two cases
  // (default adds none) + a three-arm switch expression (2) + ??= + catch + if
  // + || + else-if = 16. The nullable string? is no decision. lizard says 13:
  // it counts neither foreach nor switch arms. Box starts at its name, below
  // its attribute, as in lizard; lizard lists no accessors or properties.
  assert.deepEqual(rows(BOX), [
    ["Acme.Shapes::Box::Box", 11, 11, 2, 1],
    ["Acme.Shapes::Box::~Box", 13, 13, 1, 0],
    ["Acme.Shapes::Box::get_Size", 17, 17, 1, 0],
    ["Acme.Shapes::Box::set_Size", 18, 18, 3, 0],
    ["Acme.Shapes::Box::get_Twice", 21, 21, 1, 0],
    ["Acme.Shapes::Box::Half", 22, 22, 2, 0],
    ["Acme.Shapes::Box::Describe", 24, 45, 16, 2],
  ]);
});

Deno.test("[parse] c#: nesting, doc comments, attributes and scopes", () => {
  const { functions, classes } = parse(BOX);
  const describe = functions.at(-1)!;
  assert.equal(describe.maxNesting, 1);
  assert.equal(describe.nloc, 22);
  assert.equal(functions[0].doc, "/// <summary>Makes a box.</summary>");
  assert.deepEqual(classes.map((c) => [c.qualifiedName, c.kind, c.startLine, c.endLine, c.doc]), [
    ["Acme.Shapes", "namespace", 1, 47, null],
    ["Acme.Shapes::Box", "class", 4, 46, "/// <summary>A box.</summary>"],
  ]);
});

Deno.test("[parse] c#: lambdas and local functions belong to their member; operators, events, indexers", () => {
  const text = `class Runner
{
    public void Run(List<int> xs)
    {
        Func<int, bool> positive = x => x > 0 && x < 10;
        xs.ForEach(x => { if (x > 0) Console.WriteLine(x); });
        Action log = delegate { if (xs.Count > 0) { } };
        int Local(int a, int b) { return a > b ? a : b; }
    }
    public static Runner operator +(Runner a, Runner b) => a;
    public static implicit operator int(Runner r) => 0;
    public event EventHandler Changed { add { } remove { } }
    public int this[int i] { get { return i; } }
    public abstract void Later();
}
interface IShape { double Area(); }
struct Pt { public int X; public int Dist() { return X < 0 ? -X : X; } }
record Person(string Name) { public bool Named() => Name != null; }
`;
  // As in lizard, Run takes the decisions of its lambdas, anonymous method and
  // local function: 1 + && + if + if + ?: = 5.
  assert.deepEqual(rows(text), [
    ["Runner::Run", 3, 9, 5, 1],
    ["Runner::operator +", 10, 10, 1, 2],
    ["Runner::operator int", 11, 11, 1, 1],
    ["Runner::add_Changed", 12, 12, 1, 0],
    ["Runner::remove_Changed", 12, 12, 1, 0],
    ["Runner::get_Item", 13, 13, 1, 1],
    ["Pt::Dist", 17, 17, 2, 0],
    ["Person::Named", 18, 18, 1, 0],
  ]);
});

Deno.test("[parse] c#: every using directive form", () => {
  const { imports } = parse(`using System;
using System.Collections.Generic;
using static System.Math;
using Json = System.Text.Json;
global using System.Linq;
`);
  assert.deepEqual(imports, [
    { module: "System", line: 1, kind: "using" },
    { module: "System.Collections.Generic", line: 2, kind: "using" },
    { module: "System.Math", line: 3, kind: "using" },
    { module: "System.Text.Json", line: 4, kind: "using" },
    { module: "System.Linq", line: 5, kind: "using" },
  ]);
});

Deno.test("[parse] c#: methods after a syntax error are still found", () => {
  const text = `class Broken
{
    void Bad()
    {
        int x = ;
        if (x > ) { }
    }
    int Good(int a)
    {
        return a > 0 ? 1 : 0;
    }
}
`;
  assert.ok(parse(text).parseErrors > 0);
  assert.deepEqual(rows(text), [["Broken::Bad", 3, 7, 2, 0], ["Broken::Good", 8, 11, 2, 1]]);
});
