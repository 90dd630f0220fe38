/// <reference lib="deno.worker" />
// A Deno Worker that parses files for the pool: each worker loads its own wasm grammars.
import { parseSource } from "./parse_source.ts";

/** A request from the pool. */
export interface ParseRequest {
  id: number;
  language: string;
  text: string;
}

self.onmessage = async (event: MessageEvent<ParseRequest>) => {
  const { id, language, text } = event.data;
  try {
    self.postMessage({ id, result: await parseSource(language, text) });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
