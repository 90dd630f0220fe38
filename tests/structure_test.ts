import assert from "node:assert/strict";
import path from "node:path";
import { git, makeGitRepo } from "./support/git_repo.ts";
import { startTestApp, waitForAnalysis } from "./support/test_app.ts";

const ROOT = path.join(import.meta.dirname!, "..");

async function analyze(url: string, repoUrl: string) {
  const created = await (await fetch(`${url}/api/analyses`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ repoUrl }),
  })).json();
  const done = await waitForAnalysis(url, created.id, 120_000);
  assert.equal(done.status, "succeeded", JSON.stringify(done.error));
  return await (await fetch(`${url}/api/analyses/${created.id}/report`)).json();
}

Deno.test("[structure] re-analysing after one changed file parses only that file", async () => {
  const app = await startTestApp();
  const files = Object.fromEntries(
    Array.from(
      { length: 40 },
      (_, i) => [`src/m${i}.ts`, `export function f${i}(a: number) { return a > ${i} ? a : 0; }\n`],
    ),
  );
  files["src/m1.ts"] = `import { f2 } from "./m2.ts";\nexport function f1(a: number) { return f2(a) || 1; }\n`;
  files["src/m5.ts"] = `import { later } from "./later.ts";\nexport const f5 = later;\n`;
  const repo = await makeGitRepo(files);
  const copy = `${repo}-copy`;
  try {
    const first = await analyze(app.url, repo);
    assert.deepEqual(first.stats, { files: 40, parsed: 40, cached: 0, reused: 0 });
    await Deno.writeTextFile(`${repo}/src/m7.ts`, "export function g(a: number, b: number) { return a && b; }\n");
    await git(repo, ["-c", "user.name=T", "-c", "user.email=t@e", "commit", "-qam", "change one"]);
    const second = await analyze(app.url, repo);
    // One file parsed; the 39 others keep the rows of the first analysis.
    assert.deepEqual(second.stats, { files: 40, parsed: 1, cached: 0, reused: 39 });
    const file = (p: string) => second.files.find((f: { path: string }) => f.path === p);
    assert.deepEqual(file("src/m7.ts").functions.map((f: { name: string; ccn: number }) => [f.name, f.ccn]), [[
      "g",
      2,
    ]]);
    assert.deepEqual(file("src/m3.ts").functions.map((f: { name: string; ccn: number }) => [f.name, f.ccn]), [[
      "f3",
      2,
    ]]);
    assert.deepEqual(file("src/m1.ts").imports.map((i: { target: string }) => i.target), ["src/m2.ts"]);
    assert.equal(second.summary.functions, 39);
    assert.deepEqual(file("src/m5.ts").imports.map((i: { target: string | null }) => i.target), [null]);

    // A new file can make an unchanged file's import resolvable: imports are resolved again then.
    await Deno.writeTextFile(`${repo}/src/later.ts`, "export const later = 1;\n");
    await git(repo, ["add", "src/later.ts"]);
    await git(repo, ["-c", "user.name=T", "-c", "user.email=t@e", "commit", "-qm", "add later"]);
    const third = await analyze(app.url, repo);
    assert.deepEqual(third.stats, { files: 41, parsed: 1, cached: 0, reused: 40 });
    const m5 = third.files.find((f: { path: string }) => f.path === "src/m5.ts");
    assert.deepEqual(m5.imports.map((i: { target: string | null }) => i.target), ["src/later.ts"]);

    // Another repository with the same contents: nothing to reuse, but every blob is in the parse cache.
    await git(repo, ["clone", "--quiet", repo, copy]);
    const other = await analyze(app.url, copy);
    assert.deepEqual(other.stats, { files: 41, parsed: 0, cached: 41, reused: 0 });
    assert.equal(other.summary.functions, 39);
  } finally {
    await app.close();
    await Deno.remove(repo, { recursive: true });
    await Deno.remove(copy, { recursive: true }).catch(() => {});
  }
});

Deno.test("[structure] bad input inside a repository is recorded, the analysis still succeeds", async () => {
  const app = await startTestApp();
  const repo = await makeGitRepo({
    "ok.js": "function ok(a) { return a || 1; }\n",
    "late_nul.js": `// ${"x".repeat(9000)}\nimport x from "a\0b";\n`,
    "huge.ts": `export const big = "${"y".repeat(1024 * 1024)}";\n`,
    "broken.js": "function ( { if (\n",
    "image.png": "\x89PNG\r\n\x1a\n\0\0\0binary",
    ".codevoyage.yml": "exclude:\n  - fixtures/**\n",
    "fixtures/big.ts": "export const x = 1;\n",
  });
  await Deno.symlink("/etc/passwd", `${repo}/escape.txt`);
  // Latin-1, not UTF-8: "# café".
  await Deno.writeFile(
    `${repo}/latin1.py`,
    new Uint8Array([0x23, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a, ...new TextEncoder().encode("def f():\n    return 1\n")]),
  );
  await git(repo, ["add", "escape.txt", "latin1.py"]);
  await git(repo, ["-c", "user.name=T", "-c", "user.email=t@e", "commit", "-qm", "link"]);
  try {
    const report = await analyze(app.url, repo);
    const file = (p: string) => report.files.find((f: { path: string }) => f.path === p);
    assert.equal(file("escape.txt").skipReason, "symlink");
    assert.equal(file("escape.txt").lines.code, 0, "a symlink is never followed");
    assert.equal(file("image.png").category, "binary");
    assert.equal(file("huge.ts").skipReason, "larger than 1048576 bytes", "listed with its size, never read");
    assert.equal(file("huge.ts").bytes, 1024 * 1024 + 23);
    assert.deepEqual(report.summary.skipped["too large"], 1);
    assert.equal(file("late_nul.js").category, "binary", "a NUL past 8,000 bytes is binary too, not a failure");
    assert.equal(file("fixtures/big.ts").skipReason, "excluded by .codevoyage.yml");
    assert.ok(file("broken.js").parseErrors > 0);
    assert.deepEqual(file("ok.js").functions.map((f: { name: string; ccn: number }) => [f.name, f.ccn]), [["ok", 2]]);
    assert.equal(file("latin1.py").lines.code, 2, "non-UTF-8 text is decoded leniently");
  } finally {
    await app.close();
    await Deno.remove(repo, { recursive: true });
  }
});

Deno.test("[structure] this project's own repository: the report's invariants hold", async () => {
  const app = await startTestApp();
  try {
    const report = await analyze(app.url, ROOT);
    const paths = new Set(report.files.map((f: { path: string }) => f.path));
    let functions = 0;
    for (const file of report.files) {
      functions += file.functions.length;
      for (const fn of file.functions) {
        assert.ok(fn.startLine >= 1 && fn.startLine <= fn.endLine, `${file.path} ${fn.qualifiedName}`);
        assert.ok(fn.ccn >= 1 && fn.params >= 0);
        assert.ok(fn.nloc <= fn.endLine - fn.startLine + 1);
      }
      for (const imp of file.imports) {
        assert.ok((imp.target === null) || paths.has(imp.target), `${file.path} → ${imp.target}`);
        assert.ok(!(imp.target && imp.external));
      }
    }
    assert.equal(report.summary.functions, functions);
    const url = report.files.find((f: { path: string }) => f.path === "lib/repo/url.ts");
    const normalize = url.functions.find((f: { name: string }) => f.name === "normalizeRepoUrl");
    assert.ok(normalize.ccn > 10, "a branchy function is seen as such");
    const targets = url.imports.map((i: { target: string | null }) => i.target);
    assert.ok(targets.includes("lib/errors.ts"), "relative .ts imports resolve to files");
    assert.ok(url.imports.some((i: { external: string | null }) => i.external === "node:path"));
  } finally {
    await app.close();
  }
});

Deno.test("[structure] a file that became a symlink with the same content is not reused as code", async () => {
  const app = await startTestApp();
  const repo = await makeGitRepo({ "real.py": "x = 1\n", "link.py": "real.py" });
  try {
    const first = await analyze(app.url, repo);
    const link = (report: { files: { path: string; skipReason?: string; language: string }[] }) =>
      report.files.find((f) => f.path === "link.py")!;
    assert.equal(link(first).language, "Python");
    await Deno.remove(`${repo}/link.py`);
    await Deno.symlink("real.py", `${repo}/link.py`); // the same blob: "real.py"
    await git(repo, ["add", "link.py"]);
    await git(repo, ["-c", "user.name=T", "-c", "user.email=t@e", "commit", "-qm", "symlink"]);
    const second = await analyze(app.url, repo);
    assert.equal(link(second).skipReason, "symlink");
    assert.equal(second.stats.reused, 1, "real.py is reused, link.py is not");
  } finally {
    await app.close();
    await Deno.remove(repo, { recursive: true });
  }
});
