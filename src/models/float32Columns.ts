import type { Matrix } from "../stats/matrix.js";
import { FeatureValueError, FLOAT32_NEEDED } from "../stats/featureValueError.js";
import { rowsPerCall } from "../stats/rowBlocks.js";

/**
 * The features as float32 columns, for trees that split on raw values rather than on bins (extra
 * trees draw their thresholds between a node's smallest and largest value). float32 because
 * scikit-learn's trees cast X to float32 before fitting and predicting; column-major so that one
 * feature's values over a node's rows are one array.
 */
export interface Float32Columns {
  readonly rows: number;
  readonly cols: number;
  /** The value of row i in feature j is values[j * rows + i]. */
  readonly values: Float32Array;
}

export function float32Columns(X: Matrix): Float32Columns {
  const { rows, cols, data } = X;
  if (data.length !== rows * cols) throw new RangeError(`matrix data has ${data.length} values, expected ${rows} x ${cols}`);
  const values = new Float32Array(rows * cols);
  transposeRows(data, rows, cols, 0, rows, rowsPerCall(cols), values);
  return { rows, cols, values };
}

/**
 * Rows [from, to) of the row-major data into the columns, halved down to `most` rows a call
 * (rowBlocks.ts's CALL_STEPS): a loop over blocks of a few rows would itself run long on a wide
 * table.
 */
function transposeRows(data: Float64Array, rows: number, cols: number, from: number, to: number, most: number, values: Float32Array): void {
  if (to - from > most) {
    const middle = (from + to) >>> 1;
    transposeRows(data, rows, cols, from, middle, most, values);
    transposeRows(data, rows, cols, middle, to, most, values);
    return;
  }
  for (let i = from; i < to; i++) {
    for (let j = 0; j < cols; j++) {
      const v = data[i * cols + j];
      // Finite doubles beyond float32's range round to infinity, which no threshold can split.
      if (!Number.isFinite(Math.fround(v))) throw new FeatureValueError(j, i, String(v), FLOAT32_NEEDED);
      values[j * rows + i] = v;
    }
  }
}
