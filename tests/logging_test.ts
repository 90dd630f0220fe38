import assert from "node:assert/strict";
import { makeGitRepo } from "./support/git_repo.ts";
import { captureLogs, startTestApp, waitForAnalysis } from "./support/test_app.ts";

Deno.test("[logs] JSON lines carry the request id, and the job's lines carry the analysis and request ids", async () => {
  const lines: string[] = [];
  await captureLogs(lines);
  const app = await startTestApp();
  const repo = await makeGitRepo({ "a.rs": "fn main() {}\n" });
  try {
    const response = await fetch(`${app.url}/api/analyses`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "req-from-the-proxy-42" },
      body: JSON.stringify({ repoUrl: repo }),
    });
    assert.equal(response.headers.get("x-request-id"), "req-from-the-proxy-42");
    const { id } = await response.json();
    await waitForAnalysis(app.url, id);

    const records = lines.map((line) => JSON.parse(line));
    const access = records.find((r) => r.method === "POST" && r.path === "/api/analyses");
    assert.equal(access?.requestId, "req-from-the-proxy-42");
    assert.equal(access?.status, 202);
    const job = records.filter((r) => r.analysisId === id);
    assert.ok(job.some((r) => /succeeded/.test(r.message)), "the job logged its outcome");
    assert.ok(job.length >= 2);
    for (const record of job) {
      assert.equal(record.requestId, "req-from-the-proxy-42", record.message);
      assert.ok(record.jobId, "the job id is on the line too");
    }
  } finally {
    await app.close();
    await Deno.remove(repo, { recursive: true });
  }
});
