import type { Node } from "web-tree-sitter";

/** ERROR nodes and the tokens tree-sitter had to insert (MISSING), found by one cursor walk. */
export function countErrors(root: Node): number {
  let count = 0;
  const cursor = root.walk();
  try {
    let descend = true;
    while (true) {
      if (descend) {
        const node = cursor.currentNode;
        if (node.isError || node.isMissing) count++;
        // Only subtrees holding an error are worth entering.
        if ((node.hasError || node.isMissing) && cursor.gotoFirstChild()) continue;
      }
      if (cursor.gotoNextSibling()) {
        descend = true;
        continue;
      }
      if (!cursor.gotoParent()) break;
      descend = false;
    }
  } finally {
    cursor.delete();
  }
  return count;
}
