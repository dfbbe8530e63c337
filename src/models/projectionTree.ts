import { rowsPerCall } from "../stats/rowBlocks.js";
import { offerNeighbour } from "./nearerFirst.js";
import { PARTIAL_COLUMNS, searchTreeKernel, STACK, TREE_AXES } from "./treeSearchKernel.js";

export { TREE_AXES };

/**
 * Rows per leaf: few enough that a leaf's rows are mostly worth bounding one by one; a row's
 * bound is a tight loop, a node's two box bounds and its stack traffic are not. Measured warm,
 * one process, neighbours identical, since a row's bound has one test instead of two: credit.csv
 * fold (15,120 x 23) 24 rows 105 ms, 32 rows 90, 64 rows 86-87, 96 rows 85-86, 128 rows 89;
 * generated gaussian tables, 32 against 64 rows: 20,000 x 3 19.3 against 17.7 ms, 20,000 x 8 96
 * against 85, 15,000 x 14 287 against 248, 15,000 x 40 2,012 against 1,907, 4,000 x 12 21.5 against 18.8.
 */
const LEAF_ROWS = 64;


/** Training rows with what the search's bound needs, as prunedNeighbours computes them. */
export interface ProjectedRows {
  readonly rows: number;
  readonly cols: number;
  /** rows x cols, row-major. */
  readonly data: Float64Array;
  /** rows x TREE_AXES, row-major. */
  readonly projection: Float64Array;
  /** Per row, the absolute rounding margin of its projections (subtracted from a bound). */
  readonly slack: Float64Array;
  /**
   * Per row, an interval holding the norm of its part outside the projections' span (its
   * residual), rounding included: [0, 0] where the projections are the row.
   */
  readonly residualLow: Float64Array;
  readonly residualHigh: Float64Array;
}

/**
 * A k-d tree over the training rows' projections: each node holds a contiguous run of rows in
 * tree order (a leaf's projections adjacent in memory), the box of their projections and the
 * largest slack among them. The rows' values stay in training order: a copy in tree order cost
 * more (2.8 MB of fresh pages on a credit fold) than the scattered reads of the few rows whose
 * exact distance is needed, and queries come in leaf order (queriesByLeaf).
 */
interface ProjectionTree extends NodeArrays {
  readonly nodes: number;
  readonly cols: number;
  /** Tree order to training index. */
  readonly index: Int32Array;
  /** The training rows, in training order (rows x cols). */
  readonly data: Float64Array;
  readonly projection: Float64Array;
  readonly rowSlack: Float64Array;
  readonly rowResidualLow: Float64Array;
  readonly rowResidualHigh: Float64Array;
}

/**
 * Each query's k nearest training rows, nearest first, ties to the lower index: the same
 * neighbours, bit for bit, as a scan of every row. A row's distance is summed over its columns in
 * order, as the scan sums it, and a row or a whole node is passed over only when a lower bound
 * proves its distance larger than the k-th best so far: the bound is the squared distance between
 * projections (for a node, from the query to the node's box, which is at most any of its rows'
 * bound, floating-point rounding being monotone), times `shrink`, minus the slack of the rows and
 * of the query. A row that bound leaves adds the squared gap between its residual's norm and the
 * query's (the part of the distance outside the projections' span is at least that gap) before
 * its exact distance is summed. Rows are met out of index order, so an equal distance is decided by index.
 */
export function treeNeighbours(train: ProjectedRows, query: ProjectedRows, k: number, shrink: number, useKernel = true): Int32Array {
  const tree = buildTree(train);
  const order = queriesByLeaf(tree, query.projection, query.rows);
  // The search runs in a WebAssembly kernel (treeSearchKernel.ts), the same steps; useKernel
  // false, or a search too large for its memory, runs searchTree below.
  const search = {
    ...tree,
    k,
    shrink,
    queries: query.rows,
    queryData: query.data,
    queryProjection: query.projection,
    querySlack: query.slack,
    queryResidualLow: query.residualLow,
    queryResidualHigh: query.residualHigh,
    queryOrder: order,
  };
  const found = useKernel ? searchTreeKernel(search) : null;
  if (found !== null) return found;
  const out = new Int32Array(query.rows * k);
  const bestDistance = new Float64Array(k);
  const bestIndex = new Int32Array(k);
  const box = new Float64Array(TREE_AXES);
  // Each inner node popped pushes at most two children: the stack never holds more than the depth plus one.
  const stackNode = new Int32Array(STACK);
  const stackBound = new Float64Array(stackNode.length);
  for (const q of order) {
    bestDistance.fill(Infinity);
    bestIndex.fill(-1);
    box.set(query.projection.subarray(q * TREE_AXES, (q + 1) * TREE_AXES));
    searchTree(tree, query.data, q * query.cols, box, query.slack[q], query.residualLow[q], query.residualHigh[q], shrink, bestDistance, bestIndex, stackNode, stackBound);
    out.set(bestIndex, q * k);
  }
  return out;
}

/**
 * Queries in the tree order of the leaf each falls in (descending to the nearer child's box): a
 * query's search then reads mostly the rows and boxes the previous one read, still in the cache.
 * A query's neighbours do not depend on when it is searched.
 */
function queriesByLeaf(tree: ProjectionTree, projection: Float64Array, count: number): Int32Array {
  const { left, right, low, high, start } = tree;
  const position = new Int32Array(count);
  // A descent: about two box bounds a level.
  const step = rowsPerCall(2 * TREE_AXES * Math.ceil(Math.log2(tree.nodes + 1)));
  leafPositions(left, right, low, high, start, projection, 0, count, step, position);
  return Int32Array.from({ length: count }, (_, q) => q).sort((a, b) => position[a] - position[b] || a - b);
}

/**
 * For queries from..to - 1, the tree position where the leaf each descends to starts. Halved until
 * a part has at most `step` queries (rowBlocks.ts's CALL_STEPS): run once per prediction, the loop
 * over every query was compiled on the stack, and again in a child's second fold. It takes the
 * tree's arrays, not the tree (see splitNodes).
 */
function leafPositions(left: Int32Array, right: Int32Array, low: Float64Array, high: Float64Array, start: Int32Array, projection: Float64Array, from: number, to: number, step: number, position: Int32Array): void {
  if (to - from > step) {
    const middle = (from + to) >>> 1;
    leafPositions(left, right, low, high, start, projection, from, middle, step, position);
    leafPositions(left, right, low, high, start, projection, middle, to, step, position);
    return;
  }
  for (let q = from; q < to; q++) {
    const p = projection.subarray(q * TREE_AXES, (q + 1) * TREE_AXES);
    let node = 0;
    while (left[node] >= 0) node = boxBound(low, high, left[node], p) <= boxBound(low, high, right[node], p) ? left[node] : right[node];
    position[q] = start[node];
  }
}

/** One query's search, depth first, the nearer child first (a function of its own, so that V8 optimises it whole). */
function searchTree(
  tree: ProjectionTree,
  queryData: Float64Array,
  qo: number,
  p: Float64Array,
  querySlack: number,
  queryResidualLow: number,
  queryResidualHigh: number,
  shrink: number,
  bestDistance: Float64Array,
  bestIndex: Int32Array,
  stackNode: Int32Array,
  stackBound: Float64Array,
): void {
  const { left, right, start, end, low, high, slack, index, data, projection, rowSlack, rowResidualLow, rowResidualHigh, cols } = tree;
  const last = bestDistance.length - 1;
  const p0 = p[0], p1 = p[1], p2 = p[2], p3 = p[3], p4 = p[4], p5 = p[5], p6 = p[6], p7 = p[7];
  let limit = Infinity;
  let top = 0;
  stackNode[0] = 0;
  stackBound[0] = 0;
  top = 1;
  while (top > 0) {
    top--;
    const node = stackNode[top];
    if (stackBound[top] * shrink - slack[node] > limit) continue;
    const l = left[node];
    if (l >= 0) {
      const r = right[node];
      const bl = boxBound(low, high, l, p);
      const br = boxBound(low, high, r, p);
      const nearFirst = bl <= br;
      const far = nearFirst ? r : l;
      const farBound = nearFirst ? br : bl;
      const near = nearFirst ? l : r;
      const nearBound = nearFirst ? bl : br;
      if (farBound * shrink - slack[far] <= limit) {
        stackNode[top] = far;
        stackBound[top] = farBound;
        top++;
      }
      if (nearBound * shrink - slack[near] <= limit) {
        stackNode[top] = near;
        stackBound[top] = nearBound;
        top++;
      }
      continue;
    }
    for (let t = start[node], stop = end[node]; t < stop; t++) {
      const po = t * TREE_AXES;
      let x = p0 - projection[po];
      let bound = x * x;
      x = p1 - projection[po + 1];
      bound += x * x;
      x = p2 - projection[po + 2];
      bound += x * x;
      x = p3 - projection[po + 3];
      bound += x * x;
      // No test after four axes: it ruled out about half the rows it met, a branch the
      // processor mispredicted as often (credit.csv fold 95 to 90 ms without it).
      x = p4 - projection[po + 4];
      bound += x * x;
      x = p5 - projection[po + 5];
      bound += x * x;
      x = p6 - projection[po + 6];
      bound += x * x;
      x = p7 - projection[po + 7];
      bound += x * x;
      if (bound * shrink - rowSlack[t] > limit) continue;
      // The residuals' part of the distance is at least the squared gap between their norms' intervals.
      bound += intervalGap(rowResidualLow[t], rowResidualHigh[t], queryResidualLow, queryResidualHigh);
      if (bound * shrink - rowSlack[t] > limit) continue;
      const io = index[t] * cols;
      const worst = bestDistance[last];
      // Summed in column order, as the scan sums it; a partial sum already above the k-th best
      // ends it (the terms are never negative, and adding them never lowers a rounded sum).
      let d = 0;
      for (let j = 0; j < cols && d <= worst; ) {
        for (const stop = Math.min(cols, j + PARTIAL_COLUMNS); j < stop; j++) {
          const y = queryData[qo + j] - data[io + j];
          d += y * y;
        }
      }
      if (d > worst) continue;
      offerNeighbour(bestDistance, bestIndex, d, index[t]);
      limit = bestDistance[last] + querySlack;
    }
  }
}

/**
 * Squared distance from the point p to a node's box, summed over the axes in order, as a row's
 * bound is. Small enough for V8 to inline into the search: a call it does not inline boxes every
 * double passed or returned on the heap, two bounds a node.
 */
function boxBound(low: Float64Array, high: Float64Array, node: number, p: Float64Array): number {
  const o = node * TREE_AXES;
  let bound = 0;
  for (let a = 0; a < TREE_AXES; a++) {
    const v = p[a];
    const lo = low[o + a];
    const hi = high[o + a];
    const gap = v < lo ? lo - v : v > hi ? v - hi : 0;
    bound += gap * gap;
  }
  return bound;
}

/** The squared gap between two intervals (0 when they meet, or when an end is NaN). */
function intervalGap(low: number, high: number, otherLow: number, otherHigh: number): number {
  const gap = low > otherHigh ? low - otherHigh : otherLow > high ? otherLow - high : 0;
  return gap * gap;
}

/**
 * Splits each node at the median of its widest axis until a node holds at most LEAF_ROWS rows.
 * Each loop is a function of its own: V8 compiles a function called once per fit loop by loop
 * (on-stack replacement) and threw the code away at the next loop, fit after fit.
 */
function buildTree(rows: ProjectedRows): ProjectionTree {
  const n = rows.rows;
  const capacity = 4 * Math.ceil(n / LEAF_ROWS) + 4;
  const nodes = {
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    left: new Int32Array(capacity).fill(-1),
    right: new Int32Array(capacity).fill(-1),
    low: new Float64Array(capacity * TREE_AXES),
    high: new Float64Array(capacity * TREE_AXES),
    slack: new Float64Array(capacity),
  };
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const count = splitNodes(nodes, order, rows.projection, rows.slack);
  return { nodes: count, cols: rows.cols, ...nodes, index: order, data: rows.data, ...inTreeOrder(rows, order) };
}

/** The tree's nodes, filled node by node: each node's run of rows in tree order, its children, its box and slack. */
interface NodeArrays {
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Children of an inner node; -1 for a leaf. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** nodes x TREE_AXES. */
  readonly low: Float64Array;
  readonly high: Float64Array;
  readonly slack: Float64Array;
}

/**
 * Boxes and splits the nodes, parents before children (nodes are created in order); returns how
 * many there are. By blocks of nodes (rowBlocks.ts's CALL_STEPS), split by a kernel that takes
 * the arrays themselves: run once per fit, a loop over every node was compiled in a child's later
 * folds from feedback on an object made anew each fit, and thrown away at once, fold after fold.
 */
function splitNodes(tree: NodeArrays, order: Int32Array, coordinates: Float64Array, slackOfRow: Float64Array): number {
  const { start, end, left, right, low, high, slack } = tree;
  let nodes = 1;
  start[0] = 0;
  end[0] = order.length;
  // Nodes made while a block is split come after it: they are met by a later block, in order.
  for (let from = 0, step = rowsPerCall(2 * TREE_AXES); from < nodes; ) {
    const to = Math.min(nodes, from + step);
    nodes = splitNodeRange(start, end, left, right, low, high, slack, order, coordinates, slackOfRow, from, to, nodes);
    from = to;
  }
  return nodes;
}

/** Nodes fromNode..toNode - 1 of splitNodes, with `nodes` made so far; returns how many are made after them. */
function splitNodeRange(
  start: Int32Array,
  end: Int32Array,
  left: Int32Array,
  right: Int32Array,
  low: Float64Array,
  high: Float64Array,
  slack: Float64Array,
  order: Int32Array,
  coordinates: Float64Array,
  slackOfRow: Float64Array,
  fromNode: number,
  toNode: number,
  nodes: number,
): number {
  for (let node = fromNode; node < toNode; node++) {
    const from = start[node];
    const to = end[node];
    const o = node * TREE_AXES;
    slack[node] = boxRows(order, from, to, coordinates, slackOfRow, low, high, o);
    if (to - from <= LEAF_ROWS) continue;
    let axis = 0;
    for (let a = 1; a < TREE_AXES; a++) if (high[o + a] - low[o + a] > high[o + axis] - low[o + axis]) axis = a;
    if (!(high[o + axis] > low[o + axis])) continue; // every row at one point: splitting cannot narrow a box
    const middle = (from + to) >> 1;
    selectNth(order, from, to, middle, coordinates, axis);
    left[node] = nodes;
    start[nodes] = from;
    end[nodes] = middle;
    nodes++;
    right[node] = nodes;
    start[nodes] = middle;
    end[nodes] = to;
    nodes++;
  }
  return nodes;
}

/** The box of rows order[from..to) at low/high[o..o + TREE_AXES); returns their largest slack. */
function boxRows(order: Int32Array, from: number, to: number, coordinates: Float64Array, slackOfRow: Float64Array, low: Float64Array, high: Float64Array, o: number): number {
  low.fill(Infinity, o, o + TREE_AXES);
  high.fill(-Infinity, o, o + TREE_AXES);
  let most = 0;
  for (let t = from; t < to; t++) {
    const i = order[t];
    for (let a = 0; a < TREE_AXES; a++) {
      const v = coordinates[i * TREE_AXES + a];
      if (v < low[o + a]) low[o + a] = v;
      if (v > high[o + a]) high[o + a] = v;
    }
    if (slackOfRow[i] > most) most = slackOfRow[i];
  }
  return most;
}

/** The rows' projections and slacks in tree order, so that a leaf's are adjacent in memory. */
function inTreeOrder(rows: ProjectedRows, order: Int32Array): { projection: Float64Array; rowSlack: Float64Array; rowResidualLow: Float64Array; rowResidualHigh: Float64Array } {
  const { rows: n, projection: fromProjection, slack, residualLow, residualHigh } = rows;
  const projection = new Float64Array(n * TREE_AXES);
  const rowSlack = new Float64Array(n);
  const rowResidualLow = new Float64Array(n);
  const rowResidualHigh = new Float64Array(n);
  // The loop in a function that ends with it (V8 compiles a long loop met in a first call on the
  // stack, on-stack replacement, and that code was thrown away where it reached the code after
  // the loop, which had not run yet, fit after fit), by halves of the rows (see gatherRows).
  gatherRows(order, 0, n, rowsPerCall(TREE_AXES + 3), fromProjection, slack, residualLow, residualHigh, projection, rowSlack, rowResidualLow, rowResidualHigh);
  return { projection, rowSlack, rowResidualLow, rowResidualHigh };
}

/**
 * Row order[t]'s projections, slack and residual interval to position t, for t in from..to - 1,
 * halved until a part has at most `step` rows (rowBlocks.ts's CALL_STEPS): run once per fit, a
 * loop over every row was compiled on the stack, and again in a child's second fold.
 */
function gatherRows(
  order: Int32Array,
  from: number,
  to: number,
  step: number,
  fromProjection: Float64Array,
  slack: Float64Array,
  residualLow: Float64Array,
  residualHigh: Float64Array,
  projection: Float64Array,
  rowSlack: Float64Array,
  rowResidualLow: Float64Array,
  rowResidualHigh: Float64Array,
): void {
  if (to - from > step) {
    const middle = (from + to) >>> 1;
    gatherRows(order, from, middle, step, fromProjection, slack, residualLow, residualHigh, projection, rowSlack, rowResidualLow, rowResidualHigh);
    gatherRows(order, middle, to, step, fromProjection, slack, residualLow, residualHigh, projection, rowSlack, rowResidualLow, rowResidualHigh);
    return;
  }
  for (let t = from; t < to; t++) {
    const i = order[t];
    for (let a = 0; a < TREE_AXES; a++) projection[t * TREE_AXES + a] = fromProjection[i * TREE_AXES + a];
    rowSlack[t] = slack[i];
    rowResidualLow[t] = residualLow[i];
    rowResidualHigh[t] = residualHigh[i];
  }
}

/** Reorders order[from..to) so that order[nth] holds the row whose coordinate on `axis` ranks there, smaller ones before it, larger after (Hoare's selection). */
function selectNth(order: Int32Array, from: number, to: number, nth: number, projection: Float64Array, axis: number): void {
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const pivot = projection[order[(lo + hi) >> 1] * TREE_AXES + axis];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (projection[order[i] * TREE_AXES + axis] < pivot) i++;
      while (projection[order[j] * TREE_AXES + axis] > pivot) j--;
      if (i <= j) {
        const swap = order[i];
        order[i] = order[j];
        order[j] = swap;
        i++;
        j--;
      }
    }
    if (nth <= j) hi = j;
    else if (nth >= i) lo = i;
    else return;
  }
}
