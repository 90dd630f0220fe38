/** A throw-away copy of a repository with one line of one file changed and committed. */
import fs from "node:fs/promises";
import path from "node:path";
import { gitIn } from "./bench_git.ts";

// Line comments per language; every other parsed language takes `//`.
const HASH_COMMENTS = new Set(["Python", "Ruby"]);

/**
 * Clones `repoDir` with `git clone --local` (objects hard-linked), without a
 * working tree: writing out 20,000 files took longer than the analysis we time.
 * The same copy is analysed cold, then again after {@link commitOneLine}: a
 * re-analysis of the same repository, as a user would run it after a commit.
 */
export async function plainCopy(repoDir: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const parent = await Deno.makeTempDir({ prefix: "codevoyage-bench-copy-" });
  const remove = () => fs.rm(parent, { recursive: true, force: true });
  try {
    const dir = path.join(parent, "corpus");
    await gitIn(parent, ["clone", "--quiet", "--local", "--no-checkout", repoDir, dir]);
    await gitIn(dir, ["read-tree", "HEAD"]);
    return { dir, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** Commits one comment line appended to `file` in the copy `dir`. */
export async function commitOneLine(dir: string, file: string, language: string): Promise<void> {
  const [mode] = (await gitIn(dir, ["ls-files", "-s", "--", file])).split(" ");
  const text = await gitIn(dir, ["cat-file", "blob", `HEAD:${file}`]);
  const comment = HASH_COMMENTS.has(language) ? "#" : "//";
  const changed = `${text.endsWith("\n") ? text : `${text}\n`}${comment} bench: one changed line\n`;
  const blob = (await gitIn(dir, ["hash-object", "-w", "--stdin"], changed)).trim();
  await gitIn(dir, ["update-index", "--cacheinfo", `${mode},${blob},${file}`]);
  await gitIn(dir, ["commit", "--quiet", "--no-verify", "-m", "Change one line"]);
}
