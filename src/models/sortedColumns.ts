import type { Matrix } from "../stats/matrix.js";

/**
 * The features as gradient boosting's trees see them: rounded to float32 (scikit-learn's
 * BaseGradientBoosting casts X to float32 before fitting, as its trees do), column by column, and
 * each column's rows in ascending order of value. Sorted once per fit and shared by every tree
 * of every stage, where scikit-learn sorts each node's values again at every split.
 */
export interface SortedColumns {
  readonly rows: number;
  readonly cols: number;
  /** Column-major values by row: feature j of row i is values[j * rows + i]. */
  readonly values: Float32Array;
  /** Column-major rows by ascending value: order[j * rows + p] is the row at rank p of feature j. */
  readonly order: Uint32Array;
  /** Column-major values by rank: sorted[j * rows + p] = values[j * rows + order[j * rows + p]]. */
  readonly sorted: Float32Array;
}

export function sortColumns(X: Matrix): SortedColumns {
  const { rows, cols, data } = X;
  const values = new Float32Array(rows * cols);
  const order = new Uint32Array(rows * cols);
  const sorted = new Float32Array(rows * cols);
  const keys = new Uint32Array(rows);
  const keyBuffer = new Uint32Array(rows);
  const rowBuffer = new Uint32Array(rows);
  const column = new Float32Array(1);
  const columnBits = new Uint32Array(column.buffer);
  for (let j = 0; j < cols; j++) {
    const base = j * rows;
    for (let i = 0; i < rows; i++) {
      // + 0 turns -0 into 0, which scikit-learn's comparisons treat alike.
      const v = Math.fround(data[i * cols + j]) + 0;
      if (!Number.isFinite(v)) throw new RangeError(`feature ${j} row ${i} is ${data[i * cols + j]}: trees need finite float32 values`);
      values[base + i] = v;
      column[0] = v;
      const bits = columnBits[0];
      // IEEE order as unsigned order: flip every bit of negatives, only the sign bit of the rest.
      keys[i] = bits & 0x80000000 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0;
    }
    const rowsOut = order.subarray(base, base + rows);
    for (let i = 0; i < rows; i++) rowsOut[i] = i;
    radixSort(keys, rowsOut, keyBuffer, rowBuffer);
    for (let p = 0; p < rows; p++) sorted[base + p] = values[base + rowsOut[p]];
  }
  return { rows, cols, values, order, sorted };
}

const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;

/**
 * Stable least-significant-digit radix sort of keys (three 11-bit digits), carrying row indices
 * along; linear in the rows, where a comparison sort would call a comparator n log n times.
 */
function radixSort(keys: Uint32Array, rowIndex: Uint32Array, keyBuffer: Uint32Array, rowBuffer: Uint32Array): void {
  const n = keys.length;
  const counts = new Uint32Array(BUCKETS);
  let fromKeys = keys;
  let fromRows = rowIndex;
  let toKeys = keyBuffer;
  let toRows = rowBuffer;
  for (let shift = 0; shift < 32; shift += DIGIT_BITS) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(fromKeys[i] >>> shift) & (BUCKETS - 1)]++;
    let total = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = counts[b];
      counts[b] = total;
      total += c;
    }
    for (let i = 0; i < n; i++) {
      const key = fromKeys[i];
      const slot = counts[(key >>> shift) & (BUCKETS - 1)]++;
      toKeys[slot] = key;
      toRows[slot] = fromRows[i];
    }
    [fromKeys, toKeys] = [toKeys, fromKeys];
    [fromRows, toRows] = [toRows, fromRows];
  }
  // Three passes leave the result in the buffers; copy it back.
  if (fromRows !== rowIndex) rowIndex.set(fromRows);
}
