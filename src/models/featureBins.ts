import type { Matrix } from "./estimator.js";

/** At most this many bins per feature, so codes fit a byte (as HistGradientBoosting, LightGBM). */
export const MAX_BINS = 256;

/**
 * Each feature's training values coded into ordered bins, once per fit, so that growing a tree
 * never sorts at a node: a node's split search is a histogram over bins. With at most 256
 * distinct values every value is its own bin and trees are exactly scikit-learn's; with more,
 * bins hold equal shares of the rows (quantiles).
 */
export interface FeatureBins {
  readonly rows: number;
  readonly cols: number;
  /** Column-major: codes[j * rows + i] is row i's bin for feature j. */
  readonly codes: Uint8Array;
  /** Bins used by feature j. */
  readonly binCount: Uint16Array;
  /** Smallest and largest training value in bin b of feature j, at [j * MAX_BINS + b]. */
  readonly binMin: Float64Array;
  readonly binMax: Float64Array;
}

function upperBound(sorted: Float64Array, count: number, value: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function binFeatures(X: Matrix, maxBins = MAX_BINS): FeatureBins {
  const { rows, cols, data } = X;
  if (maxBins > MAX_BINS || maxBins < 2) throw new RangeError(`maxBins must be in 2..${MAX_BINS}`);
  const codes = new Uint8Array(rows * cols);
  const binCount = new Uint16Array(cols);
  const binMin = new Float64Array(cols * MAX_BINS).fill(Infinity);
  const binMax = new Float64Array(cols * MAX_BINS).fill(-Infinity);
  const values = new Float64Array(rows);
  // Upper edge of each bin but the last: a value goes to the first bin whose edge is >= it.
  const edges = new Float64Array(maxBins);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) values[i] = data[i * cols + j];
    const sorted = values.slice().sort();
    let distinct = 0;
    for (let i = 0; i < rows; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
    let edgeCount = 0;
    if (distinct <= maxBins) {
      for (let i = 0; i < rows; i++) if (i + 1 < rows && sorted[i + 1] !== sorted[i]) edges[edgeCount++] = sorted[i];
    } else {
      // Quantile bins: close a bin at a distinct value once its share of rows is reached.
      let nextTarget = rows / maxBins;
      for (let i = 0; i < rows - 1 && edgeCount < maxBins - 1; i++) {
        if (sorted[i + 1] !== sorted[i] && i + 1 >= nextTarget) {
          edges[edgeCount++] = sorted[i];
          nextTarget = ((edgeCount + 1) * rows) / maxBins;
        }
      }
    }
    binCount[j] = edgeCount + 1;
    const base = j * MAX_BINS;
    for (let i = 0; i < rows; i++) {
      const v = values[i];
      const b = upperBound(edges, edgeCount, v);
      codes[j * rows + i] = b;
      if (v < binMin[base + b]) binMin[base + b] = v;
      if (v > binMax[base + b]) binMax[base + b] = v;
    }
  }
  return { rows, cols, codes, binCount, binMin, binMax };
}
