import type { Matrix } from "../stats/matrix.js";
import { FeatureValueError } from "../stats/featureValueError.js";

/**
 * The contract every regression model honours, as scikit-learn's fit / predict: one prediction
 * per row of X, in row order.
 */
export interface Regressor {
  fit(X: Matrix, y: Float64Array): this;
  predict(X: Matrix): Float64Array;
}

/**
 * The checks every regressor makes at its door before fitting: one finite target per row, at least
 * one row and one feature, and finite features (scikit-learn refuses NaN and infinities too; a NaN
 * would otherwise turn into a NaN model or a silently wrong neighbour).
 */
export function checkTrainingData(X: Matrix, y: Float64Array): void {
  if (X.rows !== y.length) throw new RangeError(`${X.rows} rows but ${y.length} targets`);
  if (X.rows === 0) throw new RangeError("cannot fit on zero rows");
  for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i])) throw new RangeError(`target at row ${i} is ${y[i]}`);
  checkFeatures(X);
}

/** The checks before predicting: the fitted feature count and finite features. */
export function checkQueryData(X: Matrix, fittedCols: number): void {
  if (X.cols !== fittedCols) throw new RangeError(`fitted on ${fittedCols} features, got ${X.cols}`);
  checkFeatures(X);
}

function checkFeatures(X: Matrix): void {
  const { rows, cols, data } = X;
  if (cols === 0) throw new RangeError("X has no features");
  if (data.length !== rows * cols) throw new RangeError(`matrix data has ${data.length} values, expected ${rows} x ${cols}`);
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k])) throw new FeatureValueError(k % cols, Math.floor(k / cols), String(data[k]));
  }
}
