/**
 * Import cycles: the strongly connected components of a directed graph
 * (Tarjan's algorithm, iterative so a chain of a million files cannot
 * overflow the call stack) and one shortest cycle through a component, to
 * show a cycle as a path a person can follow.
 *
 * Nodes are numbered 0..n-1; `adjacency[v]` lists the targets of v's edges.
 *
 * @module
 */

/**
 * The strongly connected components of the graph, each a list of node
 * numbers, in the order Tarjan's algorithm completes them (a component comes
 * before every component that reaches it). Every node is in exactly one.
 */
export function stronglyConnectedComponents(adjacency: readonly (readonly number[])[]): number[][] {
  const n = adjacency.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  let stackSize = 0;
  // The explicit call stack: the node of each frame and how many of its edges were followed.
  const frameNode = new Int32Array(n);
  const frameEdge = new Int32Array(n);
  let depth = 0;
  let counter = 0;
  const components: number[][] = [];

  const visit = (v: number) => {
    index[v] = low[v] = counter++;
    stack[stackSize++] = v;
    onStack[v] = 1;
    frameNode[depth] = v;
    frameEdge[depth++] = 0;
  };

  for (let start = 0; start < n; start++) {
    if (index[start] !== -1) continue;
    visit(start);
    while (depth > 0) {
      const v = frameNode[depth - 1];
      const edges = adjacency[v];
      if (frameEdge[depth - 1] < edges.length) {
        const w = edges[frameEdge[depth - 1]++];
        if (index[w] === -1) visit(w);
        else if (onStack[w] && index[w] < low[v]) low[v] = index[w];
        continue;
      }
      depth--;
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack[--stackSize];
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        components.push(component);
      }
      if (depth > 0) {
        const parent = frameNode[depth - 1];
        if (low[v] < low[parent]) low[parent] = low[v];
      }
    }
  }
  return components;
}

/** The components that hold a cycle: more than one node (a file importing itself is not drawn as a cycle). */
export function cyclicComponents(adjacency: readonly (readonly number[])[]): number[][] {
  return stronglyConnectedComponents(adjacency).filter((component) => component.length > 1);
}

/**
 * A shortest cycle through `start` that stays inside `members` (a strongly
 * connected component holding `start`): the nodes in order, starting and
 * ending with `start`. A breadth-first search, so O(edges of the component).
 * Returns [start] when no such cycle exists.
 */
export function shortestCycleThrough(
  adjacency: readonly (readonly number[])[],
  members: readonly number[],
  start: number,
): number[] {
  const inside = new Set(members);
  const previous = new Map<number, number>([[start, -1]]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    for (const w of adjacency[v]) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let at = v; at !== start; at = previous.get(at)!) path.push(at);
        path.push(start);
        // Built backwards from the edge that closes the cycle: the first and last are start.
        return [start, ...path.slice(1, -1).reverse(), start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start];
}
