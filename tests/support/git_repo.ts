/** Real git repositories, made on disk for a test. */
import path from "node:path";
import { runCommand } from "../../lib/process.ts";

/** Creates a repository with one commit holding `files`; returns its path. */
export async function makeGitRepo(files: Record<string, string>): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "codevoyage-repo-" });
  for (const [name, content] of Object.entries(files)) {
    await Deno.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await Deno.writeTextFile(path.join(dir, name), content);
  }
  await git(dir, ["init", "--quiet", "--initial-branch=main"]);
  await git(dir, ["add", "--all"]);
  await git(dir, ["-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "--quiet", "-m", "initial"]);
  return dir;
}

/** Runs git in `dir`, failing the test on a non-zero exit. */
export async function git(dir: string, args: string[]): Promise<string> {
  const result = await runCommand("git", args, { cwd: dir });
  if (result.code !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}
