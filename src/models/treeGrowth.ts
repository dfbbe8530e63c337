import type { Rng } from "../stats/rng.js";
import type { Matrix } from "../stats/matrix.js";
import { MAX_BINS, nearBound, splitThreshold, type FeatureBins } from "./featureBins.js";
import { NO_CUT, SplitChoice, type SplitCriterion } from "./splitCriterion.js";
import { grownFloat64, grownInt32 } from "./grownArrays.js";
import { FeatureValueError, FLOAT32_NEEDED } from "../stats/featureValueError.js";
import { rowsPerCall } from "../stats/rowBlocks.js";
import { holdShape } from "./heldShapes.js";

/**
 * A grown tree in flat typed arrays. Node 0 is the root; feature -1 marks a leaf, whose values
 * (class fractions, or a regression tree's one mean) are values[valueOffset[node] .. + leafWidth].
 */
export interface FlatTree {
  readonly nodeCount: number;
  /** Values per leaf: nClasses for a classification tree, 1 for a regression tree. */
  readonly leafWidth: number;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly valueOffset: Int32Array;
  readonly values: Float64Array;
}

export interface GrowOptions {
  /** Features tried per node (scikit-learn's max_features), 1..cols. */
  readonly maxFeatures: number;
  readonly rng: Rng;
  /** scikit-learn's max_depth: nodes at this depth (the root is at 0) become leaves; default none. */
  readonly maxDepth?: number;
}

/** scikit-learn's EPSILON for "this node is pure": DBL_EPSILON. */
export const PURE = Number.EPSILON;

/**
 * Grows one tree with scikit-learn's defaults (best split, min_samples_split 2, min_samples_leaf 1,
 * no depth limit unless options.maxDepth) on pre-binned features, scoring splits with the given criterion (gini for
 * classification, squared error for regression) and its per-row weights (bootstrap counts; rows
 * of weight 0 are left out, as scikit-learn's splitter does). A node becomes a leaf when it has
 * one row, when its impurity is at most DBL_EPSILON, or when every feature is constant on it.
 *
 * Depth-first with an explicit stack (left child first, as scikit-learn's builder), so deep trees
 * on many rows cannot overflow the call stack.
 */
export function growTree(bins: FeatureBins, criterion: SplitCriterion, options: GrowOptions): FlatTree {
  const n = bins.rows;
  const nFeatures = bins.cols;
  const { weight } = criterion;
  if (weight.length !== n) throw new RangeError(`${n} binned rows but ${weight.length} weights`);
  const { maxFeatures, rng } = options;
  if (!Number.isInteger(maxFeatures) || maxFeatures < 1) throw new RangeError(`maxFeatures must be a positive integer, got ${maxFeatures}`);
  const maxDepth = options.maxDepth ?? Infinity;
  if (maxDepth !== Infinity && (!Number.isInteger(maxDepth) || maxDepth < 1)) throw new RangeError(`maxDepth must be a positive integer, got ${maxDepth}`);

  const size = countWeighted(weight);
  if (size === 0) throw new RangeError("no row has a positive weight");
  const order = new Uint32Array(size);
  fillWeightedRows(weight, order);

  const tree = new TreeBuffer(criterion.leafWidth, Math.min(2 * size - 1, 1023));
  criterion.reserveBins(bins.widest);
  const search = new SplitSearch(bins, criterion, Math.min(maxFeatures, nFeatures), rng, size);
  const scratch = new Uint32Array(size);
  // Six numbers per pending node: rows order[start, end), parent node (-1 for the root), whether
  // it is the parent's left child, how many features its ancestors found constant, and its depth.
  const stack: number[] = [0, size, -1, 1, 0, 0];
  while (stack.length > 0) growNodes(bins, criterion, search, tree, order, scratch, maxDepth, stack);
  return tree.finish();
}

/**
 * Nodes grown per call of growNodes or of the extra trees' growRandomNodes, for the reason
 * rowBlocks.ts's CALL_STEPS gives: a decision tree grows thousands of nodes once per fit.
 */
export const NODES_PER_CALL = 32;

/**
 * Grows up to NODES_PER_CALL nodes into `tree`, depth-first, taking them off `stack` (six numbers
 * a pending node) and pushing their children.
 */
function growNodes(bins: FeatureBins, criterion: SplitCriterion, search: SplitSearch, tree: TreeBuffer, order: Uint32Array, scratch: Uint32Array, maxDepth: number, stack: number[]): void {
  const n = bins.rows;
  for (let grown = 0; grown < NODES_PER_CALL && stack.length > 0; grown++) {
    const depth = stack.pop() as number;
    const knownConstants = stack.pop() as number;
    const isLeft = stack.pop() as number;
    const parent = stack.pop() as number;
    const end = stack.pop() as number;
    const start = stack.pop() as number;
    const node = tree.addNode(parent, isLeft === 1);

    const impurity = criterion.startNode(order, start, end);
    const found = depth >= maxDepth || end - start < 2 || impurity <= PURE ? false : search.best(order, start, end, knownConstants);
    if (!found) {
      tree.setLeaf(node, criterion);
      continue;
    }
    const { feature, leftBin, rightBin } = search.choice;
    tree.setSplit(node, feature, splitThreshold(bins, feature, leftBin, rightBin));
    const column = bins.rankColumn[feature];
    const middle = column < 0 ? partitionRows(order, scratch, start, end, bins.codes, feature * n, leftBin) : partitionRanks(order, scratch, start, end, bins.ranks, column * n, leftBin);
    // Pushed right first so the left subtree is grown first.
    stack.push(middle, end, node, 0, search.childConstants, depth + 1, start, middle, node, 1, search.childConstants, depth + 1);
  }
}

/**
 * How many rows have a positive weight. The passes over every row that start a tree run a block
 * of rows per call (rowBlocks.ts's CALL_STEPS).
 */
export function countWeighted(weight: Float64Array): number {
  let size = 0;
  for (let from = 0, step = rowsPerCall(1); from < weight.length; from += step) size += countWeightedRange(weight, from, Math.min(weight.length, from + step));
  return size;
}

function countWeightedRange(weight: Float64Array, from: number, to: number): number {
  let size = 0;
  for (let i = from; i < to; i++) if (weight[i] > 0) size++;
  return size;
}

/** The rows of positive weight, ascending, into order (countWeighted(weight) long). */
export function fillWeightedRows(weight: Float64Array, order: Uint32Array): void {
  let filled = 0;
  for (let from = 0, step = rowsPerCall(1); from < weight.length; from += step) filled = fillWeightedRange(weight, from, Math.min(weight.length, from + step), order, filled);
}

/** The rows of [from, to) of positive weight into order from `filled` on; returns the count after them. */
function fillWeightedRange(weight: Float64Array, from: number, to: number, order: Uint32Array, filled: number): number {
  let p = filled;
  for (let i = from; i < to; i++) if (weight[i] > 0) order[p++] = i;
  return p;
}

/** Steps a row takes down a deep tree, about, for rowsPerCall: a prediction's walks run a block of rows per call (rowBlocks.ts's CALL_STEPS). */
const WALK_STEPS = 16;

/**
 * Adds `scale` times each row's leaf values into out (rows x leafWidth). Values are rounded to
 * float32 before the comparison, as scikit-learn casts X before predicting.
 */
export function addLeafValues(tree: FlatTree, X: Matrix, out: Float64Array, scale: number): void {
  const { rows, cols, data } = X;
  const { feature, threshold, left, right, valueOffset, values, leafWidth } = tree;
  // A walk takes at most (nodes - 1) / 2 steps: a stump's one.
  const walk = Math.min(WALK_STEPS, (tree.nodeCount - 1) >>> 1);
  addLeafValueRange(data, cols, 0, rows, rowsPerCall(walk + leafWidth), feature, threshold, left, right, valueOffset, values, leafWidth, out, scale);
}

/** addLeafValues for rows [from, to), halved down to `most` rows a call (a loop over blocks of a few rows would itself run long). */
function addLeafValueRange(
  data: Float64Array,
  cols: number,
  from: number,
  to: number,
  most: number,
  feature: Int32Array,
  threshold: Float64Array,
  left: Int32Array,
  right: Int32Array,
  valueOffset: Int32Array,
  values: Float64Array,
  leafWidth: number,
  out: Float64Array,
  scale: number,
): void {
  if (to - from > most) {
    const middle = (from + to) >>> 1;
    addLeafValueRange(data, cols, from, middle, most, feature, threshold, left, right, valueOffset, values, leafWidth, out, scale);
    addLeafValueRange(data, cols, middle, to, most, feature, threshold, left, right, valueOffset, values, leafWidth, out, scale);
    return;
  }
  for (let i = from; i < to; i++) {
    const base = i * cols;
    let node = 0;
    for (let f = feature[0]; f >= 0; f = feature[node]) {
      node = Math.fround(data[base + f]) <= threshold[node] ? left[node] : right[node];
    }
    const offset = valueOffset[node];
    for (let c = 0; c < leafWidth; c++) out[i * leafWidth + c] += scale * values[offset + c];
  }
}

/**
 * Stable in-place partition of order[start, end): rows whose byte code is at most leftBin first.
 * Stable so that rows stay in ascending order, which keeps the histogram passes cache-friendly.
 */
function partitionRows(order: Uint32Array, scratch: Uint32Array, start: number, end: number, codes: Uint8Array, base: number, leftBin: number): number {
  let write = start;
  let spill = 0;
  // Branch-free: each row is written to both sides and only the side it belongs to advances.
  for (let p = start; p < end; p++) {
    const i = order[p];
    const left = +(codes[base + i] <= leftBin);
    order[write] = i;
    scratch[spill] = i;
    write += left;
    spill += 1 - left;
  }
  // A loop, not order.set(scratch.subarray(...)): a view per node costs an allocation.
  for (let k = 0; k < spill; k++) order[write + k] = scratch[k];
  return write;
}

/**
 * partitionRows on rank codes. A copy rather than one function over Uint8Array | Uint32Array:
 * reading two kinds of typed array at one site makes V8's element access polymorphic, and the
 * byte-coded features, the common case, paid for it at every node.
 */
function partitionRanks(order: Uint32Array, scratch: Uint32Array, start: number, end: number, ranks: Uint32Array, base: number, leftBin: number): number {
  let write = start;
  let spill = 0;
  for (let p = start; p < end; p++) {
    const i = order[p];
    const left = +(ranks[base + i] <= leftBin);
    order[write] = i;
    scratch[spill] = i;
    write += left;
    spill += 1 - left;
  }
  for (let k = 0; k < spill; k++) order[write + k] = scratch[k];
  return write;
}

/**
 * One node's best split, scikit-learn's BestSplitter on histograms. Features are drawn in a
 * random order without replacement; drawing stops once maxFeatures have been drawn and at least
 * one of them was not constant in the node, so constant features count as drawn but never end the
 * search empty-handed. Features an ancestor found constant are skipped without a histogram, as
 * scikit-learn does. The first strictly best proxy wins, so ties go to the earlier drawn feature
 * and then to the lower threshold.
 */
class SplitSearch {
  readonly choice = new SplitChoice();
  /** Constants known to the children: the node's inherited ones plus those it found. */
  childConstants = 0;

  /**
   * A permutation of the features. For a node with k known constants, features[0, k) are the
   * constants its ancestors found; the node only reorders features[k, cols), so its siblings'
   * prefix is intact when their turn comes.
   */
  private readonly features: Uint32Array;
  /** The bins a node's rows occupy in a byte-coded feature, ascending, and a 256-bit set used to list them. */
  private readonly occupied = new Uint32Array(MAX_BINS);
  private readonly occupiedSet = new Int32Array(MAX_BINS / 32);
  /** The bins a node's rows occupy in a rank-coded feature (one per row at most), and a bit set to list them. */
  private readonly occupiedRanks: Uint32Array;
  private readonly rankSet: Int32Array;

  constructor(
    private readonly bins: FeatureBins,
    private readonly criterion: SplitCriterion,
    private readonly maxFeatures: number,
    private readonly rng: Rng,
    rows: number,
  ) {
    this.features = Uint32Array.from({ length: bins.cols }, (_, j) => j);
    const wide = bins.ranks.length > 0;
    this.occupiedRanks = new Uint32Array(wide ? rows : 0);
    this.rankSet = new Int32Array(wide ? Math.ceil(bins.widest / 32) : 0);
    holdShape(this);
  }

  /** Whether any split exists; if so its feature and bins are in `choice`. */
  best(order: Uint32Array, start: number, end: number, knownConstants: number): boolean {
    const { features, maxFeatures, rng, criterion, choice } = this;
    const nFeatures = features.length;
    const { codes, rows, binCount, ranks, rankColumn, near } = this.bins;
    choice.reset();
    let drawnKnown = 0;
    let foundConstants = 0;
    let evaluated = 0;
    let drawn = 0;
    for (;;) {
      // Undrawn features not known constant live in features[knownConstants + foundConstants, nFeatures - evaluated).
      const freshLeft = nFeatures - evaluated - knownConstants - foundConstants;
      if (freshLeft === 0 || (drawn >= maxFeatures && evaluated > 0)) break;
      drawn++;
      const knownLeft = knownConstants - drawnKnown;
      const pick = rng.int(knownLeft + freshLeft);
      if (pick < knownLeft) {
        // Which known constant it was does not matter: it is skipped all the same.
        drawnKnown++;
        continue;
      }
      const position = knownConstants + foundConstants + pick - knownLeft;
      const feature = features[position];
      const column = rankColumn[feature];
      let constantBin = -1;
      if (column < 0) {
        const range = binCount[feature] === 2 ? criterion.twoBinHistogram(codes, feature * rows, order, start, end) : criterion.histogram(codes, feature * rows, order, start, end);
        const lowBin = range & 0xff;
        const highBin = range >>> 8;
        if (lowBin === highBin) {
          constantBin = lowBin;
        } else {
          const count = this.listOccupied(feature, order, start, end, lowBin, highBin);
          if (near[feature] === 1 && this.markNear(feature, this.occupied, count)) constantBin = lowBin;
          else criterion.scan(feature, this.occupied, count, choice);
        }
      } else {
        const count = criterion.rankHistogram(ranks, column * rows, order, start, end, this.occupiedRanks);
        if (count === 1) {
          constantBin = this.occupiedRanks[0];
        } else {
          this.sortRanks(count);
          if (near[feature] === 1 && this.markNear(feature, this.occupiedRanks, count)) constantBin = this.occupiedRanks[0];
          else criterion.scan(feature, this.occupiedRanks, count, choice);
        }
      }
      if (constantBin >= 0) {
        criterion.clearBin(constantBin);
        swap(features, position, knownConstants + foundConstants);
        foundConstants++;
        continue;
      }
      evaluated++;
      swap(features, position, nFeatures - evaluated);
    }
    this.childConstants = knownConstants + foundConstants;
    return choice.feature >= 0;
  }

  /**
   * scikit-learn's rule between the neighbouring values a node holds of a near feature (one value
   * a bin): true when they all lie within FEATURE_THRESHOLD of the smallest (the feature is
   * constant in the node; every listed bin is cleared), else each bin within it of the bin before
   * is marked NO_CUT for the scan.
   */
  private markNear(feature: number, list: Uint32Array, count: number): boolean {
    const { low, high, binStart } = this.bins;
    const base = binStart[feature];
    if (low[base + list[count - 1]] <= nearBound(high[base + list[0]])) {
      for (let k = 0; k < count; k++) this.criterion.clearBin(list[k]);
      return true;
    }
    for (let k = count - 1; k > 0; k--) if (low[base + list[k]] <= nearBound(high[base + list[k - 1]])) list[k] = list[k] | NO_CUT;
    return false;
  }

  /**
   * Lists the occupied bins in ascending order into `occupied`, returning how many. Walking the
   * whole low..high range costs up to 256 steps, which would dominate small deep nodes, so nodes
   * with few rows mark their bins in a bit set instead and read them back lowest first.
   */
  private listOccupied(feature: number, order: Uint32Array, start: number, end: number, lowBin: number, highBin: number): number {
    const { occupied } = this;
    const { binWeight } = this.criterion;
    let count = 0;
    if (highBin - lowBin < 2 * (end - start)) {
      for (let b = lowBin; b <= highBin; b++) if (binWeight[b] !== 0) occupied[count++] = b;
      return count;
    }
    const set = this.occupiedSet;
    const codes = this.bins.codes;
    const base = feature * this.bins.rows;
    for (let p = start; p < end; p++) {
      const b = codes[base + order[p]];
      set[b >>> 5] |= 1 << (b & 31);
    }
    return readBitSet(set, lowBin, highBin, occupied);
  }

  /**
   * Puts the `count` ranks rankHistogram listed (in the order first met) in ascending order
   * without walking the ranks the node's rows span, which deep down are thousands for a few
   * rows: a few ranks by insertion, more through a bit set of the span (a word per 32 ranks),
   * or a sort when even the bit set would be long for the ranks it holds.
   */
  private sortRanks(count: number): void {
    const ranks = this.occupiedRanks;
    if (count <= 16) {
      for (let k = 1; k < count; k++) {
        const r = ranks[k];
        let at = k;
        for (; at > 0 && ranks[at - 1] > r; at--) ranks[at] = ranks[at - 1];
        ranks[at] = r;
      }
      return;
    }
    let low = ranks[0];
    let high = ranks[0];
    for (let k = 1; k < count; k++) {
      const r = ranks[k];
      low = Math.min(low, r);
      high = Math.max(high, r);
    }
    if (high - low > RANK_SET_SPAN * count) {
      ranks.subarray(0, count).sort();
      return;
    }
    const set = this.rankSet;
    for (let k = 0; k < count; k++) set[ranks[k] >>> 5] |= 1 << (ranks[k] & 31);
    readBitSet(set, low, high, ranks);
  }
}

/**
 * Reads the bits set in set's words from the one holding bit `low` to the one holding `high`
 * into `out`, ascending, zeroing the words; returns how many.
 */
function readBitSet(set: Int32Array, low: number, high: number, out: Uint32Array): number {
  let count = 0;
  for (let word = low >>> 5; word <= high >>> 5; word++) {
    let bits = set[word];
    set[word] = 0;
    while (bits !== 0) {
      const lowest = bits & -bits;
      out[count++] = (word << 5) | (31 - Math.clz32(lowest));
      bits ^= lowest;
    }
  }
  return count;
}

/**
 * Occupied ranks are read back from a bit set while their span is at most this many times their
 * count (eight words of the set a rank), and sorted beyond.
 */
const RANK_SET_SPAN = 256;

export function swap(values: Uint32Array, a: number, b: number): void {
  const t = values[a];
  values[a] = values[b];
  values[b] = t;
}

/** Growable flat node arrays; leaves alone carry values, so internal nodes cost no leafWidth-wide row. */
export class TreeBuffer {
  private count = 0;
  private leaves = 0;
  private feature: Int32Array;
  private threshold: Float64Array;
  private left: Int32Array;
  private right: Int32Array;
  private valueOffset: Int32Array;
  private values: Float64Array;

  constructor(
    private readonly leafWidth: number,
    capacity: number,
  ) {
    this.feature = new Int32Array(capacity);
    this.threshold = new Float64Array(capacity);
    this.left = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.valueOffset = new Int32Array(capacity);
    this.values = new Float64Array(((capacity + 1) >>> 1) * leafWidth);
    holdShape(this);
  }

  /** Empties the buffer for the next tree, keeping its arrays. */
  reset(): void {
    this.count = 0;
    this.leaves = 0;
  }

  addNode(parent: number, isLeft: boolean): number {
    if (this.count === this.feature.length) this.grow();
    const node = this.count++;
    if (parent >= 0) {
      if (isLeft) this.left[parent] = node;
      else this.right[parent] = node;
    }
    this.feature[node] = -1;
    this.left[node] = -1;
    this.right[node] = -1;
    this.valueOffset[node] = -1;
    return node;
  }

  setSplit(node: number, feature: number, threshold: number): void {
    this.feature[node] = feature;
    this.threshold[node] = threshold;
  }

  setLeaf(node: number, criterion: SplitCriterion): void {
    const offset = this.leaves++ * this.leafWidth;
    if (offset + this.leafWidth > this.values.length) this.values = grownFloat64(this.values, 2 * this.values.length + this.leafWidth);
    criterion.writeLeaf(this.values, offset);
    this.valueOffset[node] = offset;
  }

  /**
   * The tree in arrays of its own size, all views of one buffer: a forest keeps hundreds of trees,
   * and one allocation a tree instead of six spares the allocator and the collector.
   */
  finish(): FlatTree {
    const n = this.count;
    const valueCount = this.leaves * this.leafWidth;
    // The float64 arrays first, so that every view is aligned to its element size.
    const buffer = new ArrayBuffer(8 * (n + valueCount) + 4 * 4 * n);
    const threshold = new Float64Array(buffer, 0, n);
    const values = new Float64Array(buffer, 8 * n, valueCount);
    const ints = 8 * (n + valueCount);
    const feature = new Int32Array(buffer, ints, n);
    const left = new Int32Array(buffer, ints + 4 * n, n);
    const right = new Int32Array(buffer, ints + 8 * n, n);
    const valueOffset = new Int32Array(buffer, ints + 12 * n, n);
    threshold.set(this.threshold.subarray(0, n));
    values.set(this.values.subarray(0, valueCount));
    feature.set(this.feature.subarray(0, n));
    left.set(this.left.subarray(0, n));
    right.set(this.right.subarray(0, n));
    valueOffset.set(this.valueOffset.subarray(0, n));
    return { nodeCount: n, leafWidth: this.leafWidth, feature, threshold, left, right, valueOffset, values };
  }

  private grow(): void {
    const capacity = 2 * this.feature.length + 1;
    this.feature = grownInt32(this.feature, capacity);
    this.threshold = grownFloat64(this.threshold, capacity);
    this.left = grownInt32(this.left, capacity);
    this.right = grownInt32(this.right, capacity);
    this.valueOffset = grownInt32(this.valueOffset, capacity);
  }
}

/**
 * The checks every tree estimator makes before predicting: a NaN would silently go right at every
 * node, so it is refused, as scikit-learn refuses it.
 */
export function checkPredictInput(X: Matrix, fittedCols: number): void {
  if (X.cols !== fittedCols) throw new RangeError(`fitted on ${fittedCols} features, got ${X.cols}`);
  const { data } = X;
  // The checks' passes over the rows run a block of rows per call (rowBlocks.ts's CALL_STEPS).
  for (let from = 0, step = rowsPerCall(X.cols) * Math.max(1, X.cols); from < data.length; from += step) checkFloat32Range(data, X.cols, from, Math.min(data.length, from + step));
}

function checkFloat32Range(data: Float64Array, cols: number, from: number, to: number): void {
  for (let k = from; k < to; k++) {
    if (!Number.isFinite(Math.fround(data[k]))) throw new FeatureValueError(k % cols, Math.floor(k / cols), String(data[k]), FLOAT32_NEEDED);
  }
}

/** The checks both classification tree estimators make at their door before growing anything. */
export function checkTrainingLabels(rows: number, y: Uint32Array, nClasses: number): void {
  if (rows !== y.length) throw new RangeError(`${rows} rows but ${y.length} labels`);
  if (rows === 0) throw new RangeError("cannot fit on zero rows");
  if (!Number.isInteger(nClasses) || nClasses < 1) throw new RangeError(`nClasses must be a positive integer, got ${nClasses}`);
  for (let from = 0, step = rowsPerCall(1); from < rows; from += step) checkLabelRange(y, from, Math.min(rows, from + step), nClasses);
}

function checkLabelRange(y: Uint32Array, from: number, to: number, nClasses: number): void {
  for (let i = from; i < to; i++) if (y[i] >= nClasses) throw new RangeError(`label ${y[i]} at row ${i} is not below nClasses ${nClasses}`);
}

/** The checks both regression tree estimators make at their door (the features are checked as they are binned). */
export function checkTrainingTargets(rows: number, y: Float64Array): void {
  if (rows !== y.length) throw new RangeError(`${rows} rows but ${y.length} targets`);
  if (rows === 0) throw new RangeError("cannot fit on zero rows");
  for (let from = 0, step = rowsPerCall(1); from < rows; from += step) checkTargetRange(y, from, Math.min(rows, from + step));
}

function checkTargetRange(y: Float64Array, from: number, to: number): void {
  for (let i = from; i < to; i++) if (!Number.isFinite(y[i])) throw new RangeError(`target at row ${i} is ${y[i]}`);
}

/** The sample weights both decision tree estimators take: as many as the rows, each finite and at least 0. */
export function checkSampleWeights(rows: number, weight: Float64Array): void {
  if (weight.length !== rows) throw new RangeError(`${rows} rows but ${weight.length} sample weights`);
  for (let from = 0, step = rowsPerCall(1); from < rows; from += step) checkWeightRange(weight, from, Math.min(rows, from + step));
}

function checkWeightRange(weight: Float64Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const w = weight[i];
    if (!(w >= 0 && Number.isFinite(w))) throw new RangeError(`sample weights must be finite and >= 0, got ${w}`);
  }
}
