/** Spawns a child process, keeps its output and samples the peak memory of its whole process tree. */

/** Peak resident memory of one process of the tree, from /proc/<pid>/status VmHWM. */
export interface ProcessPeak {
  pid: number;
  name: string;
  cmdline: string;
  peakKiB: number;
}

/** A running child: its output so far, how it ended, and the peaks seen. */
export interface WatchedChild {
  pid: number;
  /** Combined stdout and stderr (the last few MB). */
  output(): string;
  /** Resolves once the child exited and its output is drained. */
  status: Promise<Deno.CommandStatus>;
  /**
   * Per-process peaks, sampled every {@link SAMPLE_MS} until the child exits;
   * null when this process may not read /proc/<pid> (Deno asks for --allow-all).
   */
  peaks(): ProcessPeak[] | null;
  kill(signal: Deno.Signal): void;
}

const SAMPLE_MS = 40;
const KEEP_CHARS = 4_000_000;

/** Starts `program args` with piped output and the sampler running. */
export function spawnWatched(
  program: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): WatchedChild {
  const child = new Deno.Command(program, {
    args,
    cwd: options.cwd,
    env: options.env,
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let text = "";
  const append = (chunk: string) => {
    text += chunk;
    if (text.length > KEEP_CHARS) text = text.slice(-KEEP_CHARS);
  };
  const drained = Promise.all([child.stdout, child.stderr].map(async (stream) => {
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) append(chunk);
  }));
  const peaks = new Map<number, ProcessPeak>();
  const readable = mayReadProc(child.pid);
  let running = readable;
  const sampler = (async () => {
    while (running) {
      sampleTree(child.pid, peaks);
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
  })();
  const status = child.status.then(async (status) => {
    running = false;
    await Promise.all([drained, sampler]);
    return status;
  });
  return {
    pid: child.pid,
    output: () => text,
    status,
    peaks: () => readable ? [...peaks.values()] : null,
    kill: (signal) => child.kill(signal),
  };
}

function mayReadProc(pid: number): boolean {
  try {
    Deno.readTextFileSync(`/proc/${pid}/status`);
    return true;
  } catch (error) {
    return !(error instanceof Deno.errors.NotCapable);
  }
}

// Synchronous /proc reads: a few small files per process, and it keeps one
// sample from interleaving with the next.
function sampleTree(root: number, peaks: Map<number, ProcessPeak>): void {
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    const status = readProc(`/proc/${pid}/status`);
    if (status === null) continue;
    const hwm = Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    const name = /^Name:\s+(.*)$/m.exec(status)?.[1] ?? "?";
    const cmdline = (readProc(`/proc/${pid}/cmdline`) ?? "").replaceAll("\0", " ").trim();
    const known = peaks.get(pid);
    // Until it execs, a just-spawned child shows its parent's memory and command
    // line; exec starts a fresh high-water mark, so a new command line does too.
    const peakKiB = known && known.cmdline === cmdline ? Math.max(known.peakKiB, hwm) : hwm;
    if (cmdline) peaks.set(pid, { pid, name, cmdline, peakKiB });
    pending.push(...childrenOf(pid));
  }
}

// Each thread has its own children file: a runtime may spawn from any of them.
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  try {
    for (const task of Deno.readDirSync(`/proc/${pid}/task`)) {
      const list = readProc(`/proc/${pid}/task/${task.name}/children`) ?? "";
      for (const word of list.split(" ")) if (word) found.push(Number(word));
    }
  } catch {
    // exited between reads
  }
  return found;
}

function readProc(file: string): string | null {
  try {
    return Deno.readTextFileSync(file);
  } catch {
    return null;
  }
}

/** Polls until `fn` is true or `timeoutMs` passes; returns whether it became true. */
export async function waitFor(fn: () => Promise<boolean>, timeoutMs: number, everyMs = 20): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await fn()) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return false;
}

/** The last lines of a child's output, for error messages. */
export function tail(output: string, lines = 30): string {
  return output.trimEnd().split("\n").slice(-lines).join("\n");
}
