import { offerNeighbour } from "./nearerFirst.js";

/** Coordinates per row in the tree: the projections on a table's leading principal directions. */
export const TREE_AXES = 8;

/** Deeper than any tree of median splits over fewer than 2^31 rows. */
const STACK = 64;

/** Rows per leaf: few enough that a leaf's rows are mostly worth bounding one by one. */
const LEAF_ROWS = 16;

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
}

/**
 * A k-d tree over the training rows' projections: each node holds a contiguous run of rows
 * (stored in tree order, so a leaf's rows and projections are adjacent in memory), the box of
 * their projections and the largest slack among them.
 */
interface ProjectionTree {
  readonly nodes: number;
  readonly cols: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Children of an inner node; -1 for a leaf. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** nodes x TREE_AXES. */
  readonly low: Float64Array;
  readonly high: Float64Array;
  readonly slack: Float64Array;
  /** Tree order to training index. */
  readonly index: Int32Array;
  readonly data: Float64Array;
  readonly projection: Float64Array;
  readonly rowSlack: Float64Array;
}

/**
 * Each query's k nearest training rows, nearest first, ties to the lower index: the same
 * neighbours, bit for bit, as a scan of every row. A row's distance is summed over its columns in
 * order, as the scan sums it, and a row or a whole node is passed over only when a lower bound
 * proves its distance larger than the k-th best so far: the bound is the squared distance between
 * projections (for a node, from the query to the node's box, which is at most any of its rows'
 * bound, floating-point rounding being monotone), times `shrink`, minus the slack of the rows and
 * of the query. Rows are met out of index order, so an equal distance is decided by index.
 */
export function treeNeighbours(train: ProjectedRows, query: ProjectedRows, k: number, shrink: number): Int32Array {
  const tree = buildTree(train);
  const out = new Int32Array(query.rows * k);
  const bestDistance = new Float64Array(k);
  const bestIndex = new Int32Array(k);
  const box = new Float64Array(TREE_AXES);
  // Each inner node popped pushes at most two children: the stack never holds more than the depth plus one.
  const stackNode = new Int32Array(STACK);
  const stackBound = new Float64Array(stackNode.length);
  for (let q = 0; q < query.rows; q++) {
    bestDistance.fill(Infinity);
    bestIndex.fill(-1);
    box.set(query.projection.subarray(q * TREE_AXES, (q + 1) * TREE_AXES));
    searchTree(tree, query.data, q * query.cols, box, query.slack[q], shrink, bestDistance, bestIndex, stackNode, stackBound);
    out.set(bestIndex, q * k);
  }
  return out;
}

/** One query's search, depth first, the nearer child first (a function of its own, so that V8 optimises it whole). */
function searchTree(
  tree: ProjectionTree,
  queryData: Float64Array,
  qo: number,
  p: Float64Array,
  querySlack: number,
  shrink: number,
  bestDistance: Float64Array,
  bestIndex: Int32Array,
  stackNode: Int32Array,
  stackBound: Float64Array,
): void {
  const { left, right, start, end, low, high, slack, index, data, projection, rowSlack, cols } = tree;
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
      const bl = boxBound(low, high, l, p0, p1, p2, p3, p4, p5, p6, p7);
      const br = boxBound(low, high, r, p0, p1, p2, p3, p4, p5, p6, p7);
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
      if (bound * shrink - rowSlack[t] > limit) continue;
      x = p4 - projection[po + 4];
      bound += x * x;
      x = p5 - projection[po + 5];
      bound += x * x;
      x = p6 - projection[po + 6];
      bound += x * x;
      x = p7 - projection[po + 7];
      bound += x * x;
      if (bound * shrink - rowSlack[t] > limit) continue;
      const io = t * cols;
      const worst = bestDistance[last];
      let d = 0;
      for (let j = 0; j < cols; j++) {
        const y = queryData[qo + j] - data[io + j];
        d += y * y;
      }
      if (d > worst) continue;
      offerNeighbour(bestDistance, bestIndex, d, index[t]);
      limit = bestDistance[last] + querySlack;
    }
  }
}

/** Squared distance from (p0..p7) to a node's box, summed over the axes in order, as a row's bound is. */
function boxBound(low: Float64Array, high: Float64Array, node: number, p0: number, p1: number, p2: number, p3: number, p4: number, p5: number, p6: number, p7: number): number {
  const o = node * TREE_AXES;
  return gapSquared(p0, low[o], high[o]) + gapSquared(p1, low[o + 1], high[o + 1]) + gapSquared(p2, low[o + 2], high[o + 2]) + gapSquared(p3, low[o + 3], high[o + 3]) +
    gapSquared(p4, low[o + 4], high[o + 4]) + gapSquared(p5, low[o + 5], high[o + 5]) + gapSquared(p6, low[o + 6], high[o + 6]) + gapSquared(p7, low[o + 7], high[o + 7]);
}

function gapSquared(v: number, lo: number, hi: number): number {
  const gap = v < lo ? lo - v : v > hi ? v - hi : 0;
  return gap * gap;
}

/** Splits each node at the median of its widest axis until a node holds at most LEAF_ROWS rows. */
function buildTree(rows: ProjectedRows): ProjectionTree {
  const n = rows.rows;
  const capacity = 4 * Math.ceil(n / LEAF_ROWS) + 4;
  const start = new Int32Array(capacity);
  const end = new Int32Array(capacity);
  const left = new Int32Array(capacity).fill(-1);
  const right = new Int32Array(capacity).fill(-1);
  const low = new Float64Array(capacity * TREE_AXES);
  const high = new Float64Array(capacity * TREE_AXES);
  const slack = new Float64Array(capacity);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const coordinates = rows.projection;
  const slackOfRow = rows.slack;
  let nodes = 1;
  start[0] = 0;
  end[0] = n;
  // Nodes are created in order, so one pass over them in creation order visits parents before children.
  for (let node = 0; node < nodes; node++) {
    const from = start[node];
    const to = end[node];
    const o = node * TREE_AXES;
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
    slack[node] = most;
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
  const cols = rows.cols;
  const data = new Float64Array(n * cols);
  const projection = new Float64Array(n * TREE_AXES);
  const rowSlack = new Float64Array(n);
  const source = rows.data;
  const fromProjection = rows.projection;
  for (let t = 0; t < n; t++) {
    const i = order[t];
    for (let j = 0; j < cols; j++) data[t * cols + j] = source[i * cols + j];
    for (let a = 0; a < TREE_AXES; a++) projection[t * TREE_AXES + a] = fromProjection[i * TREE_AXES + a];
    rowSlack[t] = rows.slack[i];
  }
  return { nodes, cols, start, end, left, right, low, high, slack, index: order, data, projection, rowSlack };
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
