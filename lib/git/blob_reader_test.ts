import assert from "node:assert/strict";
import { git, makeGitRepo } from "../../tests/support/git_repo.ts";
import { BlobReader } from "./blob_reader.ts";

Deno.test("[git] blobs are read from the object store in request order, large and binary ones too", async () => {
  const big = "x".repeat(300_000) + "\n";
  const repo = await makeGitRepo({ "a.txt": "alpha\n", "big.txt": big, "empty.txt": "" });
  const reader = new BlobReader(repo);
  try {
    const listing = await git(repo, ["ls-tree", "-r", "HEAD"]);
    const sha = (name: string) => listing.split("\n").find((l) => l.endsWith(`\t${name}`))!.split(/\s+/)[2];
    const decode = (b: Uint8Array | null) => b === null ? null : new TextDecoder().decode(b);
    const answers = await Promise.all([
      reader.read(sha("big.txt")),
      reader.read(sha("a.txt")),
      reader.read("0".repeat(40)),
      reader.read(sha("empty.txt")),
      reader.read(sha("a.txt")),
    ]);
    assert.deepEqual(answers.map(decode), [big, "alpha\n", null, "", "alpha\n"]);
    await assert.rejects(reader.read("HEAD; rm -rf /"), /not an object id/);
  } finally {
    await reader.close();
    await Deno.remove(repo, { recursive: true });
  }
});
