import { FEATURE_THRESHOLD } from "./featureBins.js";
import type { Float32Columns } from "./float32Columns.js";
import { float32Bits, float32Key, radixCounts, radixSort } from "./radixSort.js";

/** scikit-learn adds FEATURE_THRESHOLD to a float32 minimum in float32 arithmetic. */
export const FEATURE_THRESHOLD_32 = Math.fround(FEATURE_THRESHOLD);

/** How the random splitter reads a feature (CodedColumns.kind). */
export const RAW = 0;
export const TWO_VALUED = 1;
export const CODED = 2;

const NEGATIVE_ZERO = float32Key(0x80000000);
const POSITIVE_ZERO = float32Key(0);

/** Most distinct values a coded feature may take: its codes are bytes. */
export const MAX_CODES = 256;

/**
 * The features as the random splitter (extraTreeGrowth.ts) reads them fastest, found once per
 * forest. A feature of at most 256 distinct float32 values is CODED: each row holds the rank of
 * its value (one byte), so a node's range pass gathers bytes from a column a quarter the size,
 * and a threshold t sends a row left exactly when its code is at most the rank of the largest
 * value <= t. A coded feature of two values farther apart than scikit-learn's FEATURE_THRESHOLD
 * (one-hot columns, flags) is TWO_VALUED: every threshold the splitter can draw lies from the lower
 * value up to the higher one (excluded), so the split does not depend on it, and the feature is
 * constant on a node exactly when the node holds one of the two; one pass over the node's codes
 * decides both. Other features stay RAW.
 */
export interface CodedColumns {
  /** RAW, TWO_VALUED or CODED, per feature. */
  readonly kind: Uint8Array;
  /** Column-major ranks: codes[j * rows + i] is the rank of row i's value among feature j's. */
  readonly codes: Uint8Array;
  /** A coded feature's distinct values, ascending: the value of rank r of feature j is at [j * MAX_CODES + r]. */
  readonly distinct: Float64Array;
}

export function codedColumns(columns: Float32Columns): CodedColumns {
  const { rows, cols, values } = columns;
  const kind = new Uint8Array(cols);
  const codes = new Uint8Array(rows * cols);
  const distinct = new Float64Array(cols * MAX_CODES);
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const keys = new Uint32Array(rows);
  const order = new Uint32Array(rows);
  const keyBuffer = new Uint32Array(rows);
  const rowBuffer = new Uint32Array(rows);
  const counts = radixCounts();
  const value = new Float32Array(1);
  const valueBits = new Uint32Array(value.buffer);
  for (let j = 0; j < cols; j++) {
    const base = j * rows;
    for (let i = 0; i < rows; i++) {
      keys[i] = float32Key(bits[base + i]);
      order[i] = i;
    }
    radixSort(keys, order, keyBuffer, rowBuffer, counts);
    let count = 0;
    let zeros = 0;
    for (let p = 0; p < rows && count <= MAX_CODES; p++) {
      if (p > 0 && keys[p] === keys[p - 1]) continue;
      count++;
      if (keys[p] === NEGATIVE_ZERO || keys[p] === POSITIVE_ZERO) zeros++;
    }
    // Ranks are of distinct bits, so -0 and 0 would be two ranks of one value and a rank's value
    // would not stand for its rows bit for bit: such a feature stays raw.
    if (count === 0 || count > MAX_CODES || zeros === 2) continue;
    let rank = -1;
    for (let p = 0; p < rows; p++) {
      if (p === 0 || keys[p] !== keys[p - 1]) {
        rank++;
        valueBits[0] = float32Bits(keys[p]);
        distinct[j * MAX_CODES + rank] = value[0];
      }
      codes[base + order[p]] = rank;
    }
    const low = distinct[j * MAX_CODES];
    const high = distinct[j * MAX_CODES + 1];
    kind[j] = count === 2 && high > Math.fround(low + FEATURE_THRESHOLD_32) ? TWO_VALUED : CODED;
  }
  return { kind, codes, distinct };
}

/** The rank of the largest of a coded feature's values at or below `threshold`, searched in [low, high]. */
export function rankAtOrBelow(distinct: Float64Array, feature: number, low: number, high: number, threshold: number): number {
  const base = feature * MAX_CODES;
  // distinct[base + low] <= threshold < distinct[base + high]: narrow to the last rank at or below.
  let lo = low;
  let hi = high;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (distinct[base + mid] <= threshold) lo = mid;
    else hi = mid;
  }
  return lo;
}
