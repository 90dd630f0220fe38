/** A crafted git history whose metrics are known by hand (issue #4 tests). */
import path from "node:path";
import { git } from "./git_repo.ts";

/** An author as git is told: name and e-mail. */
export type Who = [name: string, email: string];

export const ALICE: Who = ["Alice Smith", "alice@example.com"];
/** Alice again, under another spelling and case of her address: the same person. */
export const ALICE_ALIAS: Who = ["alice", "Alice@Example.com"];
/** Bob's old address, mapped to the new one by the repository's .mailmap. */
export const BOB_OLD: Who = ["Bob Jones", "bob@old.example"];
export const BOB: Who = ["Bob Jones", "bob@new.example"];
export const CAROL: Who = ["Carol White", "carol@example.com"];
export const DEPENDABOT: Who = ["dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"];

/** Makes a commit by `who` on `date` that writes (or, for null, deletes) `files`. */
export async function commitAs(
  dir: string,
  who: Who,
  date: string,
  files: Record<string, string | null>,
  message: string,
): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    if (content === null) await Deno.remove(file);
    else {
      await Deno.mkdir(path.dirname(file), { recursive: true });
      await Deno.writeTextFile(file, content);
    }
  }
  await git(dir, ["add", "--all"]);
  await gitAs(dir, who, date, ["commit", "--quiet", "--allow-empty", "-m", message]);
}

/** Runs git as `who` at `date` (author and committer). */
export async function gitAs(dir: string, who: Who, date: string, args: string[]): Promise<void> {
  const output = await new Deno.Command("git", {
    args: ["-c", `user.name=${who[0]}`, "-c", `user.email=${who[1]}`, ...args],
    cwd: dir,
    env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  }).output();
  if (!output.success) throw new Error(`git ${args.join(" ")} failed: ${new TextDecoder().decode(output.stderr)}`);
}

const lines = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}_${i} = ${i}\n`).join("");

/**
 * The crafted history (19 commits, one merge):
 * - Alice adds a.ts (10 lines), x.py (imports y), y.py and a .mailmap; Bob (old address) edits a.ts;
 *   Alice renames a.ts → src/b.ts with an edit; Alice under an alias edits it again.
 * - Carol changes x.py and y.py together five times, then x.py alone.
 * - Bob changes p.py and q.py together five times (no import joins them: hidden coupling).
 * - dependabot adds deps.json; a feature branch by Bob (c.md) is merged by Alice after she adds d.md.
 */
export async function craftedHistory(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "codevoyage-history-" });
  await git(dir, ["init", "--quiet", "--initial-branch=main"]);
  let day = 1;
  const date = () =>
    `2024-${String(Math.ceil(day / 28)).padStart(2, "0")}-${String(((day++ - 1) % 28) + 1).padStart(2, "0")}T12:00:00Z`;
  let x = "import y\n" + lines("x", 3);
  let y = lines("y", 3);
  await commitAs(dir, ALICE, date(), {
    ".mailmap": "Bob Jones <bob@new.example> <bob@old.example>\n",
    "a.ts": Array.from({ length: 10 }, (_, i) => `export const a${i} = ${i};\n`).join(""),
    "x.py": x,
    "y.py": y,
  }, "start");
  await commitAs(dir, BOB_OLD, date(), {
    "a.ts": Array.from({ length: 12 }, (_, i) => `export const a${i} = ${i};\n`).join(""),
  }, "more a");
  await git(dir, ["mv", "a.ts", "b.ts"]);
  await Deno.mkdir(path.join(dir, "src"));
  await git(dir, ["mv", "b.ts", "src/b.ts"]);
  const b = Array.from({ length: 12 }, (_, i) => `export const a${i} = ${i === 0 ? 100 : i};\n`).join("");
  await commitAs(dir, ALICE, date(), { "src/b.ts": b }, "move a to src/b");
  await commitAs(dir, ALICE_ALIAS, date(), { "src/b.ts": b + "export const z = 1;\n" }, "b grows");
  for (let i = 0; i < 5; i++) {
    x += `x_more_${i} = ${i}\n`;
    y += `y_more_${i} = ${i}\n`;
    await commitAs(dir, CAROL, date(), { "x.py": x, "y.py": y }, `x and y ${i}`);
  }
  await commitAs(dir, CAROL, date(), { "x.py": x + "x_last = 1\n" }, "x alone");
  let p = "";
  let q = "";
  for (let i = 0; i < 5; i++) {
    p += `p_${i} = ${i}\n`;
    q += `q_${i} = ${i}\n`;
    await commitAs(dir, BOB, date(), { "p.py": p, "q.py": q }, `p and q ${i}`);
  }
  await commitAs(dir, DEPENDABOT, date(), { "deps.json": '{"left-pad": "1.3.0"}\n' }, "Bump left-pad");
  await git(dir, ["checkout", "--quiet", "-b", "feature"]);
  await commitAs(dir, BOB, date(), { "c.md": "# C\n\nsome docs\n" }, "docs on a branch");
  await git(dir, ["checkout", "--quiet", "main"]);
  await commitAs(dir, ALICE, date(), { "d.md": "# D\n" }, "d");
  await gitAs(dir, ALICE, date(), ["merge", "--no-ff", "--quiet", "-m", "Merge feature", "feature"]);
  return dir;
}

/**
 * A repository of `files` Python files (a few functions each) and `commits`
 * later commits editing two of them, written in one `git fast-import`
 * stream: big enough that parsing and reading the history take a while.
 */
export async function bigRepo(files: number, commits: number): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "codevoyage-big-" });
  await git(dir, ["init", "--quiet", "--initial-branch=main"]);
  const source = (i: number, version: number) =>
    Array.from(
      { length: 6 },
      (_, f) =>
        `def f${f}_${i}(a, b):\n    if a > ${version} and b:\n        return a\n    for x in range(b):\n` +
        `        if x % 3 == 0:\n            a += x\n    return a or b\n\n`,
    ).join("");
  const data = fastImportData;
  let stream = "";
  let time = 1_700_000_000;
  stream += `commit refs/heads/main\nmark :1\ncommitter Big Repo <big@example.com> ${time} +0000\n${data("start")}`;
  for (let i = 0; i < files; i++) stream += `M 100644 inline pkg/m${i}.py\n${data(source(i, 0))}`;
  for (let c = 1; c <= commits; c++) {
    const who = c % 7 === 0 ? "Other Person <other@example.com>" : "Big Repo <big@example.com>";
    time += 600;
    stream += `commit refs/heads/main\nmark :${c + 1}\ncommitter ${who} ${time} +0000\n${data(`change ${c}`)}` +
      `from :${c}\n`;
    for (const i of [c % files, (c * 7) % files]) stream += `M 100644 inline pkg/m${i}.py\n${data(source(i, c))}`;
  }
  await fastImport(dir, stream);
  await git(dir, ["reset", "--quiet", "--hard", "main"]);
  return dir;
}

/** The `data` command of a fast-import stream, for `text`. */
export function fastImportData(text: string): string {
  return `data ${new TextEncoder().encode(text).length}\n${text}\n`;
}

/**
 * Feeds `stream` to `git fast-import --force` in the repository `dir`
 * (MALLOC_TRIM_THRESHOLD_ set: fast-import is about four times slower here without it).
 */
export async function fastImport(dir: string, stream: string | Uint8Array): Promise<void> {
  const child = new Deno.Command("git", {
    args: ["fast-import", "--quiet", "--force"],
    cwd: dir,
    env: { MALLOC_TRIM_THRESHOLD_: "1000000000" },
    stdin: "piped",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(typeof stream === "string" ? new TextEncoder().encode(stream) : stream);
  await writer.close();
  const { code, stderr } = await child.output();
  if (code !== 0) throw new Error(`fast-import failed: ${new TextDecoder().decode(stderr)}`);
}
