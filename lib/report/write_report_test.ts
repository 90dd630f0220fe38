import assert from "node:assert/strict";
import type { Report } from "./build_report.ts";
import { writeReport } from "./write_report.ts";

Deno.test("[report] the streamed report is the same JSON as the report object", async () => {
  const file = (path: string) => ({
    path,
    language: "Go",
    category: "code",
    bytes: 3,
    lines: { code: 1, comment: 0, blank: 0 },
    functions: [{ name: "f", qualifiedName: "f", startLine: 1, endLine: 1, ccn: 1, params: 0, nloc: 1, maxNesting: 0 }],
    classes: [],
    imports: [{ module: "fmt", line: 1, target: null, external: "fmt" }],
  });
  const report = {
    repo: { url: "https://example.com/a/b", name: "a/b", ref: null, commit: "c".repeat(40) },
    analysis: { id: "x", status: "succeeded", createdAt: "t", finishedAt: null },
    summary: { files: 2, functions: 2, languages: {}, categories: {}, skipped: {} },
    files: [file("a.go"), file('dir/\u00e9 "quoted".go')],
    history: null,
    timings: { fetch: 1 },
    stats: { parsed: 2 },
  } as Report;
  const path = await Deno.makeTempFile();
  try {
    await writeReport(report, path);
    assert.deepEqual(JSON.parse(await Deno.readTextFile(path)), report);
    await writeReport({ ...report, files: [] }, path);
    assert.deepEqual(JSON.parse(await Deno.readTextFile(path)).files, []);
  } finally {
    await Deno.remove(path);
  }
});
