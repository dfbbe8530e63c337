import { holdShape } from "./heldShapes.js";

/**
 * What a tree's split criterion knows, so that classification and regression trees share one
 * growth procedure (treeGrowth.ts): the criterion keeps the statistics of the node being split
 * and of each histogram bin of the feature being scanned, and scores the boundaries between
 * bins. scikit-learn's Criterion plays the same part for its splitter. The two hot loops (filling
 * a feature's histogram, scanning it) live in the criterion, so each runs on its own statistics
 * without a per-row branch or call.
 */
/** The lowest and highest bin a node's rows touch, as histogram returns them: lowest | highest << 8. */
export function binRange(lowest: number, highest: number): number {
  return lowest | (highest << 8);
}

/** binRange of a two-bin feature from how many of the node's rows sit in bin 1. */
export function twoBinRange(highRows: number, rows: number): number {
  return highRows === 0 ? binRange(0, 0) : highRows === rows ? binRange(1, 1) : binRange(0, 1);
}

export interface SplitCriterion {
  /** Each row's weight (bootstrap counts in a forest); rows of weight 0 are left out of the tree. */
  readonly weight: Float64Array;
  /** Values stored per leaf: class fractions, or the one mean of a regression tree. */
  readonly leafWidth: number;
  /** Weight of the rows in each bin of the feature last histogrammed; scan and clearBin reset it to 0. */
  readonly binWeight: Float64Array;
  /** Total weight of the rows of the node set up by startNode. */
  readonly nodeWeight: number;

  /** Sums the statistics of the node whose rows are order[start, end) and returns its impurity. */
  startNode(order: Uint32Array, start: number, end: number): number;
  /**
   * Adds the node's rows into per-bin statistics of one feature (codes[base + row] is a row's
   * bin), and returns the lowest and highest bin touched as lowest | highest << 8.
   */
  histogram(codes: Uint8Array, base: number, order: Uint32Array, start: number, end: number): number;
  /**
   * histogram for a feature of two bins (codes 0 and 1: one-hot columns), with the same result
   * bit for bit: each bin's sums in row order, accumulated in registers rather than in memory.
   */
  twoBinHistogram(codes: Uint8Array, base: number, order: Uint32Array, start: number, end: number): number;
  /**
   * Makes room for the statistics of `bins` bins (the widest feature's, whose ranks run up to its
   * distinct count), keeping them zero; called once before a tree is grown.
   */
  reserveBins(bins: number): void;
  /**
   * histogram for a feature coded by ranks (featureBins.ts: more than 256 values; ranks[base + row]
   * is a row's bin): adds the node's rows into the same per-bin statistics, writes each bin it
   * touches once into `touched` (in the order first met, not sorted) and returns how many.
   */
  rankHistogram(ranks: Uint32Array, base: number, order: Uint32Array, start: number, end: number, touched: Uint32Array): number;
  /**
   * Scores every boundary between consecutive occupied bins (occupied[0, count), ascending), left
   * to right, and records in `best` each one strictly better than best.proxy; a bin marked
   * NO_CUT (too close to the one before it to be split from it) is added to the left side
   * without scoring the boundary before it. Leaves the bins it read at zero, so the histogram is
   * clean for the next feature.
   */
  scan(feature: number, occupied: Uint32Array, count: number, best: SplitChoice): void;
  /** Zeroes one bin (a constant feature's only bin, never scanned). */
  clearBin(bin: number): void;
  /** Writes the node set up by startNode as a leaf: leafWidth values at out[offset..]. */
  writeLeaf(out: Float64Array, offset: number): void;
}

/**
 * A criterion that can also score one given threshold on raw feature values, for scikit-learn's
 * RandomSplitter (extra trees, extraTreeGrowth.ts), which draws one threshold per feature instead
 * of scanning bins. The same criterion object serves both splitters, as scikit-learn's does.
 */
export interface ThresholdCriterion extends SplitCriterion {
  /**
   * scikit-learn's proxy_impurity_improvement of sending the node's rows whose value is at most
   * `threshold` left: values[p] is the value of row order[p], for p in [start, end) (the node set
   * up by startNode). Larger is better.
   */
  thresholdProxy(values: Float32Array, order: Uint32Array, start: number, end: number, threshold: number): number;
  /**
   * For a feature that takes two values on the training rows (codes[base + row]: 0 the lower, 1
   * the higher), sets up the split that sends the node's lower-valued rows left, which is what
   * thresholdProxy scores for any threshold from the lower value up to (not including) the higher
   * one, and returns how many of the node's rows take the higher value: one pass over the node
   * instead of a range pass and a threshold pass.
   */
  twoValuedSplit(codes: Uint8Array, base: number, order: Uint32Array, start: number, end: number): number;
  /** thresholdProxy of the split set up by the last twoValuedSplit, bit for bit. */
  twoValuedProxy(): number;
  /** Set when a threshold's proxy follows from two integer counts a kernel can take (LabelCounting). */
  readonly labelCounting: LabelCounting | null;
}

/**
 * Two classes and unit weights (GiniCriterion): a threshold's proxy follows from how many of the
 * node's rows go left and how many of those are labelled 1, counted over the node's labels that
 * startNode lays out in node order.
 */
export interface LabelCounting {
  /** From now on, startNode lays the node's labels (0 or 1) out in `buffer` (a kernel's memory), at the node's positions. */
  keepNodeLabelsIn(buffer: Uint8Array): void;
  /** thresholdProxy, bit for bit, of the split sending `left` rows left, `leftPositives` of them labelled 1. */
  countedProxy(left: number, leftPositives: number): number;
}

/**
 * Set on an occupied bin whose value lies within FEATURE_THRESHOLD of the previous occupied bin's
 * (featureBins.ts's near features): the boundary between them is no candidate.
 */
export const NO_CUT = 0x80000000;

/** The bin an occupied entry names, without its NO_CUT mark. */
export const BIN_MASK = 0x7fffffff;

/** The best split found so far at a node: the split sends bins <= leftBin left, >= rightBin right. */
export class SplitChoice {
  feature = -1;
  leftBin = 0;
  rightBin = 0;
  /** scikit-learn's proxy_impurity_improvement of the split; larger is better. */
  proxy = -Infinity;

  constructor() {
    holdShape(this);
  }

  reset(): void {
    this.feature = -1;
    this.proxy = -Infinity;
  }
}
