import assert from "node:assert/strict";
import { git, makeGitRepo } from "../../tests/support/git_repo.ts";
import { AnalysisError } from "../pipeline/analysis_error.ts";
import { fetchCommit, unpin } from "./clone.ts";
import { configureRemoteGuard } from "./remote_guard.ts";

// The silent test servers listen on 127.0.0.1: an operator would allow such a host with ALLOWED_GIT_HOSTS.
configureRemoteGuard({ allowHosts: ["127.0.0.1"] });

/** A TLS port that accepts connections and never says a word. */
function silentServer(): { url: string; close(): void } {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const held: Deno.Conn[] = [];
  (async () => {
    for await (const conn of listener) held.push(conn);
  })().catch(() => {});
  return {
    url: `https://127.0.0.1:${(listener.addr as Deno.NetAddr).port}/owner/repo`,
    close() {
      listener.close();
      for (const conn of held) conn.close();
    },
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const guard = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("git was not stopped")), 20_000));
  try {
    await Promise.race([promise, guard]);
    return "no error";
  } catch (error) {
    assert.ok(error instanceof AnalysisError, String(error));
    return error.code;
  }
}

Deno.test("[git] a server that never answers is given up at the deadline", async () => {
  const server = silentServer();
  const dir = await Deno.makeTempDir();
  try {
    assert.equal(await codeOf(fetchCommit(server.url, null, dir, { timeoutMs: 1500 })), "clone_timeout");
  } finally {
    server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("[git] cancelling stops a fetch at once", async () => {
  const server = silentServer();
  const dir = await Deno.makeTempDir();
  try {
    const signal = AbortSignal.timeout(300);
    assert.equal(await codeOf(fetchCommit(server.url, null, dir, { timeoutMs: 60_000, signal })), "canceled");
  } finally {
    server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("[git] branches, tags and commits of a local repository are fetched", async () => {
  const repo = await makeGitRepo({ "a.txt": "one\n" });
  const first = (await git(repo, ["rev-parse", "HEAD"])).trim();
  await git(repo, ["tag", "v1"]);
  await Deno.writeTextFile(`${repo}/a.txt`, "two\n");
  await git(repo, ["-c", "user.name=T", "-c", "user.email=t@e", "commit", "-qam", "two"]);
  const dirs: string[] = [];
  const clone = async (ref: string | null) => {
    const dir = await Deno.makeTempDir();
    dirs.push(dir);
    const checkout = await fetchCommit(`file://${repo}`, ref, dir, { timeoutMs: 30_000 });
    // Nothing is checked out: the file is read from the bare repository's objects.
    return { commit: checkout.commit, text: await git(dir, ["show", `${checkout.commit}:a.txt`]) };
  };
  try {
    assert.equal((await clone(null)).text, "two\n");
    assert.equal((await clone("main")).text, "two\n");
    assert.deepEqual(await clone("v1"), { commit: first, text: "one\n" });
    assert.deepEqual(await clone(first), { commit: first, text: "one\n" });
    const dir = await Deno.makeTempDir();
    dirs.push(dir);
    assert.equal(
      await codeOf(fetchCommit(`file://${repo}`, "nope", dir, { timeoutMs: 30_000 })),
      "ref_not_found",
    );
  } finally {
    for (const dir of [repo, ...dirs]) await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("[git] a local path with URL-special characters is fetched as it is", async () => {
  const repo = await makeGitRepo({ "x.md": "# x\n" });
  const odd = `${repo}-odd #x%41`;
  await Deno.rename(repo, odd);
  const dir = await Deno.makeTempDir();
  try {
    const checkout = await fetchCommit(`file://${odd}`, null, dir, { timeoutMs: 30_000 });
    assert.match(checkout.commit, /^[0-9a-f]{40}$/);
  } finally {
    await Deno.remove(odd, { recursive: true });
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("[git] a second fetch into the same mirror asks only for the objects it lacks", async () => {
  const files = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`src/f${i}.txt`, `file ${i}\n`]));
  const repo = await makeGitRepo(files);
  const mirror = await Deno.makeTempDir();
  const looseObjects = async () => Number((await git(mirror, ["count-objects", "-v"])).match(/^count: (\d+)/m)![1]);
  try {
    const first = await fetchCommit(`file://${repo}`, null, mirror, { timeoutMs: 30_000, pin: "one" });
    const before = await looseObjects();
    await Deno.writeTextFile(`${repo}/src/f7.txt`, "changed\n");
    await git(repo, ["-c", "user.name=T", "-c", "user.email=t@e", "commit", "-qam", "change f7"]);
    // A killed fetch leaves its lock behind; the next one (the only one running) clears it.
    await Deno.writeTextFile(`${mirror}/shallow.lock`, "");
    const second = await fetchCommit(`file://${repo}`, null, mirror, { timeoutMs: 30_000, pin: "two" });
    assert.notEqual(second.commit, first.commit);
    // The new commit, its two changed trees and one blob: not 200 files again.
    assert.ok((await looseObjects()) - before <= 5, `fetched ${(await looseObjects()) - before} objects`);
    assert.equal(await git(mirror, ["show", `${second.commit}:src/f7.txt`]), "changed\n");
    assert.equal(await git(mirror, ["show", `${first.commit}:src/f7.txt`]), "file 7\n", "the pinned commit stays");
    const refs = async () => (await git(mirror, ["for-each-ref", "--format=%(refname)"])).trim().split("\n");
    assert.deepEqual(await refs(), [
      "refs/codevoyage/latest",
      "refs/codevoyage/pins/one",
      "refs/codevoyage/pins/two",
    ]);
    await unpin(mirror, "one");
    assert.deepEqual(await refs(), ["refs/codevoyage/latest", "refs/codevoyage/pins/two"]);
  } finally {
    await Deno.remove(repo, { recursive: true });
    await Deno.remove(mirror, { recursive: true });
  }
});

Deno.test("[git] a damaged mirror is started again, not reported as a missing repository", async () => {
  const repo = await makeGitRepo({ "a.txt": "one\n" });
  const mirror = await Deno.makeTempDir();
  try {
    await fetchCommit(`file://${repo}`, null, mirror, { timeoutMs: 30_000 });
    await Deno.writeTextFile(`${mirror}/HEAD`, "garbage\n");
    const checkout = await fetchCommit(`file://${repo}`, null, mirror, { timeoutMs: 30_000 });
    assert.equal(await git(mirror, ["show", `${checkout.commit}:a.txt`]), "one\n");
  } finally {
    await Deno.remove(repo, { recursive: true });
    await Deno.remove(mirror, { recursive: true });
  }
});
