import { fillRowOrder } from "../stats/rowOrder.js";
import type { Matrix } from "../stats/matrix.js";
import { float32Bits, float32Key, radixCounts, radixSort } from "../stats/radixSort.js";
import { float32Columns } from "./float32Columns.js";
import { grownFloat64 } from "./grownArrays.js";
import { rowsPerCall } from "../stats/rowBlocks.js";

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
  const lowAndHigh = new Float64Array(2);
  const chained = new Uint8Array(1);
  for (let j = 0; j < cols; j++) {
    const column = values.subarray(j * rows, (j + 1) * rows);
    const columnCodes = codes.subarray(j * rows, (j + 1) * rows);
    const offset = binStart[j];
    // Up to two distinct values (one-hot columns, flags) need no sort: their groups are known.
    // Each pass over the rows runs a block of rows per call (see columnKeys).
    const distinct = columnKeys(valueBits, j * rows, rows, keys, firstTwo);
    if (distinct <= 2) {
      twoValueGroups(column, firstTwo[0], firstTwo[1], valueBits.subarray(j * rows, (j + 1) * rows), groups, lowAndHigh);
      binCount[j] = binEdges(groups, low.subarray(offset, offset + MAX_BINS), high.subarray(offset, offset + MAX_BINS));
      codeTwoValues(column, high[offset], columnCodes);
      binStart[j + 1] = offset + binCount[j];
      continue;
    }
    fillRowOrder(order, rows);
    radixSort(keys, order, keyBuffer, rowBuffer, counts);
    bitsOfKeys(keys, sortedBits);
    near[j] = valueGroups(sorted, groups, chained) ? 1 : 0;
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
 * A column's float32 keys (valueBits[base .. base + rows - 1]) into keys; returns how many distinct
 * keys it met, counting no further than 3, with the first two in firstTwo (the first twice when
 * there is one). Each of binFeatures' passes over a column's rows runs a block of rows per call
 * (rowBlocks.ts's CALL_STEPS), carrying what it found between blocks in arrays and arguments.
 */
function columnKeys(valueBits: Uint32Array, base: number, rows: number, keys: Uint32Array, firstTwo: Uint32Array): number {
  firstTwo[0] = 0;
  firstTwo[1] = 0;
  let distinct = 0;
  for (let from = 0, step = rowsPerCall(1); from < rows; from += step) distinct = keyRange(valueBits, base, from, Math.min(rows, from + step), keys, firstTwo, distinct);
  return distinct;
}

/** columnKeys for rows [from, to), given the distinct keys met before them; returns the count after them. */
function keyRange(valueBits: Uint32Array, base: number, from: number, to: number, keys: Uint32Array, firstTwo: Uint32Array, distinctBefore: number): number {
  let first = firstTwo[0];
  let second = firstTwo[1];
  let distinct = distinctBefore;
  for (let i = from; i < to; i++) {
    const key = float32Key(valueBits[base + i]);
    keys[i] = key;
    if (distinct === 0) {
      first = key;
      second = key;
      distinct = 1;
    } else if (key !== first && key !== second) {
      second = key;
      distinct++;
    }
  }
  firstTwo[0] = first;
  firstTwo[1] = second;
  return distinct;
}

/** A two-valued column's codes: 1 above the first bin's largest value. */
function codeTwoValues(column: Float32Array, firstHigh: number, columnCodes: Uint8Array): void {
  for (let from = 0, step = rowsPerCall(1); from < column.length; from += step) codeTwoValueRange(column, firstHigh, from, Math.min(column.length, from + step), columnCodes);
}

function codeTwoValueRange(column: Float32Array, firstHigh: number, from: number, to: number, columnCodes: Uint8Array): void {
  for (let i = from; i < to; i++) columnCodes[i] = +(column[i] > firstHigh);
}

/** The float32 bit patterns of sorted keys. */
function bitsOfKeys(keys: Uint32Array, sortedBits: Uint32Array): void {
  for (let from = 0, step = rowsPerCall(1); from < keys.length; from += step) bitsOfKeyRange(keys, from, Math.min(keys.length, from + step), sortedBits);
}

function bitsOfKeyRange(keys: Uint32Array, from: number, to: number, sortedBits: Uint32Array): void {
  for (let p = from; p < to; p++) sortedBits[p] = float32Bits(keys[p]);
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
 * answer is true (the feature is near: nodes apply the rule). `chained` is one byte of scratch.
 */
function valueGroups(sorted: Float32Array, groups: ValueGroups, chained: Uint8Array): boolean {
  const { first, last } = groups;
  const rows = sorted.length;
  const step = rowsPerCall(1);
  chained[0] = 0;
  let count = 0;
  for (let from = 0; from < rows; from += step) count = groupRange(sorted, from, Math.min(rows, from + step), first, last, count, chained);
  groups.count = count;
  if (chained[0] === 0) return false;
  count = 0;
  for (let from = 0; from < rows; from += step) count = distinctRange(sorted, from, Math.min(rows, from + step), first, last, count);
  groups.count = count;
  return true;
}

/** valueGroups's runs over sorted[from, to), after `count` groups; returns the count after them, chained[0] set to 1 when a run spans more than FEATURE_THRESHOLD. */
function groupRange(sorted: Float32Array, from: number, to: number, first: Float64Array, last: Float64Array, countBefore: number, chained: Uint8Array): number {
  let count = countBefore;
  for (let i = from; i < to; i++) {
    const v = sorted[i];
    if (count > 0 && v <= nearBound(last[count - 1])) {
      last[count - 1] = v;
      if (v > nearBound(first[count - 1])) chained[0] = 1;
    } else {
      first[count] = v;
      last[count] = v;
      count++;
    }
  }
  return count;
}

/** The distinct values of sorted[from, to) as one-value groups, after `count` of them; returns the count after them. */
function distinctRange(sorted: Float32Array, from: number, to: number, first: Float64Array, last: Float64Array, countBefore: number): number {
  let count = countBefore;
  for (let i = from; i < to; i++) {
    const v = sorted[i];
    if (count > 0 && v === last[count - 1]) continue;
    first[count] = v;
    last[count] = v;
    count++;
  }
  return count;
}

/**
 * The groups valueGroups would find in the sorted column, for a column of at most two distinct
 * values (keys `a` and `b`, equal for one value), without sorting it. `lowAndHigh` is scratch for
 * two values.
 */
function twoValueGroups(column: Float32Array, a: number, b: number, bits: Uint32Array, groups: ValueGroups, lowAndHigh: Float64Array): void {
  const rows = column.length;
  const lowKey = Math.min(a, b);
  lowAndHigh[0] = 0;
  lowAndHigh[1] = 0;
  let lowRows = 0;
  for (let from = 0, step = rowsPerCall(1); from < rows; from += step) lowRows += lowKeyRange(column, bits, lowKey, from, Math.min(rows, from + step), lowAndHigh);
  const lowValue = lowAndHigh[0];
  const highValue = lowAndHigh[1];
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

/** Rows of [from, to) holding lowKey, returned; the last such row's value into lowAndHigh[0], the last other row's into lowAndHigh[1]. */
function lowKeyRange(column: Float32Array, bits: Uint32Array, lowKey: number, from: number, to: number, lowAndHigh: Float64Array): number {
  let lowRows = 0;
  for (let i = from; i < to; i++) {
    if (float32Key(bits[i]) === lowKey) {
      lowRows++;
      lowAndHigh[0] = column[i];
    } else {
      lowAndHigh[1] = column[i];
    }
  }
  return lowRows;
}

/**
 * Fills low/high with each group's value range, one bin a group, and returns the number of bins
 * (1 for no rows). Copied whole: a loop over the groups, as many as the rows, ran once per column.
 */
function binEdges(groups: ValueGroups, low: Float64Array, high: Float64Array): number {
  if (groups.count === 0) return 1;
  low.set(groups.first.subarray(0, groups.count));
  high.set(groups.last.subarray(0, groups.count));
  return groups.count;
}

/**
 * Each row's bin: the first bin whose largest value is at least the row's value, read off the
 * column in ascending order (sorted[p] is the value of row order[p]).
 */
function codeSorted(sorted: Float32Array, order: Uint32Array, high: Float64Array, out: Uint8Array): void {
  let bin = 0;
  for (let from = 0, step = rowsPerCall(1); from < sorted.length; from += step) bin = codeSortedRange(sorted, order, high, from, Math.min(sorted.length, from + step), bin, out);
}

/** codeSorted for positions [from, to), from bin `bin` on; returns the bin reached. */
function codeSortedRange(sorted: Float32Array, order: Uint32Array, high: Float64Array, from: number, to: number, binBefore: number, out: Uint8Array): number {
  let bin = binBefore;
  for (let p = from; p < to; p++) {
    const v = sorted[p];
    while (high[bin] < v) bin++;
    out[order[p]] = bin;
  }
  return bin;
}

/** codeSorted for a wide feature: each row's rank among the feature's bins. */
function rankSorted(sorted: Float32Array, order: Uint32Array, high: Float64Array, out: Uint32Array): void {
  let bin = 0;
  for (let from = 0, step = rowsPerCall(1); from < sorted.length; from += step) bin = rankSortedRange(sorted, order, high, from, Math.min(sorted.length, from + step), bin, out);
}

/**
 * codeSortedRange into ranks. A copy rather than one function over Uint8Array | Uint32Array:
 * reading two kinds of typed array at one site makes V8's element access polymorphic.
 */
function rankSortedRange(sorted: Float32Array, order: Uint32Array, high: Float64Array, from: number, to: number, binBefore: number, out: Uint32Array): number {
  let bin = binBefore;
  for (let p = from; p < to; p++) {
    const v = sorted[p];
    while (high[bin] < v) bin++;
    out[order[p]] = bin;
  }
  return bin;
}
