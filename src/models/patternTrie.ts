import type { BinaryColumns } from "../stats/binaryColumns.js";

/**
 * The training rows of a BinaryColumns split arranged by their binary pattern (the ascending list
 * of binary columns at their rarer value): a trie whose node stands for a prefix of such lists.
 * Node 0 is the root (empty prefix); a node's children are contiguous, in ascending column
 * order; a node's "own" rows are those whose whole list is its prefix, order[rowFrom..rowTo-1],
 * ascending. On one-hot tables a query's distance to every row under a node is bounded below by
 * what the node's prefix fixes, which lets a search drop whole subtrees of rows (binaryNeighbours).
 */
export interface PatternTrie {
  readonly nodes: number;
  /** The binary column that the node adds to its parent's prefix (-1 for the root). */
  readonly column: Int32Array;
  readonly firstChild: Int32Array;
  readonly childCount: Int32Array;
  readonly rowFrom: Int32Array;
  readonly rowTo: Int32Array;
  /** The rows, sorted by pattern then index. */
  readonly order: Int32Array;
}

export function patternTrie(split: BinaryColumns): PatternTrie {
  const { rows, start, index } = split;
  const skip = split.numeric.length;
  const length = (i: number): number => start[i + 1] - start[i] - skip;
  const entry = (i: number, at: number): number => index[start[i] + skip + at];
  const order = Int32Array.from({ length: rows }, (_, i) => i).sort((a, b) => {
    const la = length(a);
    const lb = length(b);
    for (let at = 0; at < la && at < lb; at++) {
      const d = entry(a, at) - entry(b, at);
      if (d !== 0) return d;
    }
    return la - lb || a - b;
  });
  const column: number[] = [-1];
  const firstChild: number[] = [0];
  const childCount: number[] = [0];
  const rowFrom: number[] = [0];
  const rowTo: number[] = [0];
  // Breadth first, so that a node's children are created, and numbered, together.
  const pending: [node: number, lo: number, hi: number, depth: number][] = [[0, 0, rows, 0]];
  for (let next = 0; next < pending.length; next++) {
    const [node, lo, hi, depth] = pending[next];
    let own = lo;
    while (own < hi && length(order[own]) === depth) own++;
    rowFrom[node] = lo;
    rowTo[node] = own;
    firstChild[node] = column.length;
    for (let from = own; from < hi; ) {
      const c = entry(order[from], depth);
      let to = from + 1;
      while (to < hi && entry(order[to], depth) === c) to++;
      const child = column.length;
      column.push(c);
      firstChild.push(0);
      childCount.push(0);
      rowFrom.push(0);
      rowTo.push(0);
      childCount[node]++;
      pending.push([child, from, to, depth + 1]);
      from = to;
    }
  }
  return {
    nodes: column.length,
    column: Int32Array.from(column),
    firstChild: Int32Array.from(firstChild),
    childCount: Int32Array.from(childCount),
    rowFrom: Int32Array.from(rowFrom),
    rowTo: Int32Array.from(rowTo),
    order,
  };
}
