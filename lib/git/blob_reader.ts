import { gitEnvironment } from "./run_git.ts";

type Waiting = { resolve(content: Uint8Array | null): void; reject(error: Error): void };

/**
 * Reads blobs straight from a repository's object store through one
 * `git cat-file --batch` process: no checkout, so no file is written to disk
 * and nothing in the repository (a symlink, a hostile path) can point outside it.
 * Requests are answered in the order they were made.
 */
export class BlobReader {
  #child: Deno.ChildProcess;
  #writer: WritableStreamDefaultWriter<Uint8Array>;
  #waiting: Waiting[] = [];
  #buffer = new Uint8Array(1 << 16);
  #start = 0;
  #end = 0;
  #failed: Error | null = null;
  #encoder = new TextEncoder();

  constructor(gitDir: string) {
    this.#child = new Deno.Command("git", {
      args: ["cat-file", "--batch"],
      cwd: gitDir,
      env: gitEnvironment(gitDir, "file"),
      clearEnv: true,
      stdin: "piped",
      stdout: "piped",
      stderr: "null",
    }).spawn();
    this.#writer = this.#child.stdin.getWriter();
    this.#pump().catch((error) => this.#fail(error instanceof Error ? error : new Error(String(error))));
  }

  /** The content of blob `sha`, or null when the repository does not have it. */
  read(sha: string): Promise<Uint8Array | null> {
    if (this.#failed) return Promise.reject(this.#failed);
    if (!/^[0-9a-f]{40,64}$/.test(sha)) return Promise.reject(new Error(`not an object id: ${sha}`));
    return new Promise((resolve, reject) => {
      this.#waiting.push({ resolve, reject });
      this.#writer.write(this.#encoder.encode(`${sha}\n`)).catch((error) => this.#fail(error));
    });
  }

  /** Ends the git process. */
  async close(): Promise<void> {
    await this.#writer.close().catch(() => {});
    try {
      this.#child.kill("SIGTERM");
    } catch { /* already exited */ }
    await this.#child.status;
    this.#fail(new Error("the blob reader is closed"));
  }

  async #pump(): Promise<void> {
    const reader = this.#child.stdout.getReader();
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      this.#append(value);
      while (this.#answerOne());
    }
    this.#fail(new Error("git cat-file ended"));
  }

  /** Parses one complete answer from the buffer, if there is one. */
  #answerOne(): boolean {
    const newline = this.#buffer.subarray(this.#start, this.#end).indexOf(10);
    if (newline === -1) return false;
    const header = new TextDecoder().decode(this.#buffer.subarray(this.#start, this.#start + newline));
    const parts = header.split(" ");
    if (parts[1] === "missing" || parts.length < 3) {
      this.#start += newline + 1;
      this.#waiting.shift()?.resolve(null);
      return true;
    }
    const size = Number(parts[2]);
    const contentStart = this.#start + newline + 1;
    if (this.#end - contentStart < size + 1) return false; // the content and its trailing newline are not all here yet
    const content = this.#buffer.slice(contentStart, contentStart + size);
    this.#start = contentStart + size + 1;
    this.#waiting.shift()?.resolve(content);
    return true;
  }

  #append(chunk: Uint8Array): void {
    if (this.#end + chunk.length > this.#buffer.length) {
      const used = this.#end - this.#start;
      if (used + chunk.length > this.#buffer.length) {
        const next = new Uint8Array(Math.max(this.#buffer.length * 2, (used + chunk.length) * 2));
        next.set(this.#buffer.subarray(this.#start, this.#end));
        this.#buffer = next;
      } else this.#buffer.copyWithin(0, this.#start, this.#end);
      this.#start = 0;
      this.#end = used;
    }
    this.#buffer.set(chunk, this.#end);
    this.#end += chunk.length;
  }

  #fail(error: Error): void {
    this.#failed ??= error;
    for (const waiting of this.#waiting.splice(0)) waiting.reject(this.#failed);
  }
}
