import assert from "node:assert/strict";
import { createTestDatabase } from "../../tests/support/database.ts";
import { git } from "../../tests/support/git_repo.ts";
import { ALICE, BOB, commitAs, craftedHistory } from "../../tests/support/history_repo.ts";
import { fetchCommit } from "../git/clone.ts";
import { submitAnalysis } from "../pipeline/submit.ts";
import { normalizeRepoUrl } from "../repo/url.ts";
import { analyzeHistory } from "./analyze_history.ts";
import { fileChurn } from "./history_views.ts";

/** Fetches `repo` into a new mirror and runs the history stage on it, for an analysis of its own. */
async function historyOf(repo: string, prepare?: (mirror: string, commit: string) => Promise<void>) {
  const database = await createTestDatabase();
  const mirror = await Deno.makeTempDir({ prefix: "codevoyage-mirror-" });
  try {
    const location = normalizeRepoUrl(repo, { allowLocal: true });
    const { id } = await submitAnalysis(database.db, { repo: location, ref: null, queue: false });
    const checkout = await fetchCommit(location.url, null, mirror, { timeoutMs: 30_000, depth: 1001 });
    await prepare?.(mirror, checkout.commit);
    const summary = await analyzeHistory(database.db, id, mirror, checkout.commit, { maxCommits: 1000 });
    return { summary, files: await fileChurn(database.db, id) };
  } finally {
    await database.drop();
    await Deno.remove(mirror, { recursive: true });
  }
}

/** Turns a repository's packs into loose objects, so that one object can be deleted. */
async function unpackAll(dir: string): Promise<void> {
  for (const entry of [...Deno.readDirSync(`${dir}/objects/pack`)]) {
    if (!entry.name.endsWith(".pack")) continue;
    const moved = `${dir}/${entry.name}`;
    await Deno.rename(`${dir}/objects/pack/${entry.name}`, moved);
    await Deno.remove(`${dir}/objects/pack/${entry.name.replace(/\.pack$/, ".idx")}`);
    const child = new Deno.Command("git", { args: ["unpack-objects", "-q"], cwd: dir, stdin: "piped" }).spawn();
    const file = await Deno.open(moved);
    await file.readable.pipeTo(child.stdin);
    assert.ok((await child.status).success);
    await Deno.remove(moved);
  }
}

Deno.test("[history] a missing object stops the log, not the analysis: what was read is kept and the reason told", async () => {
  const repo = await craftedHistory();
  try {
    const { summary } = await historyOf(repo, async (mirror, commit) => {
      await unpackAll(mirror);
      // The first version of a.ts, needed by the numstat of the first two commits only.
      const blob = (await git(mirror, ["rev-parse", `${commit}~17:a.ts`])).trim();
      await Deno.remove(`${mirror}/objects/${blob.slice(0, 2)}/${blob.slice(2)}`);
    });
    assert.ok(summary.commits > 10 && summary.commits < 19, `read ${summary.commits} commits`);
    assert.match(summary.incomplete ?? "", /^git stopped after \d+ commits: .+/);
  } finally {
    await Deno.remove(repo, { recursive: true });
  }
});

Deno.test("[history] thousands of files in one commit, binary files, dates before 1980 and far in the future", async () => {
  const repo = await Deno.makeTempDir({ prefix: "codevoyage-odd-history-" });
  try {
    await git(repo, ["init", "--quiet", "--initial-branch=main"]);
    await commitAs(repo, ALICE, "1975-06-01T00:00:00Z", { "old.txt": "from the seventies\n" }, "old");
    const many = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`gen/f${i}.txt`, `${i}\n`]));
    await commitAs(repo, BOB, "2099-01-01T00:00:00Z", many, "a big import");
    await Deno.writeFile(`${repo}/logo.bin`, new Uint8Array([0, 1, 2, 0, 255, 0]));
    await commitAs(repo, BOB, "@7258118400 +0000", { "old.txt": "from the seventies\nand later\n" }, "far");
    const { summary, files } = await historyOf(repo);
    assert.equal(summary.commits, 3);
    assert.equal(summary.incomplete, null);
    assert.equal(files.length, 3002);
    const churn = new Map(files.map((f) => [f.path, f]));
    assert.deepEqual(churn.get("old.txt"), { path: "old.txt", commits: 2, added: 2, deleted: 0 });
    assert.deepEqual(churn.get("logo.bin"), { path: "logo.bin", commits: 1, added: 0, deleted: 0 });
    assert.ok(summary.firstCommitAt!.startsWith("1975-06-01") || summary.firstCommitAt === "1970-01-01T00:00:00.000Z");
    assert.equal(summary.lastCommitAt, "2200-01-01T00:00:00.000Z");
  } finally {
    await Deno.remove(repo, { recursive: true });
  }
});

Deno.test("[history] a shallow source repository gives the history it has", async () => {
  const full = await craftedHistory();
  const shallow = `${full}-shallow`;
  try {
    await git(full, ["clone", "--quiet", "--depth=3", `file://${full}`, shallow]);
    const { summary } = await historyOf(shallow);
    assert.equal(summary.commits, Number((await git(shallow, ["rev-list", "--count", "HEAD"])).trim()));
    assert.equal(summary.truncated, false);
  } finally {
    await Deno.remove(full, { recursive: true });
    await Deno.remove(shallow, { recursive: true });
  }
});
