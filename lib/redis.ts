import { createClient } from "redis";
import type { RedisScripting } from "./web/rate_limit.ts";

/** A Redis connection used for readiness checks (chat memory and limits come later). */
export interface RedisPing {
  /** The client, for rate limits (commands fail at once while Redis is down: no offline queue). */
  client: RedisScripting;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Connects to Redis, waiting up to a second for it so the first requests
 * count their limits there; a Redis that is down makes readiness fail (and
 * the client keeps reconnecting in the background), never start-up.
 */
export async function createRedisPing(url: string): Promise<RedisPing> {
  const client = createClient({
    url,
    socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(50 + retries * 200, 2000) },
    disableOfflineQueue: true,
  });
  client.on("error", () => {}); // reported through ping(); the client reconnects by itself
  // connect() settles only once connected (or never, while Redis is down): do not await it.
  const connected = readyWithin(client, 1000).catch(() => {});
  client.connect().catch(() => {});
  await connected;
  return {
    client: client as unknown as RedisScripting,
    async ping() {
      if (!client.isReady) await readyWithin(client, 1000);
      await client.ping();
    },
    close() {
      client.destroy();
      return Promise.resolve();
    },
  };
}

function readyWithin(client: { once(event: "ready", fn: () => void): unknown }, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("not connected")), ms);
    client.once("ready", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
