import type { Matrix } from "../stats/matrix.js";
import { sortFloat64 } from "../stats/sortFloat64.js";
import { twoValuedColumns } from "../stats/twoValuedColumns.js";
import { FeatureValueError } from "../stats/featureValueError.js";
import { rowsPerCall } from "../stats/rowBlocks.js";

/**
 * Features coded into at most 255 ordered bins, as scikit-learn 1.2's _BinMapper does for
 * HistGradientBoosting* (max_bins=255; its 256th bin, for missing values, stays empty here: the
 * protocol imputes every feature first). Binning works on the raw doubles, not on float32.
 */
export interface BinnedFeatures {
  readonly rows: number;
  readonly cols: number;
  /**
   * Row-major bin codes: the bin of row i in feature j is codes[i * cols + j]. Row-major so that a
   * histogram pass reads each row's codes together and its consecutive updates land in different
   * features' bins, instead of queueing on one bin of a one-hot column.
   */
  readonly codes: Uint8Array;
  /** Per feature, the ascending upper bounds of its bins but the last: x is in bin b iff thresholds[b - 1] < x <= thresholds[b]. */
  readonly thresholds: readonly Float64Array[];
}

export const MAX_HISTOGRAM_BINS = 255;

/** scikit-learn's ALMOST_INF: thresholds are clipped to it, +inf being kept for splits on NaN. */
const ALMOST_INF = 1e300;

export function binFeaturesForHistograms(X: Matrix, maxBins = MAX_HISTOGRAM_BINS): BinnedFeatures {
  const { rows, cols, data } = X;
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > MAX_HISTOGRAM_BINS) {
    throw new RangeError(`maxBins must be an integer in 2..${MAX_HISTOGRAM_BINS}, got ${maxBins}`);
  }
  // Most columns of an encoded table take two values: those are found in one pass over the rows
  // in memory order, and only the others are gathered column by column for a sort (and for the
  // row and column of a value that is not finite, which makes `two` null).
  const two = twoValuedColumns(X, null, 1, Infinity);
  const isTwoValued = new Uint8Array(cols);
  if (two !== null) for (const j of two.binary) isTwoValued[j] = 1;
  const thresholds: Float64Array[] = [];
  const column = new Float64Array(rows);
  for (let j = 0; j < cols; j++) {
    if (two !== null && isTwoValued[j] === 1) {
      thresholds.push(binThresholds(Float64Array.of(two.groupBase[j], two.groupRare[j]), maxBins));
      continue;
    }
    // Each pass over the rows a block of rows per call (see countDistinct).
    gatherColumn(data, rows, cols, j, column);
    thresholds.push(binThresholds(column, maxBins));
  }
  return { rows, cols, codes: binCodes(X, thresholds), thresholds };
}

/** Row-major bin codes, in memory order. */
function binCodes(X: Matrix, thresholds: readonly Float64Array[]): Uint8Array {
  const { rows, cols, data } = X;
  const codes = new Uint8Array(rows * cols);
  binCodeRange(data, cols, thresholds, 0, rows, rowsPerCall(cols), codes);
  return codes;
}

/** Rows [from, to)'s codes, halved down to `most` rows a call (see countDistinct; a loop over blocks of a few rows would itself run long on a wide table). */
function binCodeRange(data: Float64Array, cols: number, thresholds: readonly Float64Array[], from: number, to: number, most: number, codes: Uint8Array): void {
  if (to - from > most) {
    const middle = (from + to) >>> 1;
    binCodeRange(data, cols, thresholds, from, middle, most, codes);
    binCodeRange(data, cols, thresholds, middle, to, most, codes);
    return;
  }
  for (let i = from; i < to; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) codes[o + j] = binOf(data[o + j], thresholds[j]);
  }
}

/**
 * scikit-learn's _find_binning_thresholds on one column (all rows: scikit-learn subsamples 200,000
 * rows above that size, with its own random draw, which ours cannot follow; we use every row).
 * With at most maxBins distinct values, the midpoints between neighbours, (a + b) * 0.5; with more,
 * numpy's percentile(column, linspace(0, 100, maxBins + 1)[1:-1], method="midpoint").
 */
export function binThresholds(column: Float64Array, maxBins: number): Float64Array {
  const sorted = sortFloat64(column);
  const distinct = countDistinct(sorted);
  let out: Float64Array;
  if (distinct <= maxBins) {
    const unique = uniqueOfSorted(sorted, distinct);
    out = new Float64Array(Math.max(0, distinct - 1));
    for (let k = 0; k < out.length; k++) out[k] = (unique[k] + unique[k + 1]) * 0.5;
  } else {
    out = new Float64Array(maxBins - 1);
    // numpy's linspace(0, 100, maxBins + 1): i * step, then q / 100 as np.percentile divides.
    const step = 100 / maxBins;
    for (let k = 1; k < maxBins; k++) out[k - 1] = midpointPercentile(sorted, (k * step) / 100);
  }
  for (let k = 0; k < out.length; k++) if (out[k] > ALMOST_INF) out[k] = ALMOST_INF;
  return out;
}

/** Column j of the row-major data into column; a value that is not finite throws. */
function gatherColumn(data: Float64Array, rows: number, cols: number, j: number, column: Float64Array): void {
  for (let from = 0, step = rowsPerCall(1); from < rows; from += step) gatherColumnRange(data, cols, j, from, Math.min(rows, from + step), column);
}

function gatherColumnRange(data: Float64Array, cols: number, j: number, from: number, to: number, column: Float64Array): void {
  for (let i = from; i < to; i++) {
    const v = data[i * cols + j];
    if (!Number.isFinite(v)) throw new FeatureValueError(j, i, String(v));
    column[i] = v;
  }
}

/**
 * How many distinct values a sorted array holds. This pass, uniqueOfSorted's and gatherColumn's,
 * once per column of a fit, run a block of rows per call (rowBlocks.ts's CALL_STEPS).
 */
function countDistinct(sorted: Float64Array): number {
  const n = sorted.length;
  let distinct = 0;
  for (let from = 0, step = rowsPerCall(1); from < n; from += step) distinct += countNewValues(sorted, from, Math.min(n, from + step));
  return distinct;
}

/** How many of sorted[from, to) differ from the value before them (the first value counts). */
function countNewValues(sorted: Float64Array, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) count++;
  return count;
}

/** The distinct values of a sorted array, ascending; distinct is their count. */
function uniqueOfSorted(sorted: Float64Array, distinct: number): Float64Array {
  const n = sorted.length;
  const unique = new Float64Array(distinct);
  let k = 0;
  for (let from = 0, step = rowsPerCall(1); from < n; from += step) k = fillNewValues(sorted, from, Math.min(n, from + step), unique, k);
  return unique;
}

/** uniqueOfSorted for sorted[from, to), into unique from `filled`; returns the count after them. */
function fillNewValues(sorted: Float64Array, from: number, to: number, unique: Float64Array, filled: number): number {
  let k = filled;
  for (let i = from; i < to; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) unique[k++] = sorted[i];
  return k;
}

/**
 * numpy 1.24's quantile with method="midpoint" on a sorted array: the virtual index
 * (floor((n-1)q) + ceil((n-1)q)) / 2, then the value there, or between its neighbours by numpy's
 * _lerp (b - (b - a) * 0.5).
 */
function midpointPercentile(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const position = (n - 1) * q;
  const virtual = 0.5 * (Math.floor(position) + Math.ceil(position));
  if (virtual >= n - 1) return sorted[n - 1];
  if (virtual < 0) return sorted[0];
  const previous = Math.floor(virtual);
  const a = sorted[previous];
  if (virtual === previous) return a;
  const b = sorted[previous + 1];
  return b - (b - a) * 0.5;
}

/**
 * scikit-learn's _map_col_to_bins for one value: the number of thresholds strictly below it.
 * A branch-free lower bound (the halving steps do not depend on the data), since a value's bin is
 * as unpredictable as the value.
 */
export function binOf(value: number, thresholds: Float64Array): number {
  let base = 0;
  let length = thresholds.length;
  if (length === 0) return 0;
  while (length > 1) {
    const half = length >>> 1;
    base = thresholds[base + half - 1] < value ? base + half : base;
    length -= half;
  }
  return base + (thresholds[base] < value ? 1 : 0);
}
