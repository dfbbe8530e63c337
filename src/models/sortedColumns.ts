import { fillRowOrder } from "../stats/rowOrder.js";
import type { Matrix } from "../stats/matrix.js";
import { float32Key, radixCounts, radixSort } from "../stats/radixSort.js";
import { FeatureValueError, FLOAT32_NEEDED } from "../stats/featureValueError.js";

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
  // Each loop over a column's rows is a function of its own: V8 compiles a long loop met in a
  // first call on the stack, and throws the compiled code away where it reaches code after the
  // loop that has not run yet (sortColumns was compiled whole five times in a child's first folds).
  for (let j = 0; j < cols; j++) {
    const base = j * rows;
    columnKeys(data, rows, cols, j, values, keys, column, columnBits);
    const rowsOut = order.subarray(base, base + rows);
    fillRowOrder(rowsOut, rows);
    radixSort(keys, rowsOut, keyBuffer, rowBuffer, counts);
    gatherSorted(values, base, rowsOut, sorted);
  }
  return { rows, cols, values, order, sorted };
}

/** Feature j's float32 values into values[j * rows, (j + 1) * rows) and their sort keys into keys. */
function columnKeys(data: Float64Array, rows: number, cols: number, j: number, values: Float32Array, keys: Uint32Array, column: Float32Array, columnBits: Uint32Array): void {
  const base = j * rows;
  for (let i = 0; i < rows; i++) {
    // + 0 turns -0 into 0, which scikit-learn's comparisons treat alike.
    const v = Math.fround(data[i * cols + j]) + 0;
    if (!Number.isFinite(v)) throw new FeatureValueError(j, i, String(data[i * cols + j]), FLOAT32_NEEDED);
    values[base + i] = v;
    column[0] = v;
    keys[i] = float32Key(columnBits[0]);
  }
}

/** The column's values by rank into sorted[base, base + rows). */
function gatherSorted(values: Float32Array, base: number, rowsOut: Uint32Array, sorted: Float32Array): void {
  for (let p = 0; p < rowsOut.length; p++) sorted[base + p] = values[base + rowsOut[p]];
}
