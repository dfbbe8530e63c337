import type { RareColumns } from "../stats/rareColumns.js";
import { rowsPerCall } from "../stats/rowBlocks.js";

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
 *
 * The build runs by blocks of nodes, and a node's passes over its rows by halves, down to about
 * 512 rows a call (rowBlocks.ts's CALL_STEPS): run once per fit, the loop over every node, and
 * the root's passes over every row, were compiled on the stack, and again in a child's second fold.
 * Its functions take the arrays themselves: code reading them from an object made anew each fit
 * was thrown away when that object's hidden class changed, in a child's second and third folds.
 */
export function patternTrie(split: RareColumns): PatternTrie {
  const { start, entries } = split;
  const rows = start.length - 1;
  const cols = split.column.length;
  // A node is a distinct prefix of some row's pattern: at most one per binary entry, plus the root.
  const capacity = entries.length + 1;
  const order = new Int32Array(rows);
  countUp(order, 0, rows, rowsPerCall(1));
  const scratch = new Int32Array(rows);
  const keys = new Int32Array(rows);
  const count = new Int32Array(cols + 1);
  const present = new Int32Array(cols + 1);
  const column = new Int32Array(capacity);
  const firstChild = new Int32Array(capacity);
  const childCount = new Int32Array(capacity);
  const rowFrom = new Int32Array(capacity);
  const rowTo = new Int32Array(capacity);
  const range = new Int32Array(3 * capacity);
  column[0] = -1;
  range.set([0, rows, 0]);
  let nodes = 1;
  // Nodes made while a block is expanded come after it: they are met by a later block, in order.
  for (let from = 0, step = rowsPerCall(1); from < nodes; ) {
    const to = Math.min(nodes, from + step);
    nodes = expandNodes(start, entries, order, scratch, keys, count, present, column, firstChild, childCount, rowFrom, rowTo, range, from, to, nodes);
    from = to;
  }
  return {
    nodes,
    column: column.slice(0, nodes),
    firstChild: firstChild.slice(0, nodes),
    childCount: childCount.slice(0, nodes),
    rowFrom: rowFrom.slice(0, nodes),
    rowTo: rowTo.slice(0, nodes),
    order,
  };
}

/** order[i] = i for i in from..to - 1, by halves down to `step` rows (see patternTrie). */
function countUp(order: Int32Array, from: number, to: number, step: number): void {
  if (to - from > step) {
    const middle = (from + to) >>> 1;
    countUp(order, from, middle, step);
    countUp(order, middle, to, step);
    return;
  }
  for (let i = from; i < to; i++) order[i] = i;
}

/*
 * The build's arrays, as the functions below take them:
 *   start, entries: the split's rows' binary patterns (rareColumns.ts).
 *   order: the rows, grouped node by node as the nodes are expanded; scratch: as long.
 *   keys: per position of order in the node being expanded, the row's next binary position, -1 at its pattern's end.
 *   count: per position + 1, rows of the node with that next position, then its bucket's next slot (zero between nodes).
 *   present: the node's distinct keys, ascending once sorted.
 *   column, firstChild, childCount, rowFrom, rowTo: the trie's nodes (PatternTrie).
 *   range: per node, lo, hi (its rows are order[lo..hi - 1]) and depth (its prefix's length).
 *   nodes: how many nodes are made so far.
 */

/** Expands nodes fromNode..toNode - 1, with `nodes` made so far; returns how many are made after them. */
function expandNodes(
  start: Int32Array,
  entries: Int32Array,
  order: Int32Array,
  scratch: Int32Array,
  keys: Int32Array,
  count: Int32Array,
  present: Int32Array,
  column: Int32Array,
  firstChild: Int32Array,
  childCount: Int32Array,
  rowFrom: Int32Array,
  rowTo: Int32Array,
  range: Int32Array,
  fromNode: number,
  toNode: number,
  nodes: number,
): number {
  for (let node = fromNode; node < toNode; node++) nodes = expand(start, entries, order, scratch, keys, count, present, column, firstChild, childCount, rowFrom, rowTo, range, node, nodes);
  return nodes;
}

/**
 * Rows order[lo, hi)'s next positions (-1 past a pattern's end) into keys, counted; returns how
 * many differ, the `distinct` found before them included, listed in present. Halved until a part
 * has at most `step` rows (see patternTrie).
 */
function countKeys(start: Int32Array, entries: Int32Array, order: Int32Array, keys: Int32Array, count: Int32Array, present: Int32Array, lo: number, hi: number, step: number, depth: number, distinct: number): number {
  if (hi - lo > step) {
    const middle = (lo + hi) >>> 1;
    distinct = countKeys(start, entries, order, keys, count, present, lo, middle, step, depth, distinct);
    return countKeys(start, entries, order, keys, count, present, middle, hi, step, depth, distinct);
  }
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

/** Rows order[lo, hi) into scratch at their key's next offset (count holds the offsets, advanced), in order, halved as countKeys. */
function scatterByKey(order: Int32Array, scratch: Int32Array, keys: Int32Array, count: Int32Array, lo: number, hi: number, step: number): void {
  if (hi - lo > step) {
    const middle = (lo + hi) >>> 1;
    scatterByKey(order, scratch, keys, count, lo, middle, step);
    scatterByKey(order, scratch, keys, count, middle, hi, step);
    return;
  }
  for (let at = lo; at < hi; at++) scratch[count[keys[at] + 1]++] = order[at];
}

/**
 * Node `node`'s rows share its prefix: its own rows (patterns ending there) first, then one child
 * per next position, ascending. Returns how many nodes are made once its children are.
 */
function expand(
  start: Int32Array,
  entries: Int32Array,
  order: Int32Array,
  scratch: Int32Array,
  keys: Int32Array,
  count: Int32Array,
  present: Int32Array,
  column: Int32Array,
  firstChild: Int32Array,
  childCount: Int32Array,
  rowFrom: Int32Array,
  rowTo: Int32Array,
  range: Int32Array,
  node: number,
  nodes: number,
): number {
  const lo = range[3 * node];
  const hi = range[3 * node + 1];
  const depth = range[3 * node + 2];
  // Each pass over the node's rows is a function whose loop is its last statement: V8 compiles a
  // long loop on its own (on-stack replacement) and re-enters that code at later calls, where
  // code after the loop that had not run when it was compiled would throw it away every time.
  const step = rowsPerCall(1);
  const distinct = countKeys(start, entries, order, keys, count, present, lo, hi, step, depth, 0);
  sortKeys(present, distinct);
  if (distinct > 1) {
    let offset = lo;
    for (let d = 0; d < distinct; d++) {
      const size = count[present[d] + 1];
      count[present[d] + 1] = offset;
      offset += size;
    }
    scatterByKey(order, scratch, keys, count, lo, hi, step);
    order.set(scratch.subarray(lo, hi), lo);
  } else if (distinct === 1) {
    count[present[0] + 1] = hi;
  }
  rowFrom[node] = lo;
  rowTo[node] = lo;
  firstChild[node] = nodes;
  let from = lo;
  for (let d = 0; d < distinct; d++) {
    const key = present[d];
    const to = count[key + 1];
    count[key + 1] = 0;
    if (key < 0) {
      rowTo[node] = to;
    } else {
      const child = nodes++;
      column[child] = key;
      range[3 * child] = from;
      range[3 * child + 1] = to;
      range[3 * child + 2] = depth + 1;
      childCount[node]++;
    }
    from = to;
  }
  return nodes;
}
