import { fillRowOrder } from "../stats/rowOrder.js";
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
  // The loops over a column's rows are functions of their own (see classTotals).
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
  for (let b = 1; b < rows; b++) if (sorted[base + b] > nearBound(sorted[base + b - 1])) n++;
  return n;
}

/** The split ranks of the column sorted[base, base + rows) into boundaries from `count`; returns the count after them. */
function listBoundaries(sorted: Float32Array, base: number, rows: number, boundaries: Int32Array, count: number): number {
  let n = count;
  for (let b = 1; b < rows; b++) if (sorted[base + b] > nearBound(sorted[base + b - 1])) boundaries[n++] = b;
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
 * is constant). V8 compiles bestSplit on the stack in its first call, before a new best (rare
 * after the first few) has run: computing the threshold there, and returning an object after the
 * loops, threw that code away, so a new best costs two moves and the answer is a number. It takes
 * arrays, not the StumpColumns object, so that its code does not depend on the shape of objects
 * that other models' objects share and change (bestSplit was compiled five or six times in a
 * child's first folds). The node's totals
 * are summed in row order and each side's proxy computed as GiniCriterion's; the left side's
 * counts move from one split rank to the next as scikit-learn's criterion moves them: adding the
 * rows passed, or, when fewer rows lie beyond the new rank than between the two, starting again
 * from the totals and taking away the rows beyond it, from the last one down. A two-valued
 * (one-hot) feature thus costs its rarer value's rows only.
 */
function bestSplit(order: Uint32Array, rows: number, boundaryStart: Int32Array, boundaries: Int32Array, drawn: Uint32Array, drawnCount: number, y: Uint32Array, K: number, weight: Float64Array, nodeWeight: number): number {
  const total = classTotals(y, weight, K, rows);
  const leftCounts = new Float64Array(K);
  let bestProxy = -Infinity;
  let bestBoundary = -1;
  for (let d = 0; d < drawnCount; d++) {
    const feature = drawn[d];
    const first = boundaryStart[feature];
    const last = boundaryStart[feature + 1];
    const base = feature * rows;
    leftCounts.fill(0);
    let leftWeight = 0;
    let pos = 0;
    for (let k = first; k < last; k++) {
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
  }
  return bestBoundary;
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
 * Each class's weight over every row, in row order. This and the other loops over the rows are
 * functions of their own: V8 compiles a long loop met in a first call on the stack and throws the
 * compiled code away where it reaches code after the loop that has not run yet, so bestSplit and
 * growStump, holding them, were compiled whole four to six times in a child's first folds.
 */
function classTotals(y: Uint32Array, weight: Float64Array, K: number, rows: number): Float64Array {
  const total = new Float64Array(K);
  for (let i = 0; i < rows; i++) total[y[i]] += weight[i];
  return total;
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

/**
 * The rows at or below threshold, ascending, into byChild; returns how many. This and rowsAbove
 * are two functions, not one with two loops, for the reason classTotals gives (the second loop
 * had not run when V8 compiled the first on the stack, and that code was thrown away at every
 * stump of a child's first fold).
 */
function rowsAtOrBelow(values: Float32Array, threshold: number, byChild: Uint32Array): number {
  let leftRows = 0;
  for (let i = 0; i < values.length; i++) if (values[i] <= threshold) byChild[leftRows++] = i;
  return leftRows;
}

/** The rows above threshold, ascending, into byChild from `from`. */
function rowsAbove(values: Float32Array, threshold: number, byChild: Uint32Array, from: number): void {
  for (let i = 0, p = from; i < values.length; i++) if (!(values[i] <= threshold)) byChild[p++] = i;
}
