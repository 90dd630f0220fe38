/**
 * Reads a repository's history through one streaming `git log` process:
 * commits are parsed from git's NUL-separated output as the bytes arrive and
 * yielded one by one, so memory stays flat however long the history is.
 */
import { gitEnvironment, runGit } from "../git/run_git.ts";

/** One file touched by a commit, from `git log --numstat`. */
export interface FileChange {
  /** The path after the commit. */
  path: string;
  /** The path before the commit when git detected a rename, else null. */
  oldPath: string | null;
  /** Lines added; null for a binary file (numstat prints "-"). */
  added: number | null;
  /** Lines deleted; null for a binary file (numstat prints "-"). */
  deleted: number | null;
}

/** One commit of the history, identities already mapped through .mailmap. */
export interface CommitRecord {
  sha: string;
  /** Parent ids; empty for a root commit and for a shallow clone's boundary commit. */
  parents: string[];
  authorName: string;
  authorEmail: string;
  /** Unix seconds; 0 when git cannot print the commit's date (git before 2.4x prints nothing for negative dates). */
  authorTime: number;
  committerName: string;
  committerEmail: string;
  /** Unix seconds, as for authorTime. */
  committerTime: number;
  subject: string;
  /** The files the commit changed; always empty for a merge, so a merge never counts a change twice. */
  changes: FileChange[];
}

/** Options of {@link readGitLog}. */
export interface GitLogOptions {
  /** Where the history starts; HEAD when omitted. */
  rev?: string;
  /** The most commits to read. */
  maxCommits: number;
  /** A blob holding the .mailmap, as `<rev>:<path>` (a bare repository has no worktree .mailmap). */
  mailmapBlob?: string;
  /** Aborting kills git; the generator then throws the signal's reason. */
  signal?: AbortSignal;
  /** A deadline for the whole read, time spent by the consumer included; 10 minutes when omitted. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const STDERR_CHARS = 500;

const RECORD_SEPARATOR = 0x1e;
const NUL = 0x00;
const NEWLINE = 0x0a;
const TAB = 0x09;

/** Header fields, each followed by NUL; the record starts with an ASCII record separator. */
const FIELDS = ["%H", "%P", "%aN", "%aE", "%at", "%cN", "%cE", "%ct", "%s"];
const FORMAT = `%x1e${FIELDS.join("%x00")}%x00`;

/**
 * Streams the history reachable from `rev` (default HEAD), newest first, at
 * most `maxCommits` commits. An empty repository, or a `rev` that names no
 * commit, yields nothing. Stopping early (break/return) kills git.
 */
export async function* readGitLog(gitDir: string, options: GitLogOptions): AsyncGenerator<CommitRecord> {
  const { signal } = options;
  signal?.throwIfAborted();
  if (!Number.isSafeInteger(options.maxCommits) || options.maxCommits < 0) {
    throw new RangeError(`maxCommits must be a non-negative integer, got ${options.maxCommits}`);
  }
  if (options.maxCommits === 0) return;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;

  const start = await resolveCommit(gitDir, options.rev ?? "HEAD", timeoutMs, signal);
  if (start === null) return;

  const seconds = Math.max(1, Math.ceil((deadline - Date.now()) / 1000));
  const child = new Deno.Command("timeout", {
    args: ["--kill-after=5", `${seconds}s`, "git", ...gitLogArgs(start, options.maxCommits, options.mailmapBlob)],
    cwd: gitDir,
    env: gitEnvironment(gitDir, "file"),
    clearEnv: true,
    signal,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stderr = readHead(child.stderr, STDERR_CHARS);
  const reader = child.stdout.getReader();
  const parser = new GitLogParser();
  let exited = false;
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.push(value);
      for (const commit of parser.take()) {
        signal?.throwIfAborted(); // commits parsed before an abort are not handed out after it
        yield commit;
      }
    }
    const status = await child.status;
    exited = true;
    const message = await stderr;
    signal?.throwIfAborted();
    if (status.code === 124 || status.code === 137) throw new Error(`git log timed out after ${timeoutMs} ms`);
    if (!status.success) throw new Error(`git log failed (exit ${status.code}): ${message}`);
    parser.finish();
    yield* parser.take();
  } catch (error) {
    signal?.throwIfAborted();
    throw error;
  } finally {
    if (!exited) {
      try {
        child.kill("SIGTERM"); // `timeout` passes it on to git's process group
      } catch { /* already exited */ }
      await reader.cancel().catch(() => {});
      await child.status;
      await stderr.catch(() => {});
    }
  }
}

/** The arguments after `git` for the log run. */
function gitLogArgs(start: string, maxCommits: number, mailmapBlob: string | undefined): string[] {
  return [
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "core.quotepath=off",
    // The repository's own config must not add lines (signatures) or change what a diff counts.
    "-c",
    "log.showSignature=false",
    ...(mailmapBlob === undefined ? [] : ["-c", `mailmap.blob=${mailmapBlob}`]),
    "log",
    "--no-color",
    "--encoding=UTF-8",
    "-z",
    "--numstat",
    "--find-renames",
    "--root",
    "--no-ext-diff",
    "--no-textconv",
    `--max-count=${maxCommits}`,
    `--format=${FORMAT}`,
    start,
    "--",
  ];
}

/** The commit id `rev` names, or null when it names none (an empty repository has no HEAD). */
async function resolveCommit(
  gitDir: string,
  rev: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<string | null> {
  const result = await runGit(["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`], {
    cwd: gitDir,
    timeoutMs,
    signal,
  });
  if (result.interrupted === "aborted") signal?.throwIfAborted();
  if (result.interrupted === "timeout") throw new Error(`git rev-parse timed out after ${timeoutMs} ms`);
  // --quiet: a missing revision exits 1 silently; anything else (not a repository) is a failure.
  if (result.code === 1 && result.stderr.trim() === "") return null;
  const sha = result.stdout.trim();
  if (result.code !== 0 || !/^[0-9a-f]{40,64}$/.test(sha)) {
    throw new Error(`git rev-parse failed (exit ${result.code}): ${result.stderr.slice(0, STDERR_CHARS)}`);
  }
  return sha;
}

/** Reads a stream to its end, keeping only about its first `chars` characters. */
async function readHead(stream: ReadableStream<Uint8Array>, chars: number): Promise<string> {
  const kept: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    if (size < chars * 4) kept.push(chunk);
    size += chunk.length;
  }
  const text = new TextDecoder().decode(concat(kept));
  return text.slice(0, chars);
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

type ParserState = "start" | "header" | "changes" | "renameFrom" | "renameTo";

/**
 * An incremental parser of `git log -z --numstat --format=<FORMAT>` output.
 * The output is a sequence of NUL-terminated tokens:
 *
 *     \x1e<sha> <parents> <aN> <aE> <at> <cN> <cE> <ct> <subject>  (each ends in NUL)
 *     <empty token>                         git's own -z commit terminator
 *     \n<added>\t<deleted>\t<path>          the first numstat entry carries the blank line
 *     <added>\t<deleted>\t  <old>  <new>    a rename: an empty path, then two path tokens
 *
 * Header and rename tokens are taken by position, so a record separator, tab
 * or newline inside a subject or a path cannot be mistaken for structure; a
 * token that starts with the separator can only be a new commit, because
 * numstat tokens start with a digit or "-" (or the newline before the first).
 */
class GitLogParser {
  #state: ParserState = "start";
  #partial: Uint8Array[] = [];
  #fields: string[] = [];
  #commit: CommitRecord | null = null;
  #rename: FileChange | null = null;
  #ready: CommitRecord[] = [];
  #decoder = new TextDecoder("utf-8", { fatal: false });

  /** Feeds the next bytes of git's output. */
  push(chunk: Uint8Array): void {
    let from = 0;
    while (from < chunk.length) {
      const nul = chunk.indexOf(NUL, from);
      if (nul === -1) {
        this.#partial.push(chunk.slice(from));
        return;
      }
      const piece = chunk.subarray(from, nul);
      if (this.#partial.length === 0) this.#token(piece);
      else {
        this.#partial.push(piece);
        this.#token(concat(this.#partial.splice(0)));
      }
      from = nul + 1;
    }
  }

  /** Ends the output: the last commit is complete. Throws if the output was cut short. */
  finish(): void {
    if (this.#partial.length > 0) this.#token(concat(this.#partial.splice(0)));
    if (this.#state === "header" || this.#state === "renameFrom" || this.#state === "renameTo") {
      throw new Error("git log output ended inside a commit");
    }
    this.#complete();
  }

  /** The commits completed so far and not yet taken. */
  take(): CommitRecord[] {
    return this.#ready.splice(0);
  }

  #token(bytes: Uint8Array): void {
    switch (this.#state) {
      case "header":
        this.#fields.push(this.#decoder.decode(bytes));
        if (this.#fields.length === FIELDS.length) {
          this.#commit = commitFrom(this.#fields);
          this.#fields = [];
          this.#state = "changes";
        }
        return;
      case "renameFrom":
        this.#rename!.oldPath = this.#decoder.decode(bytes);
        this.#state = "renameTo";
        return;
      case "renameTo":
        this.#rename!.path = this.#decoder.decode(bytes);
        this.#commit!.changes.push(this.#rename!);
        this.#rename = null;
        this.#state = "changes";
        return;
    }
    if (bytes.length === 0) return; // the commit terminator
    if (bytes[0] === RECORD_SEPARATOR) {
      this.#complete();
      this.#fields = [this.#decoder.decode(bytes.subarray(1))];
      this.#state = "header";
      return;
    }
    if (this.#state === "start") throw unexpected(this.#decoder.decode(bytes));
    let from = 0;
    while (bytes[from] === NEWLINE) from++; // the blank line between a commit's header and its numstat
    if (from === bytes.length) return;
    const tab1 = bytes.indexOf(TAB, from);
    const tab2 = tab1 === -1 ? -1 : bytes.indexOf(TAB, tab1 + 1);
    if (tab2 === -1) throw unexpected(this.#decoder.decode(bytes));
    const change: FileChange = {
      path: "",
      oldPath: null,
      added: count(this.#decoder.decode(bytes.subarray(from, tab1))),
      deleted: count(this.#decoder.decode(bytes.subarray(tab1 + 1, tab2))),
    };
    if (tab2 + 1 === bytes.length) {
      this.#rename = change;
      this.#state = "renameFrom";
      return;
    }
    change.path = this.#decoder.decode(bytes.subarray(tab2 + 1));
    this.#commit!.changes.push(change);
  }

  #complete(): void {
    if (this.#commit) this.#ready.push(this.#commit);
    this.#commit = null;
  }
}

function commitFrom(fields: string[]): CommitRecord {
  const [sha, parents, authorName, authorEmail, authorTime, committerName, committerEmail, committerTime, subject] =
    fields;
  if (!/^[0-9a-f]{40,64}$/.test(sha)) throw unexpected(sha);
  return {
    sha,
    parents: parents === "" ? [] : parents.split(" "),
    authorName,
    authorEmail,
    authorTime: seconds(authorTime),
    committerName,
    committerEmail,
    committerTime: seconds(committerTime),
    subject,
    changes: [],
  };
}

/** A numstat count: "-" (binary) is null. */
function count(text: string): number | null {
  if (text === "-") return null;
  if (!/^\d+$/.test(text)) throw unexpected(text);
  return Number(text);
}

/** A %at/%ct date; git prints nothing for a date it cannot parse (before 1970 in older git). */
function seconds(text: string): number {
  return /^-?\d+$/.test(text) ? Number(text) : 0;
}

function unexpected(text: string): Error {
  return new Error(`unexpected git log output: ${JSON.stringify(text.slice(0, 100))}`);
}
