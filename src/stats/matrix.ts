/**
 * Columns first..first + width - 1 of a matrix made by one-hot encoding one categorical column
 * (then scaled column by column, or not): row i holds column first + level[i] at that column's
 * "on" value and every other column of the block at its "off" value; level -1 (a level the
 * encoder never saw) has every column off. Each column's two values are its own and are read
 * from the data. Kept beside the data so that the kernels that look for two-valued columns learn
 * a row's rare entries from its level in O(1) instead of reading the block's width of values.
 */
export interface OneHotBlock {
  readonly first: number;
  readonly width: number;
  /** Per row, the column of the block that is on (0..width - 1), or -1. */
  readonly level: Int32Array;
}

/**
 * Dense row-major matrix of encoded features: value (i, j) is data[i * cols + j]. `oneHot`, in
 * ascending column order, describes the data exactly where present; a matrix derived by any
 * other change (rows subset, values rewritten) is made without it.
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
  readonly oneHot?: readonly OneHotBlock[];
}

export function createMatrix(rows: number, cols: number, data?: Float64Array, oneHot?: readonly OneHotBlock[]): Matrix {
  const values = data ?? new Float64Array(rows * cols);
  if (values.length !== rows * cols) {
    throw new RangeError(`matrix data has ${values.length} values, expected ${rows} x ${cols}`);
  }
  // Without blocks, the plain three-field object every other matrix is: one shape for V8's caches.
  if (oneHot === undefined || oneHot.length === 0) return { rows, cols, data: values };
  let end = 0;
  for (const { first, width, level } of oneHot) {
    if (first < end || width < 1 || first + width > cols || level.length !== rows) {
      throw new RangeError(`one-hot block at column ${first} (width ${width}, ${level.length} rows) does not fit a ${rows} x ${cols} matrix`);
    }
    end = first + width;
  }
  return { rows, cols, data: values, oneHot };
}

/** X's first row as a 1-row matrix (a copy of its values; no one-hot blocks). */
export function firstRow(X: Matrix): Matrix {
  return createMatrix(1, X.cols, X.data.slice(0, X.cols));
}
