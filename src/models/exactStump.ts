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
  let count = 0;
  for (let j = 0; j < cols; j++) for (let b = 1; b < rows; b++) if (sorted[j * rows + b] > nearBound(sorted[j * rows + b - 1])) count++;
  const boundaries = new Int32Array(count);
  count = 0;
  for (let j = 0; j < cols; j++) {
    boundaryStart[j] = count;
    for (let b = 1; b < rows; b++) if (sorted[j * rows + b] > nearBound(sorted[j * rows + b - 1])) boundaries[count++] = b;
  }
  boundaryStart[cols] = count;
  return { columns, boundaryStart, boundaries };
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
  fillRowOrder(all);
  const tree = new TreeBuffer(K, 3);
  const root = tree.addNode(-1, true);
  const impurity = criterion.startNode(all, 0, rows);
  const best = rows < 2 || impurity <= PURE ? null : bestSplit(features, y, K, weight, criterion.nodeWeight, rng);
  if (best === null) {
    tree.setLeaf(root, criterion);
    return tree.finish();
  }
  tree.setSplit(root, best.feature, best.threshold);
  // Each child's class fractions summed over its rows in row order, as growTree's leaves are.
  const values = columns.values.subarray(best.feature * rows, (best.feature + 1) * rows);
  const byChild = new Uint32Array(rows);
  const leftRows = rowsByChild(values, best.threshold, byChild);
  for (const [start, end, isLeft] of [[0, leftRows, true], [leftRows, rows, false]] as const) {
    const node = tree.addNode(root, isLeft);
    criterion.startNode(byChild, start, end);
    tree.setLeaf(node, criterion);
  }
  return tree.finish();
}

interface Split {
  readonly feature: number;
  readonly threshold: number;
}

/**
 * The best split over every feature, or null when every feature is constant. The node's totals
 * are summed in row order and each side's proxy computed as GiniCriterion's; the left side's
 * counts move from one split rank to the next as scikit-learn's criterion moves them: adding the
 * rows passed, or, when fewer rows lie beyond the new rank than between the two, starting again
 * from the totals and taking away the rows beyond it, from the last one down. A two-valued
 * (one-hot) feature thus costs its rarer value's rows only.
 */
function bestSplit(features: StumpColumns, y: Uint32Array, K: number, weight: Float64Array, nodeWeight: number, rng: Rng): Split | null {
  const { boundaryStart, boundaries, columns } = features;
  const { rows, cols, order, sorted } = columns;
  const total = classTotals(y, weight, K, rows);
  const leftCounts = new Float64Array(K);
  const drawOrder = Uint32Array.from({ length: cols }, (_, j) => j);
  let bestProxy = -Infinity;
  let bestFeature = -1;
  let bestThreshold = 0;
  let constants = 0;
  let evaluated = 0;
  while (cols - evaluated - constants > 0) {
    const position = constants + rng.int(cols - evaluated - constants);
    const feature = drawOrder[position];
    const first = boundaryStart[feature];
    const last = boundaryStart[feature + 1];
    if (first === last) {
      swap(drawOrder, position, constants++);
      continue;
    }
    evaluated++;
    swap(drawOrder, position, cols - evaluated);
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
        bestFeature = feature;
        const here = sorted[base + b - 1];
        const next = sorted[base + b];
        const mid = here / 2 + next / 2;
        bestThreshold = mid === next || !Number.isFinite(mid) ? here : mid;
      }
    }
  }
  return bestFeature < 0 ? null : { feature: bestFeature, threshold: bestThreshold };
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

function fillRowOrder(all: Uint32Array): void {
  for (let i = 0; i < all.length; i++) all[i] = i;
}

/** The rows at or below threshold, then the others, each ascending, into byChild; returns how many are at or below. */
function rowsByChild(values: Float32Array, threshold: number, byChild: Uint32Array): number {
  let leftRows = 0;
  for (let i = 0; i < values.length; i++) if (values[i] <= threshold) byChild[leftRows++] = i;
  for (let i = 0, p = leftRows; i < values.length; i++) if (!(values[i] <= threshold)) byChild[p++] = i;
  return leftRows;
}
