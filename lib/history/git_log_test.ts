import assert from "node:assert/strict";
import path from "node:path";
import { runCommand } from "../process.ts";
import { git, makeGitRepo } from "../../tests/support/git_repo.ts";
import { type CommitRecord, readGitLog } from "./git_log.ts";
import { fastImport } from "../../tests/support/history_repo.ts";

const encoder = new TextEncoder();
const AS_TESTER = ["-c", "user.name=Tester", "-c", "user.email=tester@example.com"];

async function collect(gitDir: string, options: Parameters<typeof readGitLog>[1]): Promise<CommitRecord[]> {
  const commits: CommitRecord[] = [];
  for await (const commit of readGitLog(gitDir, options)) commits.push(commit);
  return commits;
}

/** Commits in `dir` with fixed author and committer dates (unix seconds). */
async function commitAt(dir: string, args: string[], authorTime: number, committerTime = authorTime): Promise<void> {
  const result = await runCommand("git", [...AS_TESTER, "commit", "--quiet", ...args], {
    cwd: dir,
    env: { GIT_AUTHOR_DATE: `@${authorTime} +0000`, GIT_COMMITTER_DATE: `@${committerTime} +0000` },
  });
  if (result.code !== 0) throw new Error(`git commit failed: ${result.stderr}`);
}

/** Builds a fast-import stream; paths and identities may be any bytes. */
class ImportStream {
  #parts: Uint8Array[] = [];
  #mark = 0;

  /** Adds a commit; returns its mark. */
  commit(commit: {
    ref?: string;
    time: number;
    author?: string | Uint8Array;
    message: string | Uint8Array;
    from?: number;
    merge?: number;
    ops: (string | Uint8Array)[];
  }): number {
    const mark = ++this.#mark;
    const author = commit.author ?? "Tester <tester@example.com>";
    this.#add(`commit ${commit.ref ?? "refs/heads/main"}\nmark :${mark}\n`);
    this.#add("author ", author, ` ${commit.time} +0000\n`);
    this.#add("committer ", author, ` ${commit.time} +0000\n`);
    this.#add(data(commit.message));
    if (commit.from) this.#add(`from :${commit.from}\n`);
    if (commit.merge) this.#add(`merge :${commit.merge}\n`);
    this.#add(...commit.ops, "\n");
    return mark;
  }

  bytes(): Uint8Array {
    const all = new Uint8Array(this.#parts.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of this.#parts) {
      all.set(part, offset);
      offset += part.length;
    }
    return all;
  }

  #add(...parts: (string | Uint8Array)[]): void {
    for (const part of parts) this.#parts.push(typeof part === "string" ? encoder.encode(part) : part);
  }
}

function data(content: string | Uint8Array): Uint8Array {
  const bytes = typeof content === "string" ? encoder.encode(content) : content;
  const head = encoder.encode(`data ${bytes.length}\n`);
  const all = new Uint8Array(head.length + bytes.length + 1);
  all.set(head);
  all.set(bytes, head.length);
  all[all.length - 1] = 10;
  return all;
}

/** A fast-import "set file" command; the path is C-quoted so it may hold any byte but NUL. */
function put(filePath: string | Uint8Array, content: string | Uint8Array): Uint8Array {
  const bytes = typeof filePath === "string" ? encoder.encode(filePath) : filePath;
  let quoted = '"';
  for (const byte of bytes) {
    quoted += byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c
      ? String.fromCharCode(byte)
      : `\\${byte.toString(8).padStart(3, "0")}`;
  }
  const head = encoder.encode(`M 100644 inline ${quoted}"\n`);
  const body = data(content);
  const all = new Uint8Array(head.length + body.length);
  all.set(head);
  all.set(body, head.length);
  return all;
}

/** A history of `count` commits on main with edits, renames, deletions, binary files and merges of a side branch. */
function longHistory(count: number): Uint8Array {
  const stream = new ImportStream();
  const files = new Map<string, string[]>();
  let main = 0;
  for (let i = 0; i < count; i++) {
    const time = 1_000_000_000 + i * 3600;
    const ops: (string | Uint8Array)[] = [];
    const file = i % 5 === 0 ? `src/dir${i % 3}/f${i % 11}.ts` : `top${i % 13}.txt`;
    const lines = files.get(file) ?? [];
    lines[i % (lines.length + 1)] = `changed in ${i}`;
    for (let extra = 0; extra < i % 4; extra++) lines.push(`line ${extra} of ${i}`);
    if (i % 6 === 0 && lines.length > 3) lines.splice(1, 2);
    files.set(file, lines);
    ops.push(put(file, lines.join("\n") + "\n"));
    if (i % 97 === 50) {
      const from = `top${(i + 1) % 13}.txt`;
      if (files.has(from)) {
        ops.push(`R ${from} moved${i}.txt\n`);
        files.set(`moved${i}.txt`, files.get(from)!);
        files.delete(from);
      }
    }
    if (i % 61 === 30 && files.has(`top${(i + 5) % 13}.txt`)) {
      ops.push(`D top${(i + 5) % 13}.txt\n`);
      files.delete(`top${(i + 5) % 13}.txt`);
    }
    if (i % 53 === 7) ops.push(put(`bin/b${i % 3}.bin`, new Uint8Array([0, 1, 2, i % 256, 0, 255, 0])));
    if (i % 40 === 20 && main) {
      const side = stream.commit({
        ref: "refs/heads/side",
        time: time - 1800,
        message: `side ${i}`,
        from: main,
        ops: [put(`side/s${i}.txt`, `side ${i}\n`)],
      });
      main = stream.commit({ time: time - 900, message: `merge ${i}`, from: main, merge: side, ops: [] });
    }
    main = stream.commit({ time, message: `commit ${i}`, from: main || undefined, ops });
  }
  return stream.bytes();
}

/** Added/deleted totals per path, renames keyed as `old => new` like plain `git log --numstat`. */
function totals(lines: Iterable<[string, string, string]>): Map<string, string> {
  const sums = new Map<string, { added: number; deleted: number; binary: number }>();
  for (const [added, deleted, key] of lines) {
    const sum = sums.get(key) ?? { added: 0, deleted: 0, binary: 0 };
    if (added === "-") sum.binary++;
    else {
      sum.added += Number(added);
      sum.deleted += Number(deleted);
    }
    sums.set(key, sum);
  }
  return new Map([...sums].sort().map(([key, sum]) => [key, `+${sum.added} -${sum.deleted} binary ${sum.binary}`]));
}

async function newRepo(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "codevoyage-repo-" });
  await git(dir, ["init", "--quiet", "--initial-branch=main"]);
  return dir;
}

/** Pids of the processes whose working directory is `dir`. */
async function processesIn(dir: string): Promise<number[]> {
  const real = await Deno.realPath(dir);
  const pids: number[] = [];
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    const cwd = await Deno.readLink(`/proc/${entry.name}/cwd`).catch(() => null);
    if (cwd === real) pids.push(Number(entry.name));
  }
  return pids;
}

Deno.test("[history] a long history matches git: order, parents, count and per-file numstat totals", async () => {
  const repo = await newRepo();
  try {
    await fastImport(repo, longHistory(1500));
    const commits = await collect(repo, { maxCommits: 100_000 });

    assert.equal(commits.length, Number(await git(repo, ["rev-list", "--count", "HEAD"])));
    const revList = (await git(repo, ["rev-list", "--parents", "HEAD"])).trim().split("\n");
    assert.deepEqual(commits.map((c) => [c.sha, ...c.parents].join(" ")), revList);
    const merges = commits.filter((c) => c.parents.length === 2);
    assert.ok(merges.length > 30);
    assert.ok(merges.every((c) => c.changes.length === 0));

    const numstat = await git(repo, ["-c", "core.quotepath=off", "log", "--numstat", "--find-renames", "--format="]);
    const expected = totals(
      numstat.split("\n").filter((line) => line !== "").map((line) => line.split("\t") as [string, string, string]),
    );
    const actual = totals(commits.flatMap((c) =>
      c.changes.map((f): [string, string, string] => [
        f.added === null ? "-" : String(f.added),
        f.deleted === null ? "-" : String(f.deleted),
        f.oldPath === null ? f.path : `${f.oldPath} => ${f.path}`,
      ])
    ));
    assert.deepEqual(actual, expected);
    assert.ok([...actual.keys()].some((key) => key.includes(" => ")), "renames are detected");
    assert.ok([...actual.values()].some((sum) => !sum.endsWith("binary 0")), "binary files are counted");
  } finally {
    await Deno.remove(repo, { recursive: true });
  }
});

Deno.test("[history] renames, binary files, merges and dates are reported as git records them", async () => {
  const repo = await makeGitRepo({ "old.txt": "1\n2\n3\n4\n5\n6\n", "keep.txt": "k\n" });
  try {
    await git(repo, ["mv", "old.txt", "new.txt"]);
    await Deno.writeTextFile(path.join(repo, "new.txt"), "1\n2\n3\n4\n5\n6\n7\n");
    await commitAt(repo, ["-am", "rename"], 1_500_000_000, 99_999_999_999);
    await Deno.writeFile(path.join(repo, "image.bin"), new Uint8Array([0x89, 0x50, 0, 0, 1, 2, 0, 255]));
    await git(repo, ["add", "image.bin"]);
    await commitAt(repo, ["-m", "binary"], 1_600_000_000);
    await git(repo, ["checkout", "--quiet", "-b", "side"]);
    await Deno.writeTextFile(path.join(repo, "keep.txt"), "k\nside\n");
    await commitAt(repo, ["-am", "on side"], 1_600_000_100);
    await git(repo, ["checkout", "--quiet", "main"]);
    await Deno.writeTextFile(path.join(repo, "main.txt"), "m\n");
    await git(repo, ["add", "main.txt"]);
    await commitAt(repo, ["-m", "on main"], 1_600_000_200);
    await git(repo, [...AS_TESTER, "merge", "--quiet", "--no-ff", "--no-edit", "side"]);

    const commits = await collect(repo, { maxCommits: 100 });
    const bySubject = (subject: string) => commits.find((c) => c.subject === subject)!;
    assert.equal(commits.length, 6);
    assert.equal(commits[0].subject, "Merge branch 'side'");
    assert.equal(commits[0].parents.length, 2);
    assert.deepEqual(commits[0].changes, []);
    assert.deepEqual(bySubject("rename").changes, [{ path: "new.txt", oldPath: "old.txt", added: 1, deleted: 0 }]);
    assert.equal(bySubject("rename").authorTime, 1_500_000_000);
    assert.equal(bySubject("rename").committerTime, 99_999_999_999);
    assert.equal(bySubject("rename").authorName, "Tester");
    assert.equal(bySubject("rename").committerEmail, "tester@example.com");
    assert.deepEqual(bySubject("binary").changes, [{ path: "image.bin", oldPath: null, added: null, deleted: null }]);
    assert.deepEqual(bySubject("on side").changes, [{ path: "keep.txt", oldPath: null, added: 1, deleted: 0 }]);
    const initial = bySubject("initial");
    assert.deepEqual(initial.parents, []);
    assert.deepEqual(initial.changes.sort((a, b) => a.path.localeCompare(b.path)), [
      { path: "keep.txt", oldPath: null, added: 1, deleted: 0 },
      { path: "old.txt", oldPath: null, added: 6, deleted: 0 },
    ]);

    // A date before 1970 stays a number: git up to 2.4x prints nothing for it (read as 0), newer git the value.
    const head = (await git(repo, ["rev-parse", "HEAD"])).trim();
    const tree = (await git(repo, ["rev-parse", "HEAD^{tree}"])).trim();
    const object = `tree ${tree}\nparent ${head}\nauthor Old <old@example.com> -100 +0000\n` +
      `committer Old <old@example.com> -100 +0000\n\nbefore 1970\n`;
    const file = path.join(repo, "commit-object");
    await Deno.writeTextFile(file, object);
    const old = (await git(repo, ["hash-object", "-t", "commit", "-w", "--literally", file])).trim();
    await git(repo, ["update-ref", "refs/heads/old", old]);
    const [dated] = await collect(repo, { rev: "old", maxCommits: 1 });
    assert.equal(dated.sha, old);
    assert.ok(dated.authorTime === 0 || dated.authorTime === -100, String(dated.authorTime));
    assert.deepEqual(dated.changes, []);
  } finally {
    await Deno.remove(repo, { recursive: true });
  }
});

Deno.test("[history] a .mailmap blob merges two emails into one identity in a bare repository", async () => {
  const work = await makeGitRepo({ "a.txt": "a\n" });
  const bare = `${work}.git`;
  try {
    const as = (name: string, email: string) => ["-c", `user.name=${name}`, "-c", `user.email=${email}`];
    await Deno.writeTextFile(path.join(work, "a.txt"), "a\nb\n");
    await git(work, [...as("ann", "ann@old.example"), "commit", "--quiet", "-am", "old address"]);
    await Deno.writeTextFile(path.join(work, "a.txt"), "a\nb\nc\n");
    await git(work, [...as("Ann Smith", "ann@new.example"), "commit", "--quiet", "-am", "new address"]);
    // The .mailmap lives on another branch, so only mailmap.blob can find it.
    await git(work, ["checkout", "--quiet", "-b", "meta"]);
    await Deno.writeTextFile(path.join(work, ".mailmap"), "Ann Smith <ann@new.example> <ann@old.example>\n");
    await git(work, ["add", ".mailmap"]);
    await git(work, [...AS_TESTER, "commit", "--quiet", "-m", "mailmap"]);
    await git(work, ["checkout", "--quiet", "main"]);
    await git(work, ["clone", "--quiet", "--bare", work, bare]);

    const identities = (commits: CommitRecord[]) => commits.map((c) => `${c.authorName} <${c.authorEmail}>`);
    assert.deepEqual(identities(await collect(bare, { maxCommits: 10 })), [
      "Ann Smith <ann@new.example>",
      "ann <ann@old.example>",
      "Test <test@example.com>",
    ]);
    const mapped = await collect(bare, { maxCommits: 10, mailmapBlob: "meta:.mailmap" });
    assert.deepEqual(identities(mapped), [
      "Ann Smith <ann@new.example>",
      "Ann Smith <ann@new.example>",
      "Test <test@example.com>",
    ]);
    assert.equal(mapped[1].committerName, "Ann Smith");
  } finally {
    await Deno.remove(work, { recursive: true });
    await Deno.remove(bare, { recursive: true });
  }
});

Deno.test("[history] non-UTF-8 and control bytes in names, paths and subjects are decoded, not parsed", async () => {
  const repo = await newRepo();
  try {
    const stream = new ImportStream();
    const latin1 = new Uint8Array([0x4a, 0xf6, 0x72, 0x67]); // "Jörg" in Latin-1
    const author = new Uint8Array([...latin1, ...encoder.encode(" <j@example.com>")]);
    const subject = new Uint8Array([...encoder.encode("caf"), 0xe9, 0x1e, ...encoder.encode("\t1\t2\tx")]);
    const first = stream.commit({
      time: 1_000_000_000,
      author,
      message: subject,
      ops: [
        put(new Uint8Array([0x72, 0xe9, 0x73, 0x75, 0x6d, 0xe9, 0x2e, 0x74, 0x78, 0x74]), "a\nb\n"),
        put("tab\tand\nnewline.txt", "x\n"),
        put("\x1eseparator\x1e.txt", "y\n"),
        put("\n1\t2\tlooks like numstat", "z\n"),
        put("ünïcödé/文件.md", "u\n"),
      ],
    });
    stream.commit({
      time: 1_000_000_100,
      message: "rename",
      from: first,
      ops: ['R "tab\\tand\\nnewline.txt" "\\036renamed"\n'],
    });
    await fastImport(repo, stream.bytes());

    const [renamed, commit] = await collect(repo, { maxCommits: 10 });
    assert.equal(commit.authorName, "J\uFFFDrg");
    assert.equal(commit.subject, "caf\uFFFD\x1e\t1\t2\tx");
    assert.deepEqual(commit.changes.map((c) => [c.path, c.added, c.deleted]).sort(), [
      ["\n1\t2\tlooks like numstat", 1, 0],
      ["\x1eseparator\x1e.txt", 1, 0],
      ["r\uFFFDsum\uFFFD.txt", 2, 0],
      ["tab\tand\nnewline.txt", 1, 0],
      ["ünïcödé/文件.md", 1, 0],
    ]);
    assert.deepEqual(renamed.changes, [{
      path: "\x1erenamed",
      oldPath: "tab\tand\nnewline.txt",
      added: 0,
      deleted: 0,
    }]);
  } finally {
    await Deno.remove(repo, { recursive: true });
  }
});

Deno.test("[history] maxCommits caps the log; stopping early or aborting ends git", async () => {
  const repo = await newRepo();
  try {
    await fastImport(repo, longHistory(1500));
    const all = (await git(repo, ["rev-list", "HEAD"])).trim().split("\n");
    assert.deepEqual((await collect(repo, { maxCommits: 5 })).map((c) => c.sha), all.slice(0, 5));
    assert.deepEqual(await collect(repo, { maxCommits: 0 }), []);

    let seen = 0;
    for await (const _ of readGitLog(repo, { maxCommits: 100_000 })) {
      if (++seen === 1) assert.ok((await processesIn(repo)).length > 0, "git is still writing");
      if (seen === 3) break;
    }
    assert.deepEqual(await processesIn(repo), []);

    const controller = new AbortController();
    let received = 0;
    await assert.rejects(async () => {
      for await (const _ of readGitLog(repo, { maxCommits: 100_000, signal: controller.signal })) {
        received++;
        controller.abort();
      }
    }, { name: "AbortError" });
    assert.equal(received, 1);
    assert.deepEqual(await processesIn(repo), []);
  } finally {
    await Deno.remove(repo, { recursive: true });
  }
});

Deno.test("[history] an empty repository yields nothing; a shallow clone stops at its boundary", async () => {
  const empty = await newRepo();
  const source = await makeGitRepo({ "a.txt": "0\n" });
  const shallow = `${source}-shallow.git`;
  try {
    assert.deepEqual(await collect(empty, { maxCommits: 10 }), []);
    assert.deepEqual(await collect(source, { rev: "no-such-branch", maxCommits: 10 }), []);

    for (let i = 1; i <= 5; i++) {
      await Deno.writeTextFile(path.join(source, "a.txt"), `${i}\n`);
      await git(source, [...AS_TESTER, "commit", "--quiet", "-am", `change ${i}`]);
    }
    await git(source, ["clone", "--quiet", "--bare", "--depth=3", `file://${source}`, shallow]);
    const commits = await collect(shallow, { maxCommits: 100 });
    assert.equal(commits.length, 3);
    assert.equal(commits.length, Number(await git(shallow, ["rev-list", "--count", "HEAD"])));
    assert.deepEqual(commits.map((c) => c.subject), ["change 5", "change 4", "change 3"]);
    // The boundary commit has no parent here, so its whole tree counts as added.
    assert.deepEqual(commits[2].parents, []);
    assert.deepEqual(commits[2].changes, [{ path: "a.txt", oldPath: null, added: 1, deleted: 0 }]);
  } finally {
    for (const dir of [empty, source, shallow]) await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("[history] a missing object or a directory that is no repository fails with git's message", async () => {
  const repo = await makeGitRepo({ "a.txt": "one\n" });
  const plain = await Deno.makeTempDir({ prefix: "codevoyage-plain-" });
  try {
    const lost = (await git(repo, ["rev-parse", "HEAD:a.txt"])).trim();
    await Deno.writeTextFile(path.join(repo, "a.txt"), "two\n");
    await git(repo, [...AS_TESTER, "commit", "--quiet", "-am", "two"]);
    await Deno.remove(path.join(repo, ".git", "objects", lost.slice(0, 2), lost.slice(2)));
    await assert.rejects(collect(repo, { maxCommits: 10 }), (error: Error) => {
      assert.match(error.message, /^git log failed \(exit 128\): .*/s);
      assert.ok(error.message.includes(lost), error.message);
      return true;
    });
    await assert.rejects(collect(plain, { maxCommits: 10 }), /not a git repository/);
  } finally {
    await Deno.remove(repo, { recursive: true });
    await Deno.remove(plain, { recursive: true });
  }
});
