import assert from "node:assert/strict";
import { startDnsServer } from "./support/dns_server.ts";
import { git, makeGitRepo } from "./support/git_repo.ts";
import { postJson, startTestApp, waitForAnalysis } from "./support/test_app.ts";

const submit = (url: string, repoUrl: string) => postJson(`${url}/api/analyses`, { repoUrl });

Deno.test("[security] SSRF attempts are refused, each with its reason", async () => {
  const dns = await startDnsServer({ "evil.test": ["127.0.0.1"], "metadata.test": ["169.254.169.254"] });
  const app = await startTestApp({ ALLOW_LOCAL_REPOS: "0", DNS_SERVER: dns.address });
  try {
    const refused: [string, RegExp][] = [
      ["http://127.0.0.1/owner/repo", /only https/],
      ["https://127.0.0.1/owner/repo", /private or local network/],
      ["https://10.0.0.5/owner/repo", /private or local network/],
      ["https://169.254.169.254/latest/meta-data", /private or local network/],
      ["https://[::1]/owner/repo", /valid host/],
      ["file:///etc", /local paths are not accepted/],
      ["/etc", /local paths are not accepted/],
      ["ext::sh -c touch% /tmp/pwned", /only https|spaces|valid URL/],
      ["--upload-pack=touch /tmp/pwned", /spaces|valid URL|owner\/name/],
      ["https://user:secret@github.com/a/b", /credentials/],
    ];
    for (const [url, reason] of refused) {
      const answer = await submit(app.url, url);
      assert.equal(answer.status, 400, url);
      assert.equal(answer.body.error.field, "repoUrl", url);
      assert.match(answer.body.error.message, reason, url);
    }
    // A name that resolves inside: recorded as a failed analysis with its own code, git never connects.
    for (const host of ["evil.test", "metadata.test"]) {
      const answer = await submit(app.url, `https://${host}/owner/repo`);
      assert.equal(answer.body.status, "failed", host);
      assert.equal(answer.body.error.code, "internal_address", host);
      assert.equal(answer.body.stage, "resolve");
    }
  } finally {
    await app.close();
    await dns.close();
  }
});

Deno.test("[security] a fetch over the byte cap stops with repo_too_large; a symlink to /etc/passwd is never read", async () => {
  const app = await startTestApp({ MAX_FETCH_MB: "1" });
  const big = await makeGitRepo({ "README.md": "# big\n" });
  const linked = await makeGitRepo({ "a.py": "x = 1\n" });
  try {
    // 3 MB that does not compress.
    const noise = new Uint8Array(3_000_000);
    for (let i = 0; i < noise.length; i += 65_536) crypto.getRandomValues(noise.subarray(i, i + 65_536));
    await Deno.writeFile(`${big}/noise.bin`, noise);
    await git(big, ["add", "noise.bin"]);
    await git(big, ["-c", "user.name=T", "-c", "user.email=t@e", "commit", "-qm", "noise"]);
    const large = await submit(app.url, big);
    const failed = await waitForAnalysis(app.url, large.body.id, 30_000);
    assert.equal(failed.status, "failed");
    assert.equal(failed.error?.code, "repo_too_large");

    await Deno.symlink("/etc/passwd", `${linked}/passwd`);
    await git(linked, ["add", "passwd"]);
    await git(linked, ["-c", "user.name=T", "-c", "user.email=t@e", "commit", "-qm", "link"]);
    const ok = await submit(app.url, linked);
    assert.equal((await waitForAnalysis(app.url, ok.body.id, 30_000)).status, "succeeded");
    const report = await (await fetch(`${app.url}/api/analyses/${ok.body.id}/report`)).json();
    const link = report.files.find((f: { path: string }) => f.path === "passwd");
    assert.equal(link.skipReason, "symlink");
    assert.deepEqual(link.lines, { code: 0, comment: 0, blank: 0 });
    assert.ok(!JSON.stringify(report).includes("root:x:0:0"), "nothing of /etc/passwd is in the report");
  } finally {
    await app.close();
    await Deno.remove(big, { recursive: true });
    await Deno.remove(linked, { recursive: true });
  }
});
