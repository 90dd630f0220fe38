import pg from "pg";
import { getLogger } from "../log.ts";
import { PROGRESS_CHANNEL, type ProgressEvent } from "./progress.ts";

const log = getLogger("progress");

type Subscriber = (event: ProgressEvent) => void;

/**
 * One LISTEN connection per web process, fanned out to every open event
 * stream: a worker in any process announces, every watcher here hears.
 */
export class ProgressListener {
  #client: pg.Client | null = null;
  #subscribers = new Map<string, Set<Subscriber>>();
  #closed = false;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly url: string) {}

  /** Opens the LISTEN connection; it reconnects by itself if lost. */
  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on("notification", (message) => {
      if (message.channel !== PROGRESS_CHANNEL || !message.payload) return;
      this.#dispatch(message.payload);
    });
    client.on("error", (error) => {
      log.warn("progress listener lost its connection: {error}", { error });
      this.#scheduleReconnect();
    });
    client.on("end", () => this.#scheduleReconnect());
    await client.connect();
    await client.query(`LISTEN ${PROGRESS_CHANNEL}`);
    this.#client = client;
  }

  /** Calls `fn` with each event for `analysisId` until the returned function is called. */
  subscribe(analysisId: string, fn: Subscriber): () => void {
    let set = this.#subscribers.get(analysisId);
    if (!set) this.#subscribers.set(analysisId, set = new Set());
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.#subscribers.delete(analysisId);
    };
  }

  /** True while the LISTEN connection is up. */
  get connected(): boolean {
    return this.#client !== null;
  }

  /** Closes the connection; streams stop receiving events. */
  async stop(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#reconnectTimer);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }

  #dispatch(payload: string): void {
    let event: ProgressEvent;
    try {
      event = JSON.parse(payload);
    } catch {
      return;
    }
    for (const fn of this.#subscribers.get(event.id) ?? []) fn(event);
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#reconnectTimer !== undefined) return;
    const old = this.#client;
    this.#client = null;
    old?.end().catch(() => {});
    this.#reconnectTimer = setTimeout(async () => {
      this.#reconnectTimer = undefined;
      if (this.#closed) return;
      try {
        await this.start();
        log.info("progress listener reconnected");
      } catch {
        this.#scheduleReconnect();
      }
    }, 1000);
  }
}
