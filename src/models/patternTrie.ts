import type { RareColumns } from "../stats/rareColumns.js";

/**
 * The training rows of a split (rareColumns.ts) arranged by their binary pattern (the ascending
 * list of binary positions at their rarer value): a trie whose node stands for a prefix of such lists.
 * Node 0 is the root (empty prefix); a node's children are contiguous, in ascending column
 * order; a node's "own" rows are those whose whole list is its prefix, order[rowFrom..rowTo-1],
 * ascending. On one-hot tables a query's distance to every row under a node is bounded below by
 * what the node's prefix fixes, which lets a search drop whole subtrees of rows (binaryNeighbours).
 */
export interface PatternTrie {
  readonly nodes: number;
  /** The binary position that the node adds to its parent's prefix (-1 for the root). */
  readonly column: Int32Array;
  readonly firstChild: Int32Array;
  readonly childCount: Int32Array;
  readonly rowFrom: Int32Array;
  readonly rowTo: Int32Array;
  /** The rows, sorted by pattern then index. */
  readonly order: Int32Array;
}

/**
 * Built breadth first, each node's rows bucketed by their next binary position (a stable counting
 * sort, so rows stay in index order within a bucket) as the node is reached: O(entries) in all,
 * instead of sorting the rows by pattern with a comparator first. A node's children are created,
 * and numbered, together, in ascending order.
 */
export function patternTrie(split: RareColumns): PatternTrie {
  const { start, entries } = split;
  const rows = start.length - 1;
  const cols = split.column.length;
  // A node is a distinct prefix of some row's pattern: at most one per binary entry, plus the root.
  const capacity = entries.length + 1;
  const order = new Int32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = i;
  const build: TrieBuild = {
    split,
    order,
    scratch: new Int32Array(rows),
    keys: new Int32Array(rows),
    count: new Int32Array(cols + 1),
    present: new Int32Array(cols + 1),
    column: new Int32Array(capacity),
    firstChild: new Int32Array(capacity),
    childCount: new Int32Array(capacity),
    rowFrom: new Int32Array(capacity),
    rowTo: new Int32Array(capacity),
    range: new Int32Array(3 * capacity),
    nodes: 1,
  };
  build.column[0] = -1;
  build.range.set([0, rows, 0]);
  for (let node = 0; node < build.nodes; node++) expand(build, node);
  const nodes = build.nodes;
  return {
    nodes,
    column: build.column.slice(0, nodes),
    firstChild: build.firstChild.slice(0, nodes),
    childCount: build.childCount.slice(0, nodes),
    rowFrom: build.rowFrom.slice(0, nodes),
    rowTo: build.rowTo.slice(0, nodes),
    order,
  };
}

interface TrieBuild {
  readonly split: RareColumns;
  /** The rows, grouped node by node as the nodes are expanded. */
  readonly order: Int32Array;
  readonly scratch: Int32Array;
  /** Per position of order in the node being expanded: the row's next binary position, -1 at its pattern's end. */
  readonly keys: Int32Array;
  /** Per position + 1: rows of the node with that next position, then its bucket's next slot (zero between nodes). */
  readonly count: Int32Array;
  /** The node's distinct keys, ascending once sorted. */
  readonly present: Int32Array;
  readonly column: Int32Array;
  readonly firstChild: Int32Array;
  readonly childCount: Int32Array;
  readonly rowFrom: Int32Array;
  readonly rowTo: Int32Array;
  /** Per node: lo, hi (its rows are order[lo..hi - 1]) and depth (its prefix's length). */
  readonly range: Int32Array;
  nodes: number;
}

/** Each row's next position (-1 past its pattern's end) into keys, counted; returns how many differ, listed in present. */
function countKeys(build: TrieBuild, lo: number, hi: number, depth: number): number {
  const { order, keys, count, present } = build;
  const { start, entries } = build.split;
  let distinct = 0;
  for (let at = lo; at < hi; at++) {
    const i = order[at];
    const next = start[i] + depth;
    const key = next < start[i + 1] ? entries[next] : -1;
    keys[at] = key;
    if (count[key + 1]++ === 0) present[distinct++] = key;
  }
  return distinct;
}

/** Few keys a node: an insertion sort. */
function sortKeys(present: Int32Array, distinct: number): void {
  for (let a = 1; a < distinct; a++) {
    const key = present[a];
    let b = a - 1;
    for (; b >= 0 && present[b] > key; b--) present[b + 1] = present[b];
    present[b + 1] = key;
  }
}

/** Rows order[lo, hi) into scratch at their key's next offset (count holds the offsets, advanced). */
function scatterByKey(order: Int32Array, scratch: Int32Array, keys: Int32Array, count: Int32Array, lo: number, hi: number): void {
  for (let at = lo; at < hi; at++) scratch[count[keys[at] + 1]++] = order[at];
}

function copyRows(from: Int32Array, to: Int32Array, lo: number, hi: number): void {
  for (let at = lo; at < hi; at++) to[at] = from[at];
}

/**
 * Node `node`'s rows share its prefix: its own rows (patterns ending there) first, then one child
 * per next position, ascending.
 */
function expand(build: TrieBuild, node: number): void {
  const { order, scratch, keys, count, present, range } = build;
  const lo = range[3 * node];
  const hi = range[3 * node + 1];
  const depth = range[3 * node + 2];
  // Each pass over the node's rows is a function whose loop is its last statement: V8 compiles a
  // long loop on its own (on-stack replacement) and re-enters that code at later calls, where
  // code after the loop that had not run when it was compiled would throw it away every time.
  const distinct = countKeys(build, lo, hi, depth);
  sortKeys(present, distinct);
  if (distinct > 1) {
    let offset = lo;
    for (let d = 0; d < distinct; d++) {
      const size = count[present[d] + 1];
      count[present[d] + 1] = offset;
      offset += size;
    }
    scatterByKey(order, scratch, keys, count, lo, hi);
    copyRows(scratch, order, lo, hi);
  } else if (distinct === 1) {
    count[present[0] + 1] = hi;
  }
  build.rowFrom[node] = lo;
  build.rowTo[node] = lo;
  build.firstChild[node] = build.nodes;
  let from = lo;
  for (let d = 0; d < distinct; d++) {
    const key = present[d];
    const to = count[key + 1];
    count[key + 1] = 0;
    if (key < 0) {
      build.rowTo[node] = to;
    } else {
      const child = build.nodes++;
      build.column[child] = key;
      range[3 * child] = from;
      range[3 * child + 1] = to;
      range[3 * child + 2] = depth + 1;
      build.childCount[node]++;
    }
    from = to;
  }
}
