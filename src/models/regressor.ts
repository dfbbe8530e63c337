import type { Matrix } from "../stats/matrix.js";
import { FeatureValueError } from "../stats/featureValueError.js";
import { rowsPerCall } from "../stats/rowBlocks.js";

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
  checkTrainingShape(X, y);
  checkFeatureValues(X);
}

/**
 * checkTrainingData but for the features' values, for a fit whose first pass over X tells
 * whether they need checking (a column sum is finite unless a value is not, or the sum
 * overflows): that fit calls checkFeatureValues then, and saves a pass.
 */
export function checkTrainingShape(X: Matrix, y: Float64Array): void {
  if (X.rows !== y.length) throw new RangeError(`${X.rows} rows but ${y.length} targets`);
  if (X.rows === 0) throw new RangeError("cannot fit on zero rows");
  if (Number.isNaN(nonFiniteMark(y, 0, y.length, rowsPerCall(1)))) {
    const i = y.findIndex((v) => !Number.isFinite(v));
    throw new RangeError(`target at row ${i} is ${y[i]}`);
  }
  checkFeatureShape(X);
}

/** The checks before predicting: the fitted feature count and finite features. */
export function checkQueryData(X: Matrix, fittedCols: number): void {
  if (X.cols !== fittedCols) throw new RangeError(`fitted on ${fittedCols} features, got ${X.cols}`);
  checkFeatures(X);
}

function checkFeatures(X: Matrix): void {
  checkFeatureShape(X);
  checkFeatureValues(X);
}

function checkFeatureShape(X: Matrix): void {
  const { rows, cols, data } = X;
  if (cols === 0) throw new RangeError("X has no features");
  if (data.length !== rows * cols) throw new RangeError(`matrix data has ${data.length} values, expected ${rows} x ${cols}`);
}

/** Throws a FeatureValueError naming X's first value that is not finite, if any. */
export function checkFeatureValues(X: Matrix): void {
  const { cols, data } = X;
  if (!Number.isNaN(nonFiniteMark(data, 0, data.length, rowsPerCall(1)))) return;
  const k = data.findIndex((v) => !Number.isFinite(v));
  throw new FeatureValueError(k % cols, Math.floor(k / cols), String(data[k]));
}

/**
 * NaN when values[from..to - 1] hold a value that is not finite, else 0: v - v is 0 for a finite
 * v and NaN for an infinity or a NaN, summed four ways so that the additions overlap. A branch a
 * value took 1.9 ms of a Lasso fit's 14 on a census-shaped fold (22,800 x 61, the fit's and the
 * prediction's matrices). Halved until a part has at most `step` values (rowBlocks.ts's
 * CALL_STEPS): a fit checks its matrix once, and one long loop was compiled on the stack, and
 * again in a child's second fold.
 */
function nonFiniteMark(values: Float64Array, from: number, to: number, step: number): number {
  if (to - from > step) {
    const middle = (from + to) >>> 1;
    return nonFiniteMark(values, from, middle, step) + nonFiniteMark(values, middle, to, step);
  }
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  let k = from;
  for (; k + 4 <= to; k += 4) {
    a += values[k] - values[k];
    b += values[k + 1] - values[k + 1];
    c += values[k + 2] - values[k + 2];
    d += values[k + 3] - values[k + 3];
  }
  for (; k < to; k++) a += values[k] - values[k];
  return a + b + c + d;
}
