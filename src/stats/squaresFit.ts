import type { Matrix } from "./matrix.js";

/**
 * Beyond this magnitude a value's square overflows a double's range (about 1.8e308) once a few
 * are summed: the discriminant analyses, which sum squares about the class means, refuse such a
 * matrix with this reason instead of failing inside their decomposition on an Infinity.
 */
const LARGEST_SQUARED = 1e150;

/** Throws a RangeError naming the column when X holds a value whose square a sum of squares could not hold. */
export function checkSquaresFit(X: Matrix): void {
  const { rows, cols, data } = X;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      if (Math.abs(data[i * cols + j]) > LARGEST_SQUARED) throw new RangeError(`feature ${j} holds ${data[i * cols + j]}, too large for its sums of squares (above ${LARGEST_SQUARED})`);
    }
  }
}
