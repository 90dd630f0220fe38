import assert from "node:assert/strict";
import { git, makeGitRepo } from "../../tests/support/git_repo.ts";
import { BlobReader } from "../git/blob_reader.ts";
import { analyzeCheckout, type StructureStore } from "./analyze_checkout.ts";
import { ParsePool } from "./parse/parse_pool.ts";

Deno.test("[scan] once a reader fails, the others stop and nothing is written after the analysis failed", async () => {
  const files = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`f${i}.py`, `x = ${i}\n`]));
  const repo = await makeGitRepo(files);
  const reader = new BlobReader(repo);
  const pool = new ParsePool(1);
  let lookups = 0;
  let rejected = false;
  let writesAfterRejection = 0;
  const store: StructureStore = {
    // The third chunk's cache lookup fails, while chunks before it are being written.
    cached: () => ++lookups === 3 ? Promise.reject(new Error("the database went away")) : Promise.resolve(new Map()),
    previous: () => Promise.resolve(null),
    copy: () => Promise.resolve(),
    present: () => Promise.resolve(new Set()),
    write: () => {
      if (rejected) writesAfterRejection++;
      return new Promise((r) => setTimeout(r, 20));
    },
  };
  try {
    const commit = (await git(repo, ["rev-parse", "HEAD"])).trim();
    await assert.rejects(analyzeCheckout({ gitDir: repo, commit, reader }, { pool, store }), /the database went away/);
    rejected = true;
    await new Promise((r) => setTimeout(r, 300)); // readers still running would write now
    assert.equal(writesAfterRejection, 0);
  } finally {
    pool.close();
    await reader.close();
    await Deno.remove(repo, { recursive: true });
  }
});
