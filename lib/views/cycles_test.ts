import assert from "node:assert/strict";
import { cyclicComponents, shortestCycleThrough, stronglyConnectedComponents } from "./cycles.ts";

const sorted = (components: number[][]) =>
  components.map((c) => [...c].sort((a, b) => a - b)).sort((a, b) => a[0] - b[0]);

/** Reachability by brute force: the reference the algorithm is checked against. */
function reachable(adjacency: number[][]): boolean[][] {
  const n = adjacency.length;
  return adjacency.map((_, s) => {
    const seen = Array<boolean>(n).fill(false);
    const todo = [s];
    while (todo.length) {
      for (const w of adjacency[todo.pop()!]) {
        if (!seen[w]) {
          seen[w] = true;
          todo.push(w);
        }
      }
    }
    seen[s] = true;
    return seen;
  });
}

Deno.test("[cycles] two cycles joined by one edge are two components; a chain is none", () => {
  // 0 → 1 → 2 → 0, 2 → 3, 3 → 4 → 3, 5 → 6
  const adjacency = [[1], [2], [0, 3], [4], [3], [6], []];
  assert.deepEqual(sorted(cyclicComponents(adjacency)), [[0, 1, 2], [3, 4]]);
  assert.equal(stronglyConnectedComponents(adjacency).length, 4);
  // The component reached first completes first: {3, 4} before {0, 1, 2}.
  assert.deepEqual(sorted([cyclicComponents(adjacency)[0]]), [[3, 4]]);
});

Deno.test("[cycles] a self-import is not a cycle; an empty graph has none", () => {
  assert.deepEqual(cyclicComponents([[0], [0]]), []);
  assert.deepEqual(stronglyConnectedComponents([]), []);
});

Deno.test("[cycles] matches brute-force reachability on random graphs", () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let round = 0; round < 200; round++) {
    const n = 1 + Math.floor(random() * 25);
    const adjacency = Array.from({ length: n }, () => [] as number[]);
    const edges = Math.floor(random() * n * 2.5);
    for (let e = 0; e < edges; e++) adjacency[Math.floor(random() * n)].push(Math.floor(random() * n));
    const reach = reachable(adjacency);
    const components = stronglyConnectedComponents(adjacency);
    const componentOf = new Map<number, number>();
    components.forEach((c, i) => c.forEach((v) => componentOf.set(v, i)));
    assert.equal(componentOf.size, n, "every node in exactly one component");
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        const same = reach[a][b] && reach[b][a];
        assert.equal(componentOf.get(a) === componentOf.get(b), same, `round ${round}: ${a} and ${b}`);
      }
    }
    for (const component of components.filter((c) => c.length > 1)) {
      const start = Math.min(...component);
      const cycle = shortestCycleThrough(adjacency, component, start);
      assert.equal(cycle[0], start);
      assert.equal(cycle.at(-1), start);
      for (let i = 0; i + 1 < cycle.length; i++) assert.ok(adjacency[cycle[i]].includes(cycle[i + 1]));
      assert.ok(cycle.slice(1).every((v) => component.includes(v)));
    }
  }
});

Deno.test("[cycles] a chain and a ring of 300,000 files need no recursion", () => {
  const n = 300_000;
  const chain = Array.from({ length: n }, (_, i) => i + 1 < n ? [i + 1] : []);
  assert.deepEqual(cyclicComponents(chain), []);
  const ring = Array.from({ length: n }, (_, i) => [(i + 1) % n]);
  const [component] = cyclicComponents(ring);
  assert.equal(component.length, n);
  assert.equal(shortestCycleThrough(ring, component, 0).length, n + 1);
});

Deno.test("[cycles] the shortest cycle is found, not just any", () => {
  // 0 → 1 → 2 → 3 → 0 and the shortcut 1 → 0.
  const adjacency = [[1], [2, 0], [3], [0]];
  const [component] = cyclicComponents(adjacency);
  assert.deepEqual(shortestCycleThrough(adjacency, component, 0), [0, 1, 0]);
  assert.deepEqual(shortestCycleThrough(adjacency, component, 2), [2, 3, 0, 1, 2]);
});
