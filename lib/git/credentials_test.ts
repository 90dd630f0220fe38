import assert from "node:assert/strict";
import path from "node:path";
import { startGitHttpsServer } from "../../tests/support/git_https_server.ts";
import { git, makeGitRepo } from "../../tests/support/git_repo.ts";
import { AnalysisError } from "../pipeline/analysis_error.ts";
import { fetchCommit } from "./clone.ts";
import { configureRemoteGuard } from "./remote_guard.ts";
import { resolveRef } from "./resolve_ref.ts";
import type { GitCredential } from "./run_git.ts";

const TOKEN = "ghp_TestTokenThatMustNeverLeak0123456789";
const RIGHT: GitCredential = { username: "x-access-token", password: TOKEN };

/** The command lines of every process on this machine holding `text`. */
async function commandLinesWith(text: string): Promise<{ all: string[]; holding: string[] }> {
  const all: string[] = [];
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    // A process may end between the listing and the read.
    const bytes = await Deno.readFile(`/proc/${entry.name}/cmdline`).catch(() => new Uint8Array());
    all.push(new TextDecoder().decode(bytes).replaceAll("\0", " "));
  }
  return { all, holding: all.filter((line) => line.includes(text)) };
}

/** Every file under `dir` whose bytes hold `text`. */
async function filesWith(dir: string, text: string): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory) found.push(...await filesWith(file, text));
    else if (new TextDecoder("latin1").decode(await Deno.readFile(file)).includes(text)) found.push(file);
  }
  return found;
}

/** A private repository with two commits behind an https server; `run` gets its URL and head. */
async function withPrivateRepository(
  run: (context: {
    url: string;
    head: string;
    caFile: string;
    requests: { user: string | null }[];
    gitProcessesSeen: string[];
  }) => Promise<void>,
): Promise<{ leaks: string[] }> {
  const work = await makeGitRepo({ "a.txt": "one\n" });
  await Deno.writeTextFile(path.join(work, "a.txt"), "two\n");
  await git(work, ["-c", "user.name=T", "-c", "user.email=t@e", "commit", "-qam", "two"]);
  const head = (await git(work, ["rev-parse", "HEAD"])).trim();
  const root = await Deno.makeTempDir({ prefix: "codevoyage-git-root-" });
  await git(root, ["clone", "--bare", "--quiet", work, "repo.git"]);
  const leaks: string[] = [];
  const gitProcessesSeen: string[] = [];
  let port = "";
  const server = await startGitHttpsServer({
    root,
    username: RIGHT.username,
    password: RIGHT.password,
    // Checked while git waits for this answer: every git process of the fetch is alive.
    onRequest: async () => {
      const { all, holding } = await commandLinesWith(TOKEN);
      leaks.push(...holding);
      gitProcessesSeen.push(...all.filter((line) => line.includes("git") && line.includes(`:${port}`)));
    },
  });
  port = new URL(server.origin).port;
  try {
    await run({
      url: `${server.origin}/repo.git`,
      head,
      caFile: server.caFile,
      requests: server.requests,
      gitProcessesSeen,
    });
  } finally {
    configureRemoteGuard({});
    await server.close();
    await Deno.remove(work, { recursive: true });
    await Deno.remove(root, { recursive: true });
  }
  return { leaks };
}

async function failure(promise: Promise<unknown>): Promise<AnalysisError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AnalysisError, String(error));
    return error;
  }
  assert.fail("no error");
}

Deno.test("[git] a private https repository is resolved and fetched with its token, which shows nowhere", async () => {
  const { leaks } = await withPrivateRepository(async ({ url, head, caFile, requests, gitProcessesSeen }) => {
    configureRemoteGuard({ allowHosts: ["localhost"], caFile });
    assert.equal(await resolveRef(url, "main", { timeoutMs: 10_000, credential: RIGHT }), head);
    assert.equal(await resolveRef(url, null, { timeoutMs: 10_000, credential: RIGHT }), head);
    const mirror = await Deno.makeTempDir();
    try {
      const checkout = await fetchCommit(url, "main", mirror, { timeoutMs: 10_000, credential: RIGHT });
      assert.equal(checkout.commit, head);
      assert.equal(await git(mirror, ["show", `${head}:a.txt`]), "two\n");
      // Git asked, was refused, and asked again with the token: the helper was used.
      assert.ok(requests.some((r) => r.user === null) && requests.some((r) => r.user === RIGHT.username));
      assert.deepEqual(await filesWith(mirror, TOKEN), []);
      assert.deepEqual(await filesWith(mirror, btoa(`${RIGHT.username}:${TOKEN}`)), []);
    } finally {
      await Deno.remove(mirror, { recursive: true });
    }
    assert.ok(gitProcessesSeen.length > 0, "the process list was read while git was running");
  });
  assert.deepEqual(leaks, [], "the token was in a command line");
});

Deno.test("[git] a private https repository without its token, or with a wrong one, asks for credentials", async () => {
  await withPrivateRepository(async ({ url, caFile, requests }) => {
    configureRemoteGuard({ allowHosts: ["localhost"], caFile });
    const wrong: GitCredential = { username: RIGHT.username, password: "ghp_wrong" };
    for (const credential of [undefined, wrong]) {
      const resolving = await failure(resolveRef(url, "main", { timeoutMs: 10_000, credential }));
      assert.equal(resolving.code, "auth_required");
      const mirror = await Deno.makeTempDir();
      try {
        const fetching = await failure(fetchCommit(url, "main", mirror, { timeoutMs: 10_000, credential }));
        assert.equal(fetching.code, "auth_required");
        for (const error of [resolving, fetching]) {
          assert.ok(!error.message.includes(TOKEN) && !error.message.includes(wrong.password), error.message);
        }
        assert.deepEqual(await filesWith(mirror, wrong.password), []);
      } finally {
        await Deno.remove(mirror, { recursive: true });
      }
    }
    assert.ok(requests.length > 0 && requests.every((r) => r.user === null));
  });
});

Deno.test("[git] a server whose certificate is not trusted is refused, and never sees the token", async () => {
  await withPrivateRepository(async ({ url, requests }) => {
    configureRemoteGuard({ allowHosts: ["localhost"] });
    const error = await failure(resolveRef(url, "main", { timeoutMs: 10_000, credential: RIGHT }));
    assert.equal(error.code, "clone_failed");
    assert.ok(!error.message.includes(TOKEN));
    const mirror = await Deno.makeTempDir();
    try {
      assert.equal(
        (await failure(fetchCommit(url, "main", mirror, { timeoutMs: 10_000, credential: RIGHT }))).code,
        "clone_failed",
      );
    } finally {
      await Deno.remove(mirror, { recursive: true });
    }
    // The handshake failed: no request was ever made.
    assert.deepEqual(requests, []);
  });
});
