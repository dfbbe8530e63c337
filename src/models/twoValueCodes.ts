import { nearBound } from "./featureBins.js";
import type { Float32Columns } from "./float32Columns.js";

/**
 * The features that take exactly two float32 values on the training rows, farther apart than
 * scikit-learn's FEATURE_THRESHOLD (one-hot columns, flags), coded one byte a row. On such a
 * feature the random splitter's split does not depend on the threshold it draws (every threshold
 * lies from the lower value up to the higher one, excluded), and the feature is constant on a
 * node exactly when the node holds one of the two values: one pass over a node's codes decides
 * both, where a value column takes a range pass and a threshold pass.
 */
export interface TwoValueCodes {
  /** 1 where feature j takes two values, else 0. */
  readonly twoValued: Uint8Array;
  /** The lower and higher value of each two-valued feature (as float32 values). */
  readonly low: Float64Array;
  readonly high: Float64Array;
  /** Column-major: 0 where row i of two-valued feature j holds the lower value, 1 the higher. */
  readonly codes: Uint8Array;
}

export function twoValueCodes(columns: Float32Columns): TwoValueCodes {
  const { rows, cols, values } = columns;
  const twoValued = new Uint8Array(cols);
  const low = new Float64Array(cols);
  const high = new Float64Array(cols);
  const codes = new Uint8Array(rows * cols);
  // Compared as bits, so that -0 and 0 are two values and never stand for each other.
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  for (let j = 0; j < cols; j++) {
    const base = j * rows;
    if (rows === 0) continue;
    const first = bits[base];
    let second = first;
    let distinct = 1;
    for (let i = base; i < base + rows && distinct <= 2; i++) {
      const b = bits[i];
      if (b === first || b === second) continue;
      if (distinct === 1) second = b;
      distinct++;
    }
    if (distinct !== 2) continue;
    const a = values[base];
    let b = a;
    for (let i = base; i < base + rows; i++) if (bits[i] !== first) b = values[i];
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    if (!(hi > nearBound(lo))) continue;
    twoValued[j] = 1;
    low[j] = lo;
    high[j] = hi;
    for (let i = base; i < base + rows; i++) codes[i] = +(values[i] === hi);
  }
  return { twoValued, low, high, codes };
}
