import assert from "node:assert/strict";
import { AppError } from "../errors.ts";
import { normalizeRepoUrl, validateRef } from "./url.ts";

const remote = { allowLocal: false };

Deno.test("[repo] GitHub spellings of one repository normalise to one key", () => {
  const spellings = [
    "denoland/deno",
    "github.com/denoland/deno",
    "https://github.com/denoland/deno",
    "https://github.com/denoland/deno.git",
    "https://GitHub.com/Denoland/Deno/",
    "https://github.com/denoland/deno/tree/main",
  ];
  for (const s of spellings) {
    assert.equal(normalizeRepoUrl(s, remote).url, "https://github.com/denoland/deno", s);
  }
  assert.equal(normalizeRepoUrl("Denoland/Deno", remote).displayName, "Denoland/Deno");
});

Deno.test("[repo] other https hosts keep their path", () => {
  const loc = normalizeRepoUrl("https://gitlab.com/group/sub/project.git", remote);
  assert.deepEqual(loc, { url: "https://gitlab.com/group/sub/project", displayName: "sub/project", kind: "remote" });
});

Deno.test("[repo] bad URLs are refused with a message naming the field", () => {
  const cases: [string, RegExp][] = [
    ["", /required/],
    ["http://github.com/a/b", /only https/],
    ["ssh://git@github.com/a/b", /only https/],
    ["https://user:pw@github.com/a/b", /credentials/],
    ["https://github.com/a/b?x=1", /query/],
    ["not a url", /spaces/],
    ["https://127.0.0.1/a/b", /private or local/],
    ["https://169.254.169.254/latest", /private or local/],
    ["https://10.1.2.3:8443/a/b", /private or local/],
    ["https://localhost", /host/],
    ["/tmp/repo", /local paths/],
    ["file:///tmp/repo", /local paths/],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => normalizeRepoUrl(input, remote), (e: unknown) => {
      assert.ok(e instanceof AppError, input);
      assert.equal(e.status, 400);
      assert.equal(e.field, "repoUrl");
      assert.match(e.message, message, input);
      return true;
    });
  }
});

Deno.test("[repo] local paths and file URLs are accepted when allowed", () => {
  const allow = { allowLocal: true };
  assert.deepEqual(normalizeRepoUrl("/srv/git/app/", allow), {
    url: "file:///srv/git/app",
    displayName: "app",
    kind: "local",
  });
  assert.equal(normalizeRepoUrl("file:///srv/git/app", allow).url, "file:///srv/git/app");
  assert.equal(normalizeRepoUrl("file:///srv/my%20repo", allow).url, "file:///srv/my repo");
  assert.equal(normalizeRepoUrl("/srv/my repo #1", allow).url, "file:///srv/my repo #1");
  for (const bad of ["file:///%E0%A4%A", "file://[x", "file://evil.example/etc"]) {
    assert.throws(() => normalizeRepoUrl(bad, allow), (e: unknown) => e instanceof AppError && e.status === 400, bad);
  }
});

Deno.test("[repo] refs must be plain git names", () => {
  assert.equal(validateRef(undefined), null);
  assert.equal(validateRef(" v1.2.3 "), "v1.2.3");
  assert.equal(validateRef("feature/x"), "feature/x");
  for (const bad of ["--upload-pack=x", "a..b", "a b", "x.lock", "a/", "@{1}"]) {
    assert.throws(() => validateRef(bad), AppError, bad);
  }
});
