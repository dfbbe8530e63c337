import { createRng, type Rng } from "../stats/rng.js";
import type { Float32Columns } from "./float32Columns.js";
import type { LabelCounting, ThresholdCriterion } from "./splitCriterion.js";
import { extraTreeKernels, type ExtraTreeKernels } from "./extraTreeKernels.js";
import { countWeighted, fillWeightedRows, NODES_PER_CALL, TreeBuffer, type FlatTree } from "./treeGrowth.js";
import { nearBound } from "./featureBins.js";
import { twoValueCodes, type TwoValueCodes } from "./twoValueCodes.js";
import { holdShape } from "./heldShapes.js";

export interface ExtraTreeOptions {
  /** Features tried per node (scikit-learn's max_features), 1..cols. */
  readonly maxFeatures: number;
  readonly rng: Rng;
  /** false: every node by the JavaScript loops, the kernels' reference (default true). */
  readonly useKernels?: boolean;
}

/**
 * Grows one extremely randomized tree, as scikit-learn's ExtraTreeClassifier / ExtraTreeRegressor
 * (splitter="random") with their defaults: no depth limit, min_samples_split 2, min_samples_leaf 1.
 * At each node every tried feature gets one threshold drawn uniformly between the node's smallest
 * and largest value of it, and the best of those thresholds by the criterion's proxy wins.
 *
 * Thresholds are drawn on the raw (float32-rounded) values, not on featureBins' bins: with more
 * than 256 distinct values a bin holds a run of values, and a threshold drawn between bin edges
 * could neither fall inside a bin nor follow a node's true range. Each tried feature costs two
 * passes over the node's rows (its range, then the threshold's score), as scikit-learn's splitter,
 * except a feature of two values (twoValueCodes.ts), which costs one. The passes run as
 * WebAssembly kernels (extraTreeKernels.ts), the same numbers: credit.csv's ten folds of 100
 * trees 10.4 to 7.1 s.
 *
 * Leaves as growTree: one row, impurity at most DBL_EPSILON, or every feature constant. Rows of
 * weight 0 are left out. Depth-first with an explicit stack, left child first.
 */
export function growExtraTree(columns: Float32Columns, criterion: ThresholdCriterion, options: ExtraTreeOptions): FlatTree {
  return new ExtraTreeGrower(columns, criterion, options.maxFeatures, options.useKernels ?? true).grow(options.rng);
}

/**
 * The trees of an extra-trees forest, as scikit-learn's ExtraTreesClassifier / Regressor grow them
 * (bootstrap=False): every tree on all the rows, from one random stream per tree drawn in order
 * from the forest's. No tree changes the criterion's weights, so one criterion serves them all,
 * and one grower's buffers serve every tree.
 */
export function growExtraForest(columns: Float32Columns, count: number, maxFeatures: number, rng: Rng, criterion: ThresholdCriterion, useKernels = true): FlatTree[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`the tree count must be a positive integer, got ${count}`);
  const grower = new ExtraTreeGrower(columns, criterion, maxFeatures, useKernels);
  const trees: FlatTree[] = [];
  for (let t = 0; t < count; t++) trees.push(grower.grow(createRng(rng.uint32())));
  return trees;
}

/** What growing a tree needs beyond its random stream, made once and reused by every tree. */
class ExtraTreeGrower {
  private readonly order: Uint32Array;
  private readonly scratch: Uint32Array;
  private readonly tree: TreeBuffer;
  private readonly search: RandomSplitSearch;

  constructor(
    columns: Float32Columns,
    private readonly criterion: ThresholdCriterion,
    maxFeatures: number,
    useKernels: boolean,
  ) {
    const n = columns.rows;
    const { weight } = criterion;
    if (weight.length !== n) throw new RangeError(`${n} rows but ${weight.length} weights`);
    if (!Number.isInteger(maxFeatures) || maxFeatures < 1) throw new RangeError(`maxFeatures must be a positive integer, got ${maxFeatures}`);
    const size = countWeighted(weight);
    if (size === 0) throw new RangeError("no row has a positive weight");
    const kernels = useKernels ? extraTreeKernels(columns.values, n, size) : null;
    const counting = kernels === null ? null : criterion.labelCounting;
    if (kernels !== null) counting?.keepNodeLabelsIn(kernels.nodeLabels);
    this.order = kernels?.order ?? new Uint32Array(size);
    this.scratch = kernels?.scratch ?? new Uint32Array(size);
    // Unpruned extra trees grow to nearly one leaf per distinct row: room for all 2 size - 1 nodes
    // up front spares the buffer its doublings.
    this.tree = new TreeBuffer(criterion.leafWidth, 2 * size - 1);
    this.search = new RandomSplitSearch(columns, twoValueCodes(columns), criterion, Math.min(maxFeatures, columns.cols), size, kernels, counting);
    holdShape(this);
  }

  grow(rng: Rng): FlatTree {
    const { order, scratch, tree, search, criterion } = this;
    const { weight } = criterion;
    fillWeightedRows(weight, order);
    tree.reset();
    search.reset(rng);
    // Five numbers per pending node, as growTree: rows order[start, end), parent (-1 for the root),
    // whether it is the parent's left child, and how many features its ancestors found constant.
    const stack: number[] = [0, order.length, -1, 1, 0];
    while (stack.length > 0) growRandomNodes(criterion, search, tree, order, scratch, stack);
    return tree.finish();
  }
}

/**
 * Grows up to NODES_PER_CALL nodes into `tree` (treeGrowth.ts says why so few a call),
 * depth-first, taking them off `stack` and pushing their children.
 */
function growRandomNodes(criterion: ThresholdCriterion, search: RandomSplitSearch, tree: TreeBuffer, order: Uint32Array, scratch: Uint32Array, stack: number[]): void {
  for (let grown = 0; grown < NODES_PER_CALL && stack.length > 0; grown++) {
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
    const middle = search.partition(order, scratch, start, end);
    stack.push(middle, end, node, 0, search.childConstants, start, middle, node, 1, search.childConstants);
  }
}

/**
 * Stable in-place partition of order[start, end): rows whose value is at most `threshold` first,
 * row order[p]'s value being values[p]. Branch-free, since a random threshold makes the branch a
 * coin toss: each row is written to both sides and only the side it belongs to advances.
 */
function partitionByValue(order: Uint32Array, scratch: Uint32Array, start: number, end: number, values: Float32Array, threshold: number): number {
  let write = start;
  let spill = 0;
  for (let p = start; p < end; p++) {
    const i = order[p];
    const left = +(values[p] <= threshold);
    order[write] = i;
    scratch[spill] = i;
    write += left;
    spill += 1 - left;
  }
  // A loop, not order.set(scratch.subarray(...)): a view per node costs an allocation.
  for (let k = 0; k < spill; k++) order[write + k] = scratch[k];
  return write;
}

/** partitionByValue for a two-valued feature: rows of code 0 (its lower value) first. */
function partitionByCode(order: Uint32Array, scratch: Uint32Array, start: number, end: number, codes: Uint8Array, base: number): number {
  let write = start;
  let spill = 0;
  for (let p = start; p < end; p++) {
    const i = order[p];
    const right = codes[base + i];
    order[write] = i;
    scratch[spill] = i;
    write += 1 - right;
    spill += right;
  }
  // A loop, not order.set(scratch.subarray(...)): a view per node costs an allocation.
  for (let k = 0; k < spill; k++) order[write + k] = scratch[k];
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
  private rng: Rng | null = null;
  private readonly features: Uint32Array;
  /**
   * Two buffers of a feature's value of row order[p] at [p], for the node's positions: the tried
   * feature's values are gathered into one, and when it becomes the best the buffers trade
   * places, so that the partition reads the best feature's values in node order instead of
   * gathering them again.
   */
  private tried: Float32Array;
  private bestValues: Float32Array;
  /** A tried feature's smallest and largest value in the node. */
  private readonly extent = new Float64Array(2);

  constructor(
    private readonly columns: Float32Columns,
    private readonly twoValued: TwoValueCodes,
    private readonly criterion: ThresholdCriterion,
    private readonly maxFeatures: number,
    size: number,
    /** The passes over a node's rows, and the counts behind the proxies when `counting`. */
    private readonly kernels: ExtraTreeKernels | null,
    private readonly counting: LabelCounting | null,
  ) {
    this.features = new Uint32Array(columns.cols);
    this.tried = kernels?.tried ?? new Float32Array(size);
    this.bestValues = kernels?.bestValues ?? new Float32Array(size);
    holdShape(this);
  }

  /** Starts a tree: its random stream, and the features in their first order. */
  reset(rng: Rng): void {
    this.rng = rng;
    const { features } = this;
    for (let j = 0; j < features.length; j++) features[j] = j;
  }

  /** Whether any split exists; if so it is in `feature` and `threshold`. */
  best(order: Uint32Array, start: number, end: number, knownConstants: number): boolean {
    const { features, maxFeatures, criterion } = this;
    let tried = this.tried;
    let bestValues = this.bestValues;
    const rng = this.rng as Rng;
    const { values, rows } = this.columns;
    const { twoValued, codes, low, high } = this.twoValued;
    const extent = this.extent;
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
      let min: number;
      let max: number;
      let constant: boolean;
      const isTwoValued = twoValued[feature] === 1;
      if (isTwoValued) {
        const highRows = criterion.twoValuedSplit(codes, base, order, start, end);
        min = low[feature];
        max = high[feature];
        constant = highRows === 0 || highRows === end - start;
      } else {
        this.gather(feature, values, base, order, start, end, tried);
        min = extent[0];
        max = extent[1];
        constant = max <= nearBound(min);
      }
      if (constant) {
        swap(features, position, knownConstants + foundConstants);
        foundConstants++;
        continue;
      }
      evaluated++;
      swap(features, position, nFeatures - evaluated);
      let threshold = (max - min) * rng.next() + min;
      if (threshold === max) threshold = min;
      const proxy = isTwoValued ? criterion.twoValuedProxy() : this.thresholdProxy(tried, order, start, end, threshold);
      if (proxy > bestProxy) {
        bestProxy = proxy;
        this.feature = feature;
        this.threshold = threshold;
        if (!isTwoValued) {
          const t = bestValues;
          bestValues = tried;
          tried = t;
        }
      }
    }
    this.tried = tried;
    this.bestValues = bestValues;
    this.childConstants = knownConstants + foundConstants;
    return this.feature >= 0;
  }

  /** Partitions the node's rows by the split `best` found; returns where the right child starts. */
  partition(order: Uint32Array, scratch: Uint32Array, start: number, end: number): number {
    const { feature, threshold, kernels } = this;
    if (this.twoValued.twoValued[feature] === 1) return partitionByCode(order, scratch, start, end, this.twoValued.codes, feature * this.columns.rows);
    if (kernels !== null) return kernels.partition(this.bestValues, start, end, threshold);
    return partitionByValue(order, scratch, start, end, this.bestValues, threshold);
  }

  /** The node's values of a feature into tried[start, end) and their extent into `extent`. */
  private gather(feature: number, values: Float32Array, base: number, order: Uint32Array, start: number, end: number, tried: Float32Array): void {
    const { kernels, extent } = this;
    if (kernels === null) {
      gatherNodeValues(values, base, order, start, end, tried, extent);
      return;
    }
    kernels.gather(feature, tried, start, end);
    extent[0] = kernels.extent[0];
    extent[1] = kernels.extent[1];
  }

  /** The criterion's thresholdProxy, from a kernel's counts when the criterion takes counts. */
  private thresholdProxy(tried: Float32Array, order: Uint32Array, start: number, end: number, threshold: number): number {
    const { kernels, counting } = this;
    if (kernels === null || counting === null) return this.criterion.thresholdProxy(tried, order, start, end, threshold);
    kernels.count(tried, start, end, threshold);
    return counting.countedProxy(kernels.counts[0], kernels.counts[1]);
  }
}

/**
 * The node's values of a feature into tried[start, end), in row order, and their smallest and
 * largest into extent. A function of its own: V8 compiles the loop on the stack in a first call
 * at the root, and `best` compiled with it was thrown away at the code after the loop, which had
 * not run yet (eight compilations of `best` in a child's first folds). For the same reason extent
 * is written before the loop and within it, as min and max change, and nothing follows the loop:
 * stores after it were thrown away at every call of the first fold (two thousand times).
 */
function gatherNodeValues(values: Float32Array, base: number, order: Uint32Array, start: number, end: number, tried: Float32Array, extent: Float64Array): void {
  let min = values[base + order[start]];
  let max = min;
  extent[0] = min;
  extent[1] = max;
  for (let p = start; p < end; p++) {
    const v = values[base + order[p]];
    tried[p] = v;
    if (v < min) extent[0] = min = v;
    else if (v > max) extent[1] = max = v;
  }
}

function swap(values: Uint32Array, a: number, b: number): void {
  const t = values[a];
  values[a] = values[b];
  values[b] = t;
}
