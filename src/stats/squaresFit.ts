import { FeatureValueError } from "./featureValueError.js";

/**
 * The discriminant analyses sum squares of each column about the class means; a value beyond
 * about 1e154 makes such a sum overflow to Infinity, and the decomposition after it would fail
 * on "a value that is not finite" with no word of why. Throws a RangeError naming the column when
 * one of `sums` (per column, or per class and column, `cols` wide) is not finite.
 */
export function checkSquaresFit(sums: Float64Array, cols: number): void {
  for (let k = 0; k < sums.length; k++) {
    if (!Number.isFinite(sums[k])) throw new FeatureValueError(k % cols, null, "values too large for their sums of squares (beyond about 1e154)");
  }
}
