import { createClient } from "redis";

/** A Redis connection used for readiness checks (chat memory and limits come later). */
export interface RedisPing {
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Connects to Redis lazily: a Redis that is down makes readiness fail, not start-up. */
export function createRedisPing(url: string): Promise<RedisPing> {
  const client = createClient({
    url,
    socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(retries * 200, 2000) },
    disableOfflineQueue: true,
  });
  client.on("error", () => {}); // reported through ping(); reconnects by itself
  const connecting = client.connect().catch(() => {});
  return Promise.resolve({
    async ping() {
      await connecting;
      if (!client.isReady) throw new Error("not connected");
      await client.ping();
    },
    async close() {
      await connecting;
      client.destroy();
    },
  });
}
