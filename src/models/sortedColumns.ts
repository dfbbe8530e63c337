import { fillRowOrder } from "../stats/rowOrder.js";
import type { Matrix } from "../stats/matrix.js";
import { float32Key, radixCounts, radixSort } from "../stats/radixSort.js";
import { FeatureValueError, FLOAT32_NEEDED } from "../stats/featureValueError.js";
import { rowsPerCall } from "../stats/rowBlocks.js";

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
  const counts = radixCounts();
  const column = new Float32Array(1);
  const columnBits = new Uint32Array(column.buffer);
  for (let j = 0; j < cols; j++) {
    const base = j * rows;
    const rowsOut = order.subarray(base, base + rows);
    readColumn(data, rows, cols, j, values, keys, column, columnBits);
    fillRowOrder(rowsOut, rows);
    radixSort(keys, rowsOut, keyBuffer, rowBuffer, counts);
    gatherColumn(values, base, rowsOut, sorted);
  }
  return { rows, cols, values, order, sorted };
}

/**
 * Feature j's float32 values and sort keys (columnKeys). Each pass over a column's rows runs a
 * block of rows per call (rowBlocks.ts's CALL_STEPS), from a function called once per column.
 */
function readColumn(data: Float64Array, rows: number, cols: number, j: number, values: Float32Array, keys: Uint32Array, column: Float32Array, columnBits: Uint32Array): void {
  for (let from = 0, step = rowsPerCall(1); from < rows; from += step) columnKeys(data, rows, cols, j, from, Math.min(rows, from + step), values, keys, column, columnBits);
}

/** The column's values by rank into sorted[base, base + rows) (gatherSorted). */
function gatherColumn(values: Float32Array, base: number, rowsOut: Uint32Array, sorted: Float32Array): void {
  const rows = rowsOut.length;
  for (let from = 0, step = rowsPerCall(1); from < rows; from += step) gatherSorted(values, base, rowsOut, from, Math.min(rows, from + step), sorted);
}

/** Rows [from, to) of feature j: float32 values into values[j * rows + i] and their sort keys into keys. */
function columnKeys(data: Float64Array, rows: number, cols: number, j: number, from: number, to: number, values: Float32Array, keys: Uint32Array, column: Float32Array, columnBits: Uint32Array): void {
  const base = j * rows;
  for (let i = from; i < to; i++) {
    // + 0 turns -0 into 0, which scikit-learn's comparisons treat alike.
    const v = Math.fround(data[i * cols + j]) + 0;
    if (!Number.isFinite(v)) throw new FeatureValueError(j, i, String(data[i * cols + j]), FLOAT32_NEEDED);
    values[base + i] = v;
    column[0] = v;
    keys[i] = float32Key(columnBits[0]);
  }
}

/** The column's values at ranks [from, to) into sorted[base + from, base + to). */
function gatherSorted(values: Float32Array, base: number, rowsOut: Uint32Array, from: number, to: number, sorted: Float32Array): void {
  for (let p = from; p < to; p++) sorted[base + p] = values[base + rowsOut[p]];
}
