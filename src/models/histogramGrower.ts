import { fillRowOrder } from "../stats/rowOrder.js";
import { rowsPerCall } from "../stats/rowBlocks.js";
import { BoostedTreeBuilder, type BoostedTree } from "./boostedTree.js";
import type { BinnedFeatures } from "./binMapper.js";
import { holdShape } from "./heldShapes.js";
import { histogramKernels, type HistogramKernels } from "./histogramKernels.js";

export interface HistogramGrowerOptions {
  readonly maxLeafNodes: number;
  readonly minSamplesLeaf: number;
  readonly l2Regularization: number;
  /** Leaf values are multiplied by it (the learning rate). */
  readonly shrinkage: number;
  /** false: the histograms by the JavaScript passes, the kernels' reference (default true). */
  readonly useKernels?: boolean;
}

/** scikit-learn's min_hessian_to_split: children with a smaller hessian sum are not made. */
const MIN_HESSIAN_TO_SPLIT = 1e-3;
/** Per bin: sum of gradients, sum of hessians, row count. */
const FIELDS = 3;

/** A grown tree, and the leaves' rows for updating the training predictions. */
export interface GrownHistogramTree {
  readonly tree: BoostedTree;
  /** Rows by leaf: the rows of leaf k are partition[leafStart[k], leafStop[k]). */
  readonly partition: Uint32Array;
  readonly leafStart: readonly number[];
  readonly leafStop: readonly number[];
  /** The (shrunk) value of leaf k. */
  readonly leafValue: readonly number[];
}

/** A node while the tree grows (scikit-learn's TreeNode and the SplitInfo found for it). */
interface GrowingNode {
  readonly id: number;
  readonly start: number;
  readonly stop: number;
  readonly sumGradients: number;
  readonly sumHessians: number;
  /** The node's unshrunk value, -G / (H + l2), as its parent's split computed it; 0 for the root. */
  readonly value: number;
  histogram: Float64Array | null;
  gain: number;
  feature: number;
  bin: number;
  leftGradients: number;
  leftHessians: number;
  leftValue: number;
  rightValue: number;
}

/**
 * scikit-learn 1.2's TreeGrower for HistGradientBoosting* with its defaults (no depth limit,
 * max_leaf_nodes 31, min_samples_leaf 20, l2_regularization 0, min_hessian_to_split 1e-3, no
 * missing values, no categorical features, no constraints): best-first growth on per-node
 * gradient / hessian histograms.
 *
 * A node's best split is, over features in index order and then bins left to right, the first
 * with the largest gain, loss(node) - G_L v_L - G_R v_R with v = -G / (H + l2 + 1e-15) and
 * loss(node) = G v(node) (v(root) = 0, as scikit-learn starts the root's value at 0), among
 * splits leaving min_samples_leaf rows and min_hessian_to_split hessian on each side; a node
 * with no positive gain is a leaf. The splittable node of largest gain is split next (a port of
 * Python's heapq, so equal gains go the same way); when the leaves reach max_leaf_nodes every
 * open node becomes a leaf, and a child with fewer than 2 min_samples_leaf rows is one at once.
 * The smaller child's histogram is built from its rows, the larger's is the parent's minus it,
 * and rows are split stably, so every sum is taken in scikit-learn's order. Leaves hold
 * shrinkage * v. Gradients and hessians are float32 as scikit-learn's; with `hessians` null the
 * hessian is constant 1 (squared error) and counts stand in for hessian sums. One sum is not
 * taken in scikit-learn's order: the root's gradient (and hessian) total, which it splits across
 * its OpenMP threads; ours adds rows in order, which can move the last bit of a gain.
 */
export class HistogramGrower {
  private readonly pool: Float64Array[] = [];
  private readonly scan = new FeatureScan();
  private readonly partition: Uint32Array;
  private readonly scratch: Uint32Array;
  /**
   * Where each feature's bins start in a histogram (FIELDS numbers per bin). Only the bins a
   * feature uses are stored, so a histogram of one-hot columns is small to clear.
   */
  private readonly featureOffset: Int32Array;
  private readonly histogramSize: number;
  /** Row-major: where row i's bin of feature j sits in a histogram, featureOffset[j] + FIELDS * bin. */
  private readonly slots: Uint32Array;
  /** The root's histogram with zero sums: its counts, the same at every root. */
  private readonly rootCounts: Float64Array;
  /** Column-major bin codes, [j * rows + i]: splitting a node reads one feature for rows in ascending order. */
  private readonly columnCodes: Uint8Array;
  /** splitRows's two write cursors between blocks of rows. */
  private readonly cursors = new Int32Array(2);
  /**
   * The histogram passes in WebAssembly (histogramKernels.ts), the same sums; the slots, the
   * partition and the pool's histograms are views of their memory. null past its size limit.
   */
  private readonly kernels: HistogramKernels | null;

  constructor(
    private readonly binned: BinnedFeatures,
    private readonly options: HistogramGrowerOptions,
  ) {
    const { maxLeafNodes, minSamplesLeaf } = options;
    if (!Number.isInteger(maxLeafNodes) || maxLeafNodes < 2) throw new RangeError(`maxLeafNodes must be an integer >= 2, got ${maxLeafNodes}`);
    if (!Number.isInteger(minSamplesLeaf) || minSamplesLeaf < 1) throw new RangeError(`minSamplesLeaf must be a positive integer, got ${minSamplesLeaf}`);
    this.scratch = new Uint32Array(binned.rows);
    this.featureOffset = new Int32Array(binned.cols);
    let size = 0;
    for (let f = 0; f < binned.cols; f++) {
      this.featureOffset[f] = size;
      size += (binned.thresholds[f].length + 1) * FIELDS;
    }
    this.histogramSize = size;
    const { rows, cols, codes } = binned;
    // At most the open nodes (the heap, below maxLeafNodes) and a split's parent and child hold a
    // histogram at once; a pool that runs short takes JavaScript arrays and passes.
    this.kernels = options.useKernels === false ? null : histogramKernels(rows, cols, size, maxLeafNodes + 4);
    this.partition = this.kernels?.partition ?? new Uint32Array(rows);
    this.slots = this.kernels?.slots ?? new Uint32Array(rows * cols);
    if (this.kernels !== null) this.pool.push(...this.kernels.histograms);
    this.columnCodes = new Uint8Array(rows * cols);
    this.rootCounts = new Float64Array(size);
    // Halved down to a block of rows per call, as the root's histogram.
    fillSlots(codes, rows, cols, this.featureOffset, 0, rows, rowsPerCall(cols), this.slots, this.columnCodes, this.rootCounts);
    holdShape(this);
  }

  grow(gradients: Float32Array, hessians: Float32Array | null): GrownHistogramTree {
    const n = this.binned.rows;
    const { maxLeafNodes, minSamplesLeaf, shrinkage } = this.options;
    const partition = this.partition;
    if (this.kernels !== null) {
      this.kernels.gradients.set(gradients.subarray(0, n));
      if (hessians !== null) this.kernels.hessians.set(hessians.subarray(0, n));
    }
    // Each pass over the rows a block of rows per call (see sumInRowOrder).
    fillRowOrder(partition, n);
    const builder = new BoostedTreeBuilder(2 * maxLeafNodes - 1);
    const leaves: GrowingNode[] = [];
    const heap: GrowingNode[] = [];
    const sumGradients = sumInRowOrder(gradients, n);
    const sumHessians = hessians === null ? n : sumInRowOrder(hessians, n);
    const root = this.node(builder.addLeaf(0), 0, n, sumGradients, sumHessians, 0);
    if (n < 2 * minSamplesLeaf || sumHessians < MIN_HESSIAN_TO_SPLIT) {
      leaves.push(root);
    } else {
      root.histogram = this.rootHistogram(gradients, hessians);
      this.searchSplit(root, hessians === null, heap, leaves);
    }
    while (heap.length > 0) {
      const node = heapPop(heap);
      const middle = this.splitRows(node);
      const left = this.node(builder.addLeaf(0), node.start, middle, node.leftGradients, node.leftHessians, node.leftValue);
      const right = this.node(builder.addLeaf(0), middle, node.stop, node.sumGradients - node.leftGradients, node.sumHessians - node.leftHessians, node.rightValue);
      builder.setSplit(node.id, node.feature, this.binned.thresholds[node.feature][node.bin], left.id, right.id);
      if (leaves.length + heap.length + 2 === maxLeafNodes) {
        this.finalize(left, leaves);
        this.finalize(right, leaves);
        while (heap.length > 0) this.finalize(heap.pop() as GrowingNode, leaves);
        this.release(node);
        break;
      }
      const leftOpen = left.stop - left.start >= 2 * minSamplesLeaf;
      const rightOpen = right.stop - right.start >= 2 * minSamplesLeaf;
      if (leftOpen || rightOpen) {
        // As scikit-learn: the smaller child's histogram from its rows (ties: the right child),
        // the larger's as the parent's minus it, when the larger may be split.
        const leftSmaller = left.stop - left.start < right.stop - right.start;
        const small = leftSmaller ? left : right;
        small.histogram = this.buildHistogram(gradients, hessians, small.start, small.stop);
        if (leftSmaller ? rightOpen : leftOpen) {
          (leftSmaller ? right : left).histogram = subtractInto(node.histogram as Float64Array, small.histogram);
          node.histogram = null;
        }
        if (leftOpen) this.searchSplit(left, hessians === null, heap, leaves);
        if (rightOpen) this.searchSplit(right, hessians === null, heap, leaves);
      }
      if (!leftOpen) this.finalize(left, leaves);
      if (!rightOpen) this.finalize(right, leaves);
      this.release(node);
    }
    for (const leaf of leaves) builder.value[leaf.id] = leaf.value * shrinkage;
    return {
      tree: builder.finish(),
      partition,
      leafStart: leaves.map((leaf) => leaf.start),
      leafStop: leaves.map((leaf) => leaf.stop),
      leafValue: leaves.map((leaf) => leaf.value * shrinkage),
    };
  }

  private node(id: number, start: number, stop: number, sumGradients: number, sumHessians: number, value: number): GrowingNode {
    return { id, start, stop, sumGradients, sumHessians, value, histogram: null, gain: -1, feature: -1, bin: 0, leftGradients: 0, leftHessians: 0, leftValue: 0, rightValue: 0 };
  }

  /** Finds the node's best split and queues it, or makes it a leaf when no split gains (scikit-learn's _compute_best_split_and_push). */
  private searchSplit(node: GrowingNode, constantHessian: boolean, heap: GrowingNode[], leaves: GrowingNode[]): void {
    this.findSplit(node, constantHessian);
    if (node.gain <= 0) this.finalize(node, leaves);
    else heapPush(heap, node);
  }

  private finalize(node: GrowingNode, leaves: GrowingNode[]): void {
    leaves.push(node);
    this.release(node);
  }

  private release(node: GrowingNode): void {
    if (node.histogram !== null) this.pool.push(node.histogram);
    node.histogram = null;
  }

  /**
   * The root's histograms: every row in order, each row's features in turn; the counts are
   * copied, not counted again.
   */
  private rootHistogram(gradients: Float32Array, hessians: Float32Array | null): Float64Array {
    const { rows, cols } = this.binned;
    const histogram = this.pool.pop() ?? new Float64Array(this.histogramSize);
    histogram.set(this.rootCounts);
    const slots = this.slots;
    if (this.kernels?.owns(histogram)) this.kernels.addRoot(histogram, hessians !== null);
    else if (hessians === null) addRootGradients(slots, cols, gradients, 0, rows, rowsPerCall(cols), histogram);
    else addRootGradientsAndHessians(slots, cols, gradients, hessians, 0, rows, rowsPerCall(cols), histogram);
    return histogram;
  }

  /**
   * The node's histograms: rows in partition order (scikit-learn's order, so each bin's sums are
   * added up as there), each row's features in turn.
   */
  private buildHistogram(gradients: Float32Array, hessians: Float32Array | null, start: number, stop: number): Float64Array {
    const { cols } = this.binned;
    const histogram = this.pool.pop() ?? new Float64Array(this.histogramSize);
    histogram.fill(0);
    const { partition, slots } = this;
    if (this.kernels?.owns(histogram)) this.kernels.addNode(histogram, hessians !== null, start, stop);
    else if (hessians === null) addNodeGradients(partition, slots, cols, gradients, start, stop, histogram);
    else addNodeGradientsAndHessians(partition, slots, cols, gradients, hessians, start, stop, histogram);
    return histogram;
  }

  /** scikit-learn's find_node_split, left-to-right scans only (no missing values). */
  private findSplit(node: GrowingNode, constantHessian: boolean): void {
    const { cols, thresholds } = this.binned;
    const { minSamplesLeaf, l2Regularization } = this.options;
    const histogram = node.histogram as Float64Array;
    const scan = this.scan;
    scan.count = node.stop - node.start;
    scan.sumGradients = node.sumGradients;
    scan.sumHessians = node.sumHessians;
    scan.lossCurrentNode = node.sumGradients * node.value;
    // With a constant hessian (1), counts stand in for hessian sums, as in scikit-learn.
    scan.hessianField = constantHessian ? 2 : 1;
    scan.minSamplesLeaf = minSamplesLeaf;
    scan.l2Regularization = l2Regularization;
    node.gain = -1;
    for (let f = 0; f < cols; f++) {
      const bin = scanFeature(histogram, this.featureOffset[f], thresholds[f].length, scan);
      if (bin >= 0 && scan.bestGain > node.gain) {
        node.gain = scan.bestGain;
        node.feature = f;
        node.bin = bin;
        node.leftGradients = scan.bestLeftGradients;
        node.leftHessians = scan.bestLeftHessians;
      }
    }
    if (node.feature >= 0) {
      node.leftValue = -node.leftGradients / (node.leftHessians + l2Regularization + 1e-15);
      const rightGradients = node.sumGradients - node.leftGradients;
      const rightHessians = node.sumHessians - node.leftHessians;
      node.rightValue = -rightGradients / (rightHessians + l2Regularization + 1e-15);
    }
  }


  /** Stable partition of the node's rows: bin <= the split's bin first. Returns where the right child starts. */
  private splitRows(node: GrowingNode): number {
    const { partition, scratch, columnCodes } = this;
    const base = node.feature * this.binned.rows;
    const { bin, start, stop } = node;
    // The left rows in place, the right ones into scratch, a block of rows per call (see
    // sumInRowOrder).
    const cursors = this.cursors;
    cursors[0] = start;
    cursors[1] = 0;
    for (let from = start, step = rowsPerCall(1); from < stop; from += step) partitionRange(partition, scratch, columnCodes, base, bin, from, Math.min(stop, from + step), cursors);
    const write = cursors[0];
    partition.set(scratch.subarray(0, cursors[1]), write);
    return write;
  }
}

/** Rows [from, to) of splitRows: the left ones written at partition[cursors[0]], the others at scratch[cursors[1]], both cursors moved on. */
function partitionRange(partition: Uint32Array, scratch: Uint32Array, columnCodes: Uint8Array, base: number, bin: number, from: number, to: number, cursors: Int32Array): void {
  let write = cursors[0];
  let spill = cursors[1];
  // Branch-free: each row is written to both places and only the right cursor moves, since
  // which way a row goes is a coin toss the processor cannot predict.
  for (let p = from; p < to; p++) {
    const i = partition[p];
    const left = ((bin - columnCodes[base + i]) >>> 31) ^ 1;
    partition[write] = i;
    scratch[spill] = i;
    write += left;
    spill += left ^ 1;
  }
  cursors[0] = write;
  cursors[1] = spill;
}

/*
 * The histogram passes take arrays, not the grower: a major collection between two folds frees
 * the grower's hidden class, and code that depends on it is thrown away (the methods' loops were
 * compiled on the stack again in every fold). The root's, once per tree, are halved down to `most`
 * rows a call (rowsPerCall of the features; a loop over blocks of a few rows would itself run long
 * on a wide table). A node's run in one call: they run at every node, so are compiled whole early,
 * and halved as well they cost hgb about 5% of a census-shaped fold.
 */

/** rootHistogram's gradients for rows [from, to), slots cols a row (constant hessian). */
function addRootGradients(slots: Uint32Array, cols: number, gradients: Float32Array, from: number, to: number, most: number, histogram: Float64Array): void {
  if (to - from > most) {
    const middle = (from + to) >>> 1;
    addRootGradients(slots, cols, gradients, from, middle, most, histogram);
    addRootGradients(slots, cols, gradients, middle, to, most, histogram);
    return;
  }
  for (let i = from, k = from * cols; i < to; i++) {
    const g = gradients[i];
    for (const end = k + cols; k < end; k++) histogram[slots[k]] += g;
  }
}

/** rootHistogram's gradients and hessians for rows [from, to). */
function addRootGradientsAndHessians(slots: Uint32Array, cols: number, gradients: Float32Array, hessians: Float32Array, from: number, to: number, most: number, histogram: Float64Array): void {
  if (to - from > most) {
    const middle = (from + to) >>> 1;
    addRootGradientsAndHessians(slots, cols, gradients, hessians, from, middle, most, histogram);
    addRootGradientsAndHessians(slots, cols, gradients, hessians, middle, to, most, histogram);
    return;
  }
  for (let i = from, k = from * cols; i < to; i++) {
    const g = gradients[i];
    const h = hessians[i];
    for (const end = k + cols; k < end; k++) {
      const slot = slots[k];
      histogram[slot] += g;
      histogram[slot + 1] += h;
    }
  }
}

/** buildHistogram's sums for the rows partition[from, to) (constant hessian: counts). */
function addNodeGradients(partition: Uint32Array, slots: Uint32Array, cols: number, gradients: Float32Array, from: number, to: number, histogram: Float64Array): void {
  for (let p = from; p < to; p++) {
    const i = partition[p];
    const g = gradients[i];
    const end = (i + 1) * cols;
    for (let k = i * cols; k < end; k++) {
      const slot = slots[k];
      histogram[slot] += g;
      histogram[slot + 2]++;
    }
  }
}

/** buildHistogram's sums for the rows partition[from, to). */
function addNodeGradientsAndHessians(partition: Uint32Array, slots: Uint32Array, cols: number, gradients: Float32Array, hessians: Float32Array, from: number, to: number, histogram: Float64Array): void {
  for (let p = from; p < to; p++) {
    const i = partition[p];
    const g = gradients[i];
    const h = hessians[i];
    const end = (i + 1) * cols;
    for (let k = i * cols; k < end; k++) {
      const slot = slots[k];
      histogram[slot] += g;
      histogram[slot + 1] += h;
      histogram[slot + 2]++;
    }
  }
}

/** A node's totals for scanFeature, and the best split it found in one feature. */
class FeatureScan {
  count = 0;
  sumGradients = 0;
  sumHessians = 0;
  lossCurrentNode = 0;
  hessianField = 1;
  minSamplesLeaf = 0;
  l2Regularization = 0;
  bestGain = -1;
  bestLeftGradients = 0;
  bestLeftHessians = 0;

  constructor() {
    holdShape(this);
  }
}

/**
 * scikit-learn's _find_best_bin_to_split_left_to_right for one feature: returns the first bin of
 * largest positive gain (its gain and left sums in scan), or -1. A function of its own, small
 * and called often, so that it is optimised early.
 */
function scanFeature(histogram: Float64Array, offset: number, end: number, scan: FeatureScan): number {
  const { count, sumGradients, sumHessians, lossCurrentNode, hessianField, minSamplesLeaf, l2Regularization } = scan;
  let leftCount = 0;
  let leftHessians = 0;
  let leftGradients = 0;
  let bestGain = -1;
  let bestBin = -1;
  let bestLeftGradients = 0;
  let bestLeftHessians = 0;
  for (let b = 0; b < end; b++) {
    const slot = offset + b * FIELDS;
    // An empty bin changes no sum, so its gain equals the last one's and cannot beat it.
    if (histogram[slot + 2] === 0) continue;
    leftCount += histogram[slot + 2];
    const rightCount = count - leftCount;
    leftHessians += histogram[slot + hessianField];
    const rightHessians = sumHessians - leftHessians;
    leftGradients += histogram[slot];
    const rightGradients = sumGradients - leftGradients;
    if (leftCount < minSamplesLeaf) continue;
    if (rightCount < minSamplesLeaf) break;
    if (leftHessians < MIN_HESSIAN_TO_SPLIT) continue;
    if (rightHessians < MIN_HESSIAN_TO_SPLIT) break;
    const leftValue = -leftGradients / (leftHessians + l2Regularization + 1e-15);
    const rightValue = -rightGradients / (rightHessians + l2Regularization + 1e-15);
    let gain = lossCurrentNode;
    gain -= leftGradients * leftValue;
    gain -= rightGradients * rightValue;
    if (gain > bestGain && gain > 0) {
      bestGain = gain;
      bestBin = b;
      bestLeftGradients = leftGradients;
      bestLeftHessians = leftHessians;
    }
  }
  scan.bestGain = bestGain;
  scan.bestLeftGradients = bestLeftGradients;
  scan.bestLeftHessians = bestLeftHessians;
  return bestBin;
}

/** parent - small, bin by bin, written over the parent's buffer (no longer needed). */
function subtractInto(parent: Float64Array, small: Float64Array): Float64Array {
  for (let from = 0, step = rowsPerCall(1); from < parent.length; from += step) subtractRange(parent, small, from, Math.min(parent.length, from + step));
  return parent;
}

function subtractRange(parent: Float64Array, small: Float64Array, from: number, to: number): void {
  for (let k = from; k < to; k++) parent[k] -= small[k];
}

/** Python's heapq.heappush, ordered by larger gain first. */
function heapPush(heap: GrowingNode[], node: GrowingNode): void {
  heap.push(node);
  siftDown(heap, 0, heap.length - 1);
}

/** Python's heapq.heappop. */
function heapPop(heap: GrowingNode[]): GrowingNode {
  const last = heap.pop() as GrowingNode;
  if (heap.length === 0) return last;
  const top = heap[0];
  heap[0] = last;
  siftUp(heap, 0);
  return top;
}

function before(a: GrowingNode, b: GrowingNode): boolean {
  return a.gain > b.gain;
}

function siftDown(heap: GrowingNode[], startPos: number, pos: number): void {
  const item = heap[pos];
  while (pos > startPos) {
    const parentPos = (pos - 1) >> 1;
    const parent = heap[parentPos];
    if (!before(item, parent)) break;
    heap[pos] = parent;
    pos = parentPos;
  }
  heap[pos] = item;
}

function siftUp(heap: GrowingNode[], pos: number): void {
  const endPos = heap.length;
  const startPos = pos;
  const item = heap[pos];
  let child = 2 * pos + 1;
  while (child < endPos) {
    const right = child + 1;
    if (right < endPos && !before(heap[child], heap[right])) child = right;
    heap[pos] = heap[child];
    pos = child;
    child = 2 * pos + 1;
  }
  heap[pos] = item;
  siftDown(heap, startPos, pos);
}

/**
 * slots and columnCodes (see the constructor) for rows [from, to) of the row-major codes, each
 * slot's rows counted into the count field of `counts`; halved down to `most` rows a call, as the
 * root's histogram.
 */
function fillSlots(codes: Uint8Array, rows: number, cols: number, featureOffset: Int32Array, from: number, to: number, most: number, slots: Uint32Array, columnCodes: Uint8Array, counts: Float64Array): void {
  if (to - from > most) {
    const middle = (from + to) >>> 1;
    fillSlots(codes, rows, cols, featureOffset, from, middle, most, slots, columnCodes, counts);
    fillSlots(codes, rows, cols, featureOffset, middle, to, most, slots, columnCodes, counts);
    return;
  }
  for (let i = from, k = from * cols; i < to; i++) {
    for (let j = 0; j < cols; j++, k++) {
      const slot = featureOffset[j] + codes[k] * FIELDS;
      slots[k] = slot;
      columnCodes[j * rows + i] = codes[k];
      counts[slot + 2]++;
    }
  }
}

/**
 * The first n values summed one after another. The passes over the rows here, once per fit, tree
 * or node, run a block of rows per call (rowBlocks.ts's CALL_STEPS), sums and cursors carried from
 * block to block; the nodes' histograms are the exception (see the histogram passes).
 */
function sumInRowOrder(values: Float32Array, n: number): number {
  let sum = 0;
  for (let from = 0, step = rowsPerCall(1); from < n; from += step) sum = addInRowOrder(values, from, Math.min(n, from + step), sum);
  return sum;
}

function addInRowOrder(values: Float32Array, from: number, to: number, sumBefore: number): number {
  let sum = sumBefore;
  for (let i = from; i < to; i++) sum += values[i];
  return sum;
}
