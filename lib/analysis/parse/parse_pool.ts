import type { FileStructure } from "./extract.ts";
import type { ParseRequest } from "./parse_worker.ts";

type Pending = { resolve(result: FileStructure | null): void; reject(error: Error): void };

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Files sent to this worker so far. */
  served: number;
}

/**
 * tree-sitter's wasm memory only grows: a worker that has parsed this many
 * files is replaced once idle, so memory does not grow with the repository.
 */
const FILES_PER_WORKER = 1000;

/** A file that takes longer than this stops its worker (a pathological input must not stall an analysis). */
const PARSE_TIMEOUT_MS = 30_000;

/**
 * A pool of Deno Workers that parse files in parallel, one per core by
 * default. Workers start on first use; a worker that dies fails only its own
 * files and is replaced.
 */
export class ParsePool {
  #slots: Slot[] = [];
  #nextId = 1;
  #closed = false;

  constructor(readonly size: number = Math.max(1, navigator.hardwareConcurrency || 1)) {}

  /** How many files are being parsed or waiting, over all workers. */
  get inFlight(): number {
    return this.#slots.reduce((sum, slot) => sum + slot.pending.size, 0);
  }

  /** Parses `text` as `language`; null when the language is not parsed. */
  parse(language: string, text: string): Promise<FileStructure | null> {
    if (this.#closed) return Promise.reject(new Error("the parse pool is closed"));
    const slot = this.#leastBusy();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#retire(slot, new Error(`parsing took longer than ${PARSE_TIMEOUT_MS / 1000} s`));
        this.#slots = this.#slots.filter((s) => s !== slot);
      }, PARSE_TIMEOUT_MS);
      const done = <T>(fn: (value: T) => void) => (value: T) => {
        clearTimeout(timer);
        fn(value);
      };
      slot.pending.set(id, { resolve: done(resolve), reject: done(reject) });
      slot.served++;
      slot.worker.postMessage({ id, language, text } satisfies ParseRequest);
    });
  }

  /** Stops every worker; files in flight fail. */
  close(): void {
    this.#closed = true;
    for (const slot of this.#slots) this.#retire(slot, new Error("the parse pool was closed"));
    this.#slots = [];
  }

  #leastBusy(): Slot {
    // Worn workers take no new files and stop once idle; new ones take their place.
    const idleAndWorn = (slot: Slot) => slot.served >= FILES_PER_WORKER && slot.pending.size === 0;
    for (const slot of this.#slots.filter(idleAndWorn)) this.#retire(slot, new Error("retired"));
    this.#slots = this.#slots.filter((slot) => !idleAndWorn(slot));
    const fresh = this.#slots.filter((slot) => slot.served < FILES_PER_WORKER);
    if (this.#slots.length < this.size || fresh.length === 0) {
      const slot = this.#spawn();
      this.#slots.push(slot);
      return slot;
    }
    return fresh.reduce((best, slot) => slot.pending.size < best.pending.size ? slot : best);
  }

  #spawn(): Slot {
    const worker = new Worker(new URL("./parse_worker.ts", import.meta.url), { type: "module" });
    const slot: Slot = { worker, pending: new Map(), served: 0 };
    worker.onmessage = (event: MessageEvent<{ id: number; result?: FileStructure | null; error?: string }>) => {
      const { id, result, error } = event.data;
      const pending = slot.pending.get(id);
      slot.pending.delete(id);
      if (!pending) return;
      if (error !== undefined) pending.reject(new Error(error));
      else pending.resolve(result ?? null);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.#retire(slot, new Error(`a parser worker crashed: ${event.message}`));
      this.#slots = this.#slots.filter((s) => s !== slot);
    };
    return slot;
  }

  #retire(slot: Slot, error: Error): void {
    slot.worker.terminate();
    for (const pending of slot.pending.values()) pending.reject(error);
    slot.pending.clear();
  }
}
