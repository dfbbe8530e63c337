import { fillRowOrder } from "../stats/rowOrder.js";
import type { Matrix } from "../stats/matrix.js";
import { float32Bits, float32Key, radixCounts, radixSort } from "../stats/radixSort.js";
import { float32Columns } from "./float32Columns.js";
import { grownFloat64 } from "./grownArrays.js";

/**
 * Every feature coded once per fit by the order of its values, so that tree nodes find their best
 * split from a histogram instead of sorting their rows (the speed rule of the tree issue), at
 * exactly the thresholds scikit-learn's BestSplitter could choose.
 *
 * A feature of at most MAX_BINS distinct values gets one byte code per value (`codes`); a wider
 * one is coded by the rank of its value among its distinct values (`ranks`, four bytes a row).
 * Either way a bin holds one value, or a run of values each within FEATURE_THRESHOLD of the next
 * and spanning no more than it (no node can split such a run: any two of its values are too
 * close), so the node-level thresholds (midpoints between the neighbouring values present in the
 * node) are scikit-learn's. A feature whose close values chain further (1e-6 x a lognormal: each
 * value within 1e-7 of the next, the run wider) is `near`: one value a bin, and each node applies
 * the rule to the neighbours it holds, as scikit-learn does (a node without the middle values of
 * a chain may cut between its ends).
 * Quantile bins for the wide features cost a 12% larger error than scikit-learn's on a
 * heavy-tailed regression (a split could only fall at a bin edge, and a deep node whose rows
 * shared a bin could not split on the feature at all).
 *
 * Values are first rounded to float32 because scikit-learn's trees cast X to float32 before
 * fitting and predicting: two doubles that share a float32 are one value to it, and its
 * thresholds are midpoints of float32 values.
 */
export interface FeatureBins {
  readonly rows: number;
  readonly cols: number;
  /** Column-major byte codes of the narrow features: the bin of row i in feature j is codes[j * rows + i] (0 for a wide feature). */
  readonly codes: Uint8Array;
  /** Column-major ranks of the wide features: the bin of row i in feature j is ranks[rankColumn[j] * rows + i]. */
  readonly ranks: Uint32Array;
  /** Feature j's column in `ranks`, or -1 for a feature coded in `codes`. */
  readonly rankColumn: Int32Array;
  /** Bins per feature (at least 1). */
  readonly binCount: Uint32Array;
  /** The most bins of any feature. */
  readonly widest: number;
  /** 1 for a feature whose bins hold one value each and whose neighbouring values may lie within FEATURE_THRESHOLD: a node checks them. */
  readonly near: Uint8Array;
  /** Feature j's bins are binStart[j] .. binStart[j + 1] - 1 of low and high. */
  readonly binStart: Uint32Array;
  /** Smallest and largest (float32-rounded) training value of bin b of feature j, at [binStart[j] + b]. */
  readonly low: Float64Array;
  readonly high: Float64Array;
}

/** Features of at most this many distinct values are coded in a byte. */
export const MAX_BINS = 256;

/**
 * scikit-learn's FEATURE_THRESHOLD: neighbouring values closer than this are never split apart
 * (and a node whose values all lie within it is constant), so they share a bin here too.
 */
export const FEATURE_THRESHOLD = 1e-7;

/** FEATURE_THRESHOLD as scikit-learn's trees hold it: a float32. */
const FEATURE_THRESHOLD_32 = Math.fround(FEATURE_THRESHOLD);

/**
 * The largest float32 that scikit-learn's splitters hold too close to `value` (a float32) to
 * split from it: value + FEATURE_THRESHOLD in float32 arithmetic, as its Cython adds two float32s.
 * In double a value near 1 and its float32 neighbour (1.2e-7 apart) were split; scikit-learn
 * rounds 1 + 1e-7 up to that neighbour and never splits them.
 */
export function nearBound(value: number): number {
  return Math.fround(value + FEATURE_THRESHOLD_32);
}

export function binFeatures(X: Matrix): FeatureBins {
  const { rows, cols } = X;
  const codes = new Uint8Array(rows * cols);
  const binCount = new Uint32Array(cols);
  const binStart = new Uint32Array(cols + 1);
  const near = new Uint8Array(cols);
  const rankColumn = new Int32Array(cols).fill(-1);
  const wideColumns: Uint32Array[] = [];
  let low: Float64Array = new Float64Array(cols * MAX_BINS);
  let high: Float64Array = new Float64Array(cols * MAX_BINS);
  // The float32 values column by column, read off the row-major matrix in one sequential pass
  // (a strided pass per column missed the cache on every row).
  const { values } = float32Columns(X);
  const valueBits = new Uint32Array(values.buffer);
  // One set of buffers for every column: a radix sort of the float32 keys (linear, where the
  // typed arrays' comparison sort took most of a decision tree's fit), the sorted values, groups.
  const keys = new Uint32Array(rows);
  const keyBuffer = new Uint32Array(rows);
  const order = new Uint32Array(rows);
  const rowBuffer = new Uint32Array(rows);
  const counts = radixCounts();
  const sortedBits = new Uint32Array(rows);
  const sorted = new Float32Array(sortedBits.buffer);
  const groups: ValueGroups = { count: 0, first: new Float64Array(rows), last: new Float64Array(rows) };
  const firstTwo = new Uint32Array(2);
  for (let j = 0; j < cols; j++) {
    const column = values.subarray(j * rows, (j + 1) * rows);
    const columnCodes = codes.subarray(j * rows, (j + 1) * rows);
    const offset = binStart[j];
    // Up to two distinct values (one-hot columns, flags) need no sort: their groups are known.
    // Each loop over the rows is a function of its own (see columnKeys).
    const distinct = columnKeys(valueBits, j * rows, rows, keys, firstTwo);
    if (distinct <= 2) {
      twoValueGroups(column, firstTwo[0], firstTwo[1], valueBits.subarray(j * rows, (j + 1) * rows), groups);
      binCount[j] = binEdges(groups, low.subarray(offset, offset + MAX_BINS), high.subarray(offset, offset + MAX_BINS));
      codeTwoValues(column, high[offset], columnCodes);
      binStart[j + 1] = offset + binCount[j];
      continue;
    }
    fillRowOrder(order, rows);
    radixSort(keys, order, keyBuffer, rowBuffer, counts);
    bitsOfKeys(keys, sortedBits);
    near[j] = valueGroups(sorted, groups) ? 1 : 0;
    if (offset + groups.count + (cols - j - 1) * MAX_BINS > low.length) {
      const capacity = Math.max(2 * low.length, offset + groups.count + (cols - j - 1) * MAX_BINS);
      low = grownFloat64(low, capacity);
      high = grownFloat64(high, capacity);
    }
    binCount[j] = binEdges(groups, low.subarray(offset, offset + groups.count), high.subarray(offset, offset + groups.count));
    binStart[j + 1] = offset + binCount[j];
    const bounds = high.subarray(offset, offset + binCount[j]);
    if (binCount[j] <= MAX_BINS) {
      codeSorted(sorted, order, bounds, columnCodes);
    } else {
      rankColumn[j] = wideColumns.length;
      const columnRanks = new Uint32Array(rows);
      rankSorted(sorted, order, bounds, columnRanks);
      wideColumns.push(columnRanks);
    }
  }
  const ranks = new Uint32Array(rows * wideColumns.length);
  wideColumns.forEach((columnRanks, k) => ranks.set(columnRanks, k * rows));
  let widest = 1;
  for (let j = 0; j < cols; j++) widest = Math.max(widest, binCount[j]);
  return { rows, cols, codes, ranks, rankColumn, binCount, widest, binStart, low, high, near };
}

/**
 * A column's float32 keys (valueBits[from .. from + rows - 1]) into keys; returns how many distinct
 * keys it met, counting no further than 3, with the first two in firstTwo (the first twice when
 * there is one). Each of binFeatures' loops over the rows is a function of its own: V8 compiles a
 * long loop met in a first call on the stack, and throws the compiled code away where it reaches
 * code after the loop that has not run yet; one function holding them all was compiled seven
 * times over in a child's first folds, 10 ms each.
 */
function columnKeys(valueBits: Uint32Array, from: number, rows: number, keys: Uint32Array, firstTwo: Uint32Array): number {
  let first = 0;
  let second = 0;
  let distinct = 0;
  // firstTwo is written before the loop and as first and second change, not after the loop:
  // code after it had not run when V8 compiled the loop on the stack, and that compiled loop was
  // entered and thrown away there at every later column of a child's first fold.
  firstTwo[0] = first;
  firstTwo[1] = second;
  for (let i = 0; i < rows; i++) {
    const key = float32Key(valueBits[from + i]);
    keys[i] = key;
    if (distinct === 0) {
      firstTwo[0] = first = key;
      firstTwo[1] = second = key;
      distinct = 1;
    } else if (key !== first && key !== second) {
      firstTwo[1] = second = key;
      distinct++;
    }
  }
  return distinct;
}

/** A two-valued column's codes: 1 above the first bin's largest value. */
function codeTwoValues(column: Float32Array, firstHigh: number, columnCodes: Uint8Array): void {
  for (let i = 0; i < column.length; i++) columnCodes[i] = +(column[i] > firstHigh);
}

/** The float32 bit patterns of sorted keys. */
function bitsOfKeys(keys: Uint32Array, sortedBits: Uint32Array): void {
  for (let p = 0; p < keys.length; p++) sortedBits[p] = float32Bits(keys[p]);
}

/**
 * scikit-learn's threshold between the largest value left of a split and the smallest right of
 * it: their midpoint, or the left value when the midpoint rounds up onto the right one.
 */
export function splitThreshold(bins: FeatureBins, feature: number, leftBin: number, rightBin: number): number {
  const a = bins.high[bins.binStart[feature] + leftBin];
  const b = bins.low[bins.binStart[feature] + rightBin];
  const mid = a / 2 + b / 2;
  return mid === b || !Number.isFinite(mid) ? a : mid;
}

/** Groups of values that may not be split apart, as [first value, last value] runs. */
interface ValueGroups {
  count: number;
  readonly first: Float64Array;
  readonly last: Float64Array;
}

/**
 * Fills `groups` from a column's values in ascending order: runs of values each within
 * FEATURE_THRESHOLD of the one before. When a run spans more than FEATURE_THRESHOLD, a node
 * holding only its ends could split it, so the groups are the distinct values instead and the
 * answer is true (the feature is near: nodes apply the rule).
 */
function valueGroups(sorted: Float32Array, groups: ValueGroups): boolean {
  const { first, last } = groups;
  let count = 0;
  let chained = false;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i];
    if (count > 0 && v <= nearBound(last[count - 1])) {
      last[count - 1] = v;
      if (v > nearBound(first[count - 1])) chained = true;
    } else {
      first[count] = v;
      last[count] = v;
      count++;
    }
  }
  groups.count = count;
  if (!chained) return false;
  count = 0;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i];
    if (count > 0 && v === last[count - 1]) continue;
    first[count] = v;
    last[count] = v;
    count++;
  }
  groups.count = count;
  return true;
}

/**
 * The groups valueGroups would find in the sorted column, for a column of at most two distinct
 * values (keys `a` and `b`, equal for one value), without sorting it.
 */
function twoValueGroups(column: Float32Array, a: number, b: number, bits: Uint32Array, groups: ValueGroups): void {
  const rows = column.length;
  const lowKey = Math.min(a, b);
  let lowRows = 0;
  let lowValue = 0;
  let highValue = 0;
  for (let i = 0; i < rows; i++) {
    if (float32Key(bits[i]) === lowKey) {
      lowRows++;
      lowValue = column[i];
    } else {
      highValue = column[i];
    }
  }
  const { first, last } = groups;
  if (lowRows === rows) {
    groups.count = rows === 0 ? 0 : 1;
    first[0] = lowValue;
    last[0] = lowValue;
  } else if (highValue <= nearBound(lowValue)) {
    groups.count = 1;
    first[0] = lowValue;
    last[0] = highValue;
  } else {
    groups.count = 2;
    first[0] = lowValue;
    last[0] = lowValue;
    first[1] = highValue;
    last[1] = highValue;
  }
}

/** Fills low/high with each group's value range, one bin a group, and returns the number of bins (1 for no rows). */
function binEdges(groups: ValueGroups, low: Float64Array, high: Float64Array): number {
  if (groups.count === 0) return 1;
  for (let g = 0; g < groups.count; g++) {
    low[g] = groups.first[g];
    high[g] = groups.last[g];
  }
  return groups.count;
}

/**
 * Each row's bin: the first bin whose largest value is at least the row's value, read off the
 * column in ascending order (sorted[p] is the value of row order[p]).
 */
function codeSorted(sorted: Float32Array, order: Uint32Array, high: Float64Array, out: Uint8Array): void {
  let bin = 0;
  for (let p = 0; p < sorted.length; p++) {
    const v = sorted[p];
    while (high[bin] < v) bin++;
    out[order[p]] = bin;
  }
}

/** codeSorted for a wide feature: each row's rank among the feature's bins. */
function rankSorted(sorted: Float32Array, order: Uint32Array, high: Float64Array, out: Uint32Array): void {
  let bin = 0;
  for (let p = 0; p < sorted.length; p++) {
    const v = sorted[p];
    while (high[bin] < v) bin++;
    out[order[p]] = bin;
  }
}
