import { fillRowOrder } from "../stats/rowOrder.js";
import { rowsPerCall } from "../stats/rowBlocks.js";
import type { Matrix } from "../stats/matrix.js";
import type { Rng } from "../stats/rng.js";
import { nearBound } from "./featureBins.js";
import { GiniCriterion, giniProxy } from "./giniCriterion.js";
import { sortColumns, type SortedColumns } from "./sortedColumns.js";
import { PURE, swap, TreeBuffer, type FlatTree } from "./treeGrowth.js";

/** A fit's features as its stumps read them: sorted, with the ranks where a split may fall. */
export interface StumpColumns {
  readonly columns: SortedColumns;
  /** Feature j's split ranks are boundaries[boundaryStart[j], boundaryStart[j + 1]): ranks b whose value lies more than FEATURE_THRESHOLD above rank b - 1's. */
  readonly boundaryStart: Int32Array;
  readonly boundaries: Int32Array;
}

/** Sorts X's columns once for every stump of a fit and lists each one's split ranks (none: a constant feature). */
export function stumpColumns(X: Matrix): StumpColumns {
  const columns = sortColumns(X);
  const { rows, cols, sorted } = columns;
  const boundaryStart = new Int32Array(cols + 1);
  // The passes over a column's rows run a block of rows per call (see classTotals).
  let count = 0;
  for (let j = 0; j < cols; j++) count = countBoundaries(sorted, j * rows, rows, count);
  const boundaries = new Int32Array(count);
  count = 0;
  for (let j = 0; j < cols; j++) {
    boundaryStart[j] = count;
    count = listBoundaries(sorted, j * rows, rows, boundaries, count);
  }
  boundaryStart[cols] = count;
  return { columns, boundaryStart, boundaries };
}

/** count plus the split ranks of the column sorted[base, base + rows). */
function countBoundaries(sorted: Float32Array, base: number, rows: number, count: number): number {
  let n = count;
  for (let from = 1, step = rowsPerCall(1); from < rows; from += step) n = countBoundariesIn(sorted, base, from, Math.min(rows, from + step), n);
  return n;
}

/** count plus the split ranks among ranks [from, to) of the column at base. */
function countBoundariesIn(sorted: Float32Array, base: number, from: number, to: number, count: number): number {
  let n = count;
  for (let b = from; b < to; b++) if (sorted[base + b] > nearBound(sorted[base + b - 1])) n++;
  return n;
}

/** The split ranks of the column sorted[base, base + rows) into boundaries from `count`; returns the count after them. */
function listBoundaries(sorted: Float32Array, base: number, rows: number, boundaries: Int32Array, count: number): number {
  let n = count;
  for (let from = 1, step = rowsPerCall(1); from < rows; from += step) n = listBoundariesIn(sorted, base, from, Math.min(rows, from + step), boundaries, n);
  return n;
}

/** listBoundaries for ranks [from, to). */
function listBoundariesIn(sorted: Float32Array, base: number, from: number, to: number, boundaries: Int32Array, count: number): number {
  let n = count;
  for (let b = from; b < to; b++) if (sorted[base + b] > nearBound(sorted[base + b - 1])) boundaries[n++] = b;
  return n;
}

/**
 * One weighted gini stump as scikit-learn's DecisionTreeClassifier(max_depth=1) grows it with
 * every feature tried: every boundary between neighbouring distinct values (further apart than
 * FEATURE_THRESHOLD) is scored, from each feature's rows in value order (sorted once per fit and
 * shared by every round). Written when featureBins.ts offered only 256 boundaries a feature:
 * boosting carries a moved first threshold into every later round's weights, and on a generated
 * 5-class partition one fold's predictions agreed with scikit-learn's on 44% of its rows.
 *
 * Features are drawn in the order growTree's search draws them from the same generator, and a
 * later split replaces the best only when strictly better, so ties go as they go in growTree.
 * y holds local labels 0..K-1; every weight must be positive (AdaBoost floors them at eps).
 */
export function growStump(features: StumpColumns, y: Uint32Array, K: number, weight: Float64Array, rng: Rng): FlatTree {
  const { columns } = features;
  const { rows } = columns;
  const criterion = new GiniCriterion(y, K, weight);
  // Each loop over the rows is a function of its own (see classTotals).
  const all = new Uint32Array(rows);
  fillRowOrder(all, rows);
  const tree = new TreeBuffer(K, 3);
  const root = tree.addNode(-1, true);
  const impurity = criterion.startNode(all, 0, rows);
  let bestBoundary = -1;
  if (rows >= 2 && impurity > PURE) {
    const { boundaryStart, boundaries } = features;
    const drawn = new Uint32Array(columns.cols);
    const drawnCount = drawFeatures(boundaryStart, columns.cols, rng, drawn);
    bestBoundary = bestSplit(columns.order, rows, boundaryStart, boundaries, drawn, drawnCount, y, K, weight, criterion.nodeWeight);
  }
  if (bestBoundary < 0) {
    tree.setLeaf(root, criterion);
    return tree.finish();
  }
  const feature = boundaryFeature(features.boundaryStart, bestBoundary);
  const threshold = boundaryThreshold(columns.sorted, feature * rows + features.boundaries[bestBoundary]);
  tree.setSplit(root, feature, threshold);
  // Each child's class fractions summed over its rows in row order, as growTree's leaves are.
  const values = columns.values.subarray(feature * rows, (feature + 1) * rows);
  const byChild = new Uint32Array(rows);
  const leftRows = rowsAtOrBelow(values, threshold, byChild);
  rowsAbove(values, threshold, byChild, leftRows);
  for (const [start, end, isLeft] of [[0, leftRows, true], [leftRows, rows, false]] as const) {
    const node = tree.addNode(root, isLeft);
    criterion.startNode(byChild, start, end);
    tree.setLeaf(node, criterion);
  }
  return tree.finish();
}

/**
 * The best split over the drawn features, as its index in `boundaries` (-1 when every feature
 * is constant). The node's totals are summed in row order and each side's proxy computed as
 * GiniCriterion's; the left side's counts move from one split rank to the next as scikit-learn's
 * criterion moves them: adding the rows passed, or, when fewer rows lie beyond the new rank than
 * between the two, starting again from the totals and taking away the rows beyond it, from the
 * last one down. A two-valued (one-hot) feature thus costs its rarer value's rows only.
 *
 * The split ranks are scored a block per call of scoreBoundaries (rowBlocks.ts's CALL_STEPS), its
 * running sums carried in `state`, and it takes arrays, not the StumpColumns object, so that its
 * code does not depend on the shape of objects that other models' objects share and change.
 */
function bestSplit(order: Uint32Array, rows: number, boundaryStart: Int32Array, boundaries: Int32Array, drawn: Uint32Array, drawnCount: number, y: Uint32Array, K: number, weight: Float64Array, nodeWeight: number): number {
  const total = classTotals(y, weight, K, rows);
  const leftCounts = new Float64Array(K);
  const state = new Float64Array(STATE_SIZE);
  state[BEST_PROXY] = -Infinity;
  state[BEST_BOUNDARY] = -1;
  const step = rowsPerCall(1);
  for (let d = 0; d < drawnCount; d++) {
    const feature = drawn[d];
    const last = boundaryStart[feature + 1];
    leftCounts.fill(0);
    state[LEFT_WEIGHT] = 0;
    state[POSITION] = 0;
    for (let k = boundaryStart[feature]; k < last; k += step) scoreBoundaries(order, feature * rows, rows, boundaries, k, Math.min(last, k + step), y, weight, total, leftCounts, nodeWeight, state);
  }
  return state[BEST_BOUNDARY];
}

/** scoreBoundaries's state between calls: the left side's weight and split rank, the best proxy and its index in boundaries. */
const LEFT_WEIGHT = 0;
const POSITION = 1;
const BEST_PROXY = 2;
const BEST_BOUNDARY = 3;
const STATE_SIZE = 4;

/** bestSplit's scores of boundaries[from, to), of the feature whose ranks start at base. */
function scoreBoundaries(
  order: Uint32Array,
  base: number,
  rows: number,
  boundaries: Int32Array,
  from: number,
  to: number,
  y: Uint32Array,
  weight: Float64Array,
  total: Float64Array,
  leftCounts: Float64Array,
  nodeWeight: number,
  state: Float64Array,
): void {
  let leftWeight = state[LEFT_WEIGHT];
  let pos = state[POSITION];
  let bestProxy = state[BEST_PROXY];
  let bestBoundary = state[BEST_BOUNDARY];
  for (let k = from; k < to; k++) {
    const b = boundaries[k];
    if (b - pos <= rows - b) {
      leftWeight = addRows(order, base + pos, base + b, y, weight, leftCounts, leftWeight);
    } else {
      leftCounts.set(total);
      leftWeight = takeRowsBack(order, base + b, base + rows, y, weight, leftCounts, nodeWeight);
    }
    pos = b;
    const proxy = giniProxy(leftCounts, total, leftWeight, nodeWeight);
    if (proxy > bestProxy) {
      bestProxy = proxy;
      bestBoundary = k;
    }
  }
  state[LEFT_WEIGHT] = leftWeight;
  state[POSITION] = pos;
  state[BEST_PROXY] = bestProxy;
  state[BEST_BOUNDARY] = bestBoundary;
}

/**
 * The features bestSplit scores, into drawn in the order growTree's search draws them from the
 * same generator (every feature, constant ones skipped); returns how many. Drawn before the search
 * rather than within it: each stump has a generator of its own, and a call through a new one's
 * closures threw bestSplit's compiled code away (wrong call target).
 */
function drawFeatures(boundaryStart: Int32Array, cols: number, rng: Rng, drawn: Uint32Array): number {
  const drawOrder = new Uint32Array(cols);
  for (let j = 0; j < cols; j++) drawOrder[j] = j;
  let constants = 0;
  let evaluated = 0;
  while (cols - evaluated - constants > 0) {
    const position = constants + rng.int(cols - evaluated - constants);
    const feature = drawOrder[position];
    if (boundaryStart[feature] === boundaryStart[feature + 1]) {
      swap(drawOrder, position, constants++);
      continue;
    }
    drawn[evaluated] = feature;
    evaluated++;
    swap(drawOrder, position, cols - evaluated);
  }
  return evaluated;
}

/** The feature whose split ranks hold boundaries[k]: the one j with boundaryStart[j] <= k < boundaryStart[j + 1]. */
function boundaryFeature(boundaryStart: Int32Array, k: number): number {
  let low = 0;
  let high = boundaryStart.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (boundaryStart[middle] <= k) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** scikit-learn's threshold below sorted[at]: the midpoint with the value before it, or that value when the midpoint rounds up onto sorted[at]. */
function boundaryThreshold(sorted: Float32Array, at: number): number {
  const here = sorted[at - 1];
  const next = sorted[at];
  const mid = here / 2 + next / 2;
  return mid === next || !Number.isFinite(mid) ? here : mid;
}

/**
 * Each class's weight over every row, in row order. This and the other passes over the rows,
 * once or twice per stump, run a block of rows per call (rowBlocks.ts's CALL_STEPS).
 */
function classTotals(y: Uint32Array, weight: Float64Array, K: number, rows: number): Float64Array {
  const total = new Float64Array(K);
  for (let from = 0, step = rowsPerCall(1); from < rows; from += step) addClassWeights(y, weight, from, Math.min(rows, from + step), total);
  return total;
}

function addClassWeights(y: Uint32Array, weight: Float64Array, from: number, to: number, total: Float64Array): void {
  for (let i = from; i < to; i++) total[y[i]] += weight[i];
}

/** Adds the rows order[from, to) to the left side, in that order; returns the left weight then. */
function addRows(order: Uint32Array, from: number, to: number, y: Uint32Array, weight: Float64Array, leftCounts: Float64Array, leftWeight: number): number {
  let sum = leftWeight;
  for (let p = from; p < to; p++) {
    const i = order[p];
    leftCounts[y[i]] += weight[i];
    sum += weight[i];
  }
  return sum;
}

/** Takes the rows order[from, to) away from the node's totals (already in leftCounts), the last first; returns the left weight then. */
function takeRowsBack(order: Uint32Array, from: number, to: number, y: Uint32Array, weight: Float64Array, leftCounts: Float64Array, nodeWeight: number): number {
  let sum = nodeWeight;
  for (let p = to - 1; p >= from; p--) {
    const i = order[p];
    leftCounts[y[i]] -= weight[i];
    sum -= weight[i];
  }
  return sum;
}

/** The rows at or below threshold, ascending, into byChild; returns how many. */
function rowsAtOrBelow(values: Float32Array, threshold: number, byChild: Uint32Array): number {
  let leftRows = 0;
  for (let from = 0, step = rowsPerCall(1); from < values.length; from += step) leftRows = rowsAtOrBelowIn(values, from, Math.min(values.length, from + step), threshold, byChild, leftRows);
  return leftRows;
}

/** The rows of [from, to) at or below threshold into byChild from `filled`; returns the count after them. */
function rowsAtOrBelowIn(values: Float32Array, from: number, to: number, threshold: number, byChild: Uint32Array, filled: number): number {
  let p = filled;
  for (let i = from; i < to; i++) if (values[i] <= threshold) byChild[p++] = i;
  return p;
}

/** The rows above threshold, ascending, into byChild from `filled`. */
function rowsAbove(values: Float32Array, threshold: number, byChild: Uint32Array, filled: number): void {
  let p = filled;
  for (let from = 0, step = rowsPerCall(1); from < values.length; from += step) p = rowsAboveIn(values, from, Math.min(values.length, from + step), threshold, byChild, p);
}

/** The rows of [from, to) above threshold into byChild from `filled`; returns the count after them. */
function rowsAboveIn(values: Float32Array, from: number, to: number, threshold: number, byChild: Uint32Array, filled: number): number {
  let p = filled;
  for (let i = from; i < to; i++) if (!(values[i] <= threshold)) byChild[p++] = i;
  return p;
}
