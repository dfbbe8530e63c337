import type { Matrix } from "../stats/matrix.js";
import { float32Bits, float32Key, radixCounts, radixSort } from "../stats/radixSort.js";
import { float32Columns } from "./float32Columns.js";

/**
 * Every feature coded once per fit into at most 256 ordered bins, so that tree nodes find their
 * best split from a histogram instead of sorting their rows (the speed rule of the tree issue).
 *
 * With at most `maxBins` distinct values a feature gets one bin per value, and the node-level
 * thresholds (midpoints between the neighbouring values present in the node) are exactly
 * scikit-learn's. With more, bins hold runs of neighbouring values of roughly equal row counts.
 *
 * Values are first rounded to float32 because scikit-learn's trees cast X to float32 before
 * fitting and predicting: two doubles that share a float32 are one value to it, and its
 * thresholds are midpoints of float32 values.
 */
export interface FeatureBins {
  readonly rows: number;
  readonly cols: number;
  /** Column-major bin codes: the bin of row i in feature j is codes[j * rows + i]. */
  readonly codes: Uint8Array;
  /** Bins per feature (1..maxBins). */
  readonly binCount: Uint16Array;
  /** Smallest and largest (float32-rounded) training value of bin b of feature j, at [j * MAX_BINS + b]. */
  readonly low: Float64Array;
  readonly high: Float64Array;
}

export const MAX_BINS = 256;

/**
 * scikit-learn's FEATURE_THRESHOLD: neighbouring values closer than this are never split apart
 * (and a node whose values all lie within it is constant), so they share a bin here too.
 */
export const FEATURE_THRESHOLD = 1e-7;

export function binFeatures(X: Matrix, maxBins = MAX_BINS): FeatureBins {
  const { rows, cols } = X;
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > MAX_BINS) {
    throw new RangeError(`maxBins must be an integer in 2..${MAX_BINS}, got ${maxBins}`);
  }
  const codes = new Uint8Array(rows * cols);
  const binCount = new Uint16Array(cols);
  const low = new Float64Array(cols * MAX_BINS);
  const high = new Float64Array(cols * MAX_BINS);
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
  const groups: ValueGroups = { count: 0, first: new Float64Array(rows), last: new Float64Array(rows), size: new Uint32Array(rows) };
  for (let j = 0; j < cols; j++) {
    const column = values.subarray(j * rows, (j + 1) * rows);
    const columnCodes = codes.subarray(j * rows, (j + 1) * rows);
    const offset = j * MAX_BINS;
    // Up to two distinct values (one-hot columns, flags) need no sort: their groups are known.
    let first = 0;
    let second = 0;
    let distinct = 0;
    for (let i = 0; i < rows; i++) {
      const key = float32Key(valueBits[j * rows + i]);
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
    if (distinct <= 2) {
      binCount[j] = twoValueBins(column, first, second, valueBits.subarray(j * rows, (j + 1) * rows), groups, maxBins, low.subarray(offset, offset + maxBins), high.subarray(offset, offset + maxBins));
      for (let i = 0; i < rows; i++) columnCodes[i] = +(column[i] > high[offset]);
      continue;
    }
    for (let i = 0; i < rows; i++) order[i] = i;
    radixSort(keys, order, keyBuffer, rowBuffer, counts);
    for (let p = 0; p < rows; p++) sortedBits[p] = float32Bits(keys[p]);
    valueGroups(sorted, groups);
    binCount[j] = binEdges(groups, rows, maxBins, low.subarray(offset, offset + maxBins), high.subarray(offset, offset + maxBins));
    codeSorted(sorted, order, high.subarray(offset, offset + binCount[j]), columnCodes);
  }
  return { rows, cols, codes, binCount, low, high };
}

/**
 * scikit-learn's threshold between the largest value left of a split and the smallest right of
 * it: their midpoint, or the left value when the midpoint rounds up onto the right one.
 */
export function splitThreshold(bins: FeatureBins, feature: number, leftBin: number, rightBin: number): number {
  const a = bins.high[feature * MAX_BINS + leftBin];
  const b = bins.low[feature * MAX_BINS + rightBin];
  const mid = a / 2 + b / 2;
  return mid === b || !Number.isFinite(mid) ? a : mid;
}

/** Groups of values that may not be split apart, as [first value, last value, rows] runs. */
interface ValueGroups {
  count: number;
  readonly first: Float64Array;
  readonly last: Float64Array;
  readonly size: Uint32Array;
}

/** Fills `groups` from a column's values in ascending order. */
function valueGroups(sorted: Float32Array, groups: ValueGroups): void {
  const { first, last, size } = groups;
  let count = 0;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i];
    if (count > 0 && v <= last[count - 1] + FEATURE_THRESHOLD) {
      last[count - 1] = v;
      size[count - 1]++;
    } else {
      first[count] = v;
      last[count] = v;
      size[count] = 1;
      count++;
    }
  }
  groups.count = count;
}

/**
 * binEdges for a column of at most two distinct values (keys `a` and `b`, equal for one value):
 * the groups valueGroups would find in the sorted column, without sorting it.
 */
function twoValueBins(column: Float32Array, a: number, b: number, bits: Uint32Array, groups: ValueGroups, maxBins: number, low: Float64Array, high: Float64Array): number {
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
  const { first, last, size } = groups;
  if (lowRows === rows) {
    groups.count = rows === 0 ? 0 : 1;
    first[0] = lowValue;
    last[0] = lowValue;
    size[0] = rows;
  } else if (highValue <= lowValue + FEATURE_THRESHOLD) {
    groups.count = 1;
    first[0] = lowValue;
    last[0] = highValue;
    size[0] = rows;
  } else {
    groups.count = 2;
    first[0] = lowValue;
    last[0] = lowValue;
    size[0] = lowRows;
    first[1] = highValue;
    last[1] = highValue;
    size[1] = rows - lowRows;
  }
  return binEdges(groups, rows, maxBins, low, high);
}

/**
 * Fills low/high with each bin's value range and returns the number of bins. Quantile bins are
 * greedy: a bin closes once adding the next group would overshoot the rows left per bin left by
 * more than stopping short would; groups are never split, and once the groups left fit one per
 * bin they each get their own.
 */
function binEdges(groups: ValueGroups, rows: number, maxBins: number, low: Float64Array, high: Float64Array): number {
  if (groups.count === 0) return 1;
  let bins = 0;
  let rowsLeft = rows;
  let binRows = 0;
  for (let g = 0; g < groups.count; g++) {
    const groupsLeft = groups.count - g;
    const binsLeft = maxBins - bins;
    if (binRows > 0) {
      const target = rowsLeft / binsLeft;
      const own = groupsLeft <= binsLeft - 1;
      const overshoot = binRows + groups.size[g] - target;
      if (own || (overshoot > 0 && overshoot > target - binRows)) {
        bins++;
        rowsLeft -= binRows;
        binRows = 0;
      }
    }
    if (binRows === 0) low[bins] = groups.first[g];
    high[bins] = groups.last[g];
    binRows += groups.size[g];
  }
  return bins + 1;
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
