import { createRng, type Rng } from "../stats/rng.js";
import { FEATURE_THRESHOLD } from "./featureBins.js";
import type { Float32Columns } from "./float32Columns.js";
import type { ThresholdCriterion } from "./splitCriterion.js";
import { TreeBuffer, type FlatTree } from "./treeGrowth.js";

export interface ExtraTreeOptions {
  /** Features tried per node (scikit-learn's max_features), 1..cols. */
  readonly maxFeatures: number;
  readonly rng: Rng;
}

/** scikit-learn adds FEATURE_THRESHOLD to a float32 minimum in float32 arithmetic. */
const FEATURE_THRESHOLD_32 = Math.fround(FEATURE_THRESHOLD);

/**
 * Grows one extremely randomized tree, as scikit-learn's ExtraTreeClassifier / ExtraTreeRegressor
 * (splitter="random") with their defaults: no depth limit, min_samples_split 2, min_samples_leaf 1.
 * At each node every tried feature gets one threshold drawn uniformly between the node's smallest
 * and largest value of it, and the best of those thresholds by the criterion's proxy wins.
 *
 * Thresholds are drawn on the raw (float32-rounded) values, not on featureBins' bins: with more
 * than 256 distinct values a bin holds a run of values, and a threshold drawn between bin edges
 * could neither fall inside a bin nor follow a node's true range. Each tried feature costs two
 * passes over the node's rows (its range, then the threshold's score), as scikit-learn's splitter.
 *
 * Leaves as growTree: one row, impurity at most DBL_EPSILON, or every feature constant. Rows of
 * weight 0 are left out. Depth-first with an explicit stack, left child first.
 */
export function growExtraTree(columns: Float32Columns, criterion: ThresholdCriterion, options: ExtraTreeOptions): FlatTree {
  const n = columns.rows;
  const { weight } = criterion;
  if (weight.length !== n) throw new RangeError(`${n} rows but ${weight.length} weights`);
  const { maxFeatures, rng } = options;
  if (!Number.isInteger(maxFeatures) || maxFeatures < 1) throw new RangeError(`maxFeatures must be a positive integer, got ${maxFeatures}`);

  let size = 0;
  for (let i = 0; i < n; i++) if (weight[i] > 0) size++;
  if (size === 0) throw new RangeError("no row has a positive weight");
  const order = new Uint32Array(size);
  for (let i = 0, p = 0; i < n; i++) if (weight[i] > 0) order[p++] = i;

  // Unpruned extra trees grow to nearly one leaf per distinct row: room for all 2 size - 1 nodes
  // up front spares the buffer its doublings.
  const tree = new TreeBuffer(criterion.leafWidth, 2 * size - 1);
  const search = new RandomSplitSearch(columns, criterion, Math.min(maxFeatures, columns.cols), rng, size);
  const scratch = new Uint32Array(size);

  // Five numbers per pending node, as growTree: rows order[start, end), parent (-1 for the root),
  // whether it is the parent's left child, and how many features its ancestors found constant.
  const stack: number[] = [0, size, -1, 1, 0];
  while (stack.length > 0) {
    const knownConstants = stack.pop() as number;
    const isLeft = stack.pop() as number;
    const parent = stack.pop() as number;
    const end = stack.pop() as number;
    const start = stack.pop() as number;
    const node = tree.addNode(parent, isLeft === 1);

    const impurity = criterion.startNode(order, start, end);
    const found = end - start < 2 || impurity <= Number.EPSILON ? false : search.best(order, start, end, knownConstants);
    if (!found) {
      tree.setLeaf(node, criterion);
      continue;
    }
    const { feature, threshold } = search;
    tree.setSplit(node, feature, threshold);
    const middle = partitionByThreshold(order, scratch, start, end, columns.values, feature * n, threshold);
    stack.push(middle, end, node, 0, search.childConstants, start, middle, node, 1, search.childConstants);
  }
  return tree.finish();
}

/**
 * The trees of an extra-trees forest, as scikit-learn's ExtraTreesClassifier / Regressor grow them
 * (bootstrap=False): every tree on all the rows, from one random stream per tree drawn in order
 * from the forest's. No tree changes the criterion's weights, so one criterion serves them all.
 */
export function growExtraForest(columns: Float32Columns, count: number, maxFeatures: number, rng: Rng, criterion: ThresholdCriterion): FlatTree[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`the tree count must be a positive integer, got ${count}`);
  const trees: FlatTree[] = [];
  for (let t = 0; t < count; t++) trees.push(growExtraTree(columns, criterion, { maxFeatures, rng: createRng(rng.uint32()) }));
  return trees;
}

/** Stable in-place partition of order[start, end): rows whose value is at most threshold first. */
function partitionByThreshold(order: Uint32Array, scratch: Uint32Array, start: number, end: number, values: Float32Array, base: number, threshold: number): number {
  let write = start;
  let spill = 0;
  for (let p = start; p < end; p++) {
    const i = order[p];
    if (values[base + i] <= threshold) order[write++] = i;
    else scratch[spill++] = i;
  }
  order.set(scratch.subarray(0, spill), write);
  return write;
}

/**
 * One node's best random split, scikit-learn's RandomSplitter: features drawn in random order
 * without replacement, known and newly found constants handled exactly as growTree's SplitSearch
 * (and scikit-learn) do, one uniform threshold per non-constant feature, the first strictly best
 * proxy kept. A threshold that lands on the maximum is moved to the minimum, as scikit-learn does,
 * so both sides of every split are non-empty.
 */
class RandomSplitSearch {
  feature = -1;
  threshold = 0;
  childConstants = 0;
  private readonly features: Uint32Array;
  /** The tried feature's value of row order[p] at [p], for the node's positions. */
  private readonly nodeValues: Float32Array;

  constructor(
    private readonly columns: Float32Columns,
    private readonly criterion: ThresholdCriterion,
    private readonly maxFeatures: number,
    private readonly rng: Rng,
    size: number,
  ) {
    this.features = Uint32Array.from({ length: columns.cols }, (_, j) => j);
    this.nodeValues = new Float32Array(size);
  }

  /** Whether any split exists; if so it is in `feature` and `threshold`. */
  best(order: Uint32Array, start: number, end: number, knownConstants: number): boolean {
    const { features, maxFeatures, rng, criterion, nodeValues } = this;
    const { values, rows } = this.columns;
    const nFeatures = features.length;
    let bestProxy = -Infinity;
    this.feature = -1;
    let drawnKnown = 0;
    let foundConstants = 0;
    let evaluated = 0;
    let drawn = 0;
    for (;;) {
      const freshLeft = nFeatures - evaluated - knownConstants - foundConstants;
      if (freshLeft === 0 || (drawn >= maxFeatures && evaluated > 0)) break;
      drawn++;
      const knownLeft = knownConstants - drawnKnown;
      const pick = rng.int(knownLeft + freshLeft);
      if (pick < knownLeft) {
        drawnKnown++;
        continue;
      }
      const position = knownConstants + foundConstants + pick - knownLeft;
      const feature = features[position];
      const base = feature * rows;
      let min = values[base + order[start]];
      let max = min;
      for (let p = start; p < end; p++) {
        const v = values[base + order[p]];
        nodeValues[p] = v;
        if (v < min) min = v;
        else if (v > max) max = v;
      }
      if (max <= Math.fround(min + FEATURE_THRESHOLD_32)) {
        swap(features, position, knownConstants + foundConstants);
        foundConstants++;
        continue;
      }
      evaluated++;
      swap(features, position, nFeatures - evaluated);
      let threshold = (max - min) * rng.next() + min;
      if (threshold === max) threshold = min;
      const proxy = criterion.thresholdProxy(nodeValues, order, start, end, threshold);
      if (proxy > bestProxy) {
        bestProxy = proxy;
        this.feature = feature;
        this.threshold = threshold;
      }
    }
    this.childConstants = knownConstants + foundConstants;
    return this.feature >= 0;
  }
}

function swap(values: Uint32Array, a: number, b: number): void {
  const t = values[a];
  values[a] = values[b];
  values[b] = t;
}
