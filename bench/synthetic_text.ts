/** Deterministic random words and helpers the synthetic source generators share. */

/** A seeded random source in [0, 1): the same seed always builds the same repository. */
export type Rng = () => number;

/** mulberry32: tiny, fast and good enough for test data. */
export function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  "account buffer cache client config cursor delta engine event field filter graph handler index item " +
  "job key layer limit loader merge message metric node offset order owner packet page parser path " +
  "payload queue record region report request result route schema scope session shard signal source " +
  "stage state store stream table task tenant token tree update user value version window worker"
).split(" ");

/** An integer in [lo, hi]. */
export function int(r: Rng, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

/** One element of `items`. */
export function pick<T>(r: Rng, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)];
}

/** A lower-case word. */
export function word(r: Rng): string {
  return pick(r, WORDS);
}

/** camelCase of `n` words. */
export function camel(r: Rng, n = 2): string {
  let out = word(r);
  for (let i = 1; i < n; i++) out += cap(word(r));
  return out;
}

/** PascalCase of `n` words. */
export function pascal(r: Rng, n = 2): string {
  return cap(camel(r, n));
}

/** snake_case of `n` words. */
export function snake(r: Rng, n = 2): string {
  return Array.from({ length: n }, () => word(r)).join("_");
}

/** A prose sentence of about `n` words, capitalised and ended. */
export function sentence(r: Rng, n = int(r, 5, 14)): string {
  const words = Array.from({ length: n }, () => word(r));
  return cap(words.join(" ")) + ".";
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Lines built by picking weighted templates: the mix of code, comment and
 * blank lines follows the weights, as it does in real files.
 */
export function body(r: Rng, count: number, templates: readonly [number, (r: Rng) => string][]): string[] {
  const total = templates.reduce((sum, [weight]) => sum + weight, 0);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    let roll = r() * total;
    for (const [weight, make] of templates) {
      roll -= weight;
      if (roll < 0) {
        lines.push(make(r));
        break;
      }
    }
  }
  return lines;
}
