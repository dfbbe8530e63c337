import { pairwiseSum } from "./pairwiseSum.js";

/**
 * The regression grid's error measures of one fold, as scikit-learn 1.2's metrics (PyCaret's
 * MAE, MSE, RMSE, R2, RMSLE and MAPE columns), on true and predicted values of equal length.
 * Means are taken in NumPy's order of additions (pairwiseSum), so that they equal scikit-learn's
 * to the last bit or nearly. Like scikit-learn, they refuse NaN and infinite values instead of
 * returning a number computed from them.
 */

export function meanAbsoluteError(yTrue: Float64Array, yPred: Float64Array): number {
  checkPair(yTrue, yPred);
  return meanOf(yTrue.length, (i) => Math.abs(yPred[i] - yTrue[i]));
}

export function meanSquaredError(yTrue: Float64Array, yPred: Float64Array): number {
  checkPair(yTrue, yPred);
  return meanOf(yTrue.length, (i) => square(yTrue[i] - yPred[i]));
}

/** mean_squared_error(squared=False): the root of the mean, not a mean of roots. */
export function rootMeanSquaredError(yTrue: Float64Array, yPred: Float64Array): number {
  return Math.sqrt(meanSquaredError(yTrue, yPred));
}

/**
 * r2_score with force_finite=True: 1 - SS_res / SS_tot; when y is constant (SS_tot exactly 0) it
 * is 1 for perfect predictions and 0 otherwise, and it is NaN with fewer than two values (where
 * scikit-learn warns that R2 is not well-defined). "Constant" is judged on SS_tot as NumPy
 * computes it, so a y whose mean does not round back to its values is not constant, as there.
 */
export function r2Score(yTrue: Float64Array, yPred: Float64Array): number {
  checkPair(yTrue, yPred);
  const n = yTrue.length;
  if (n < 2) return NaN;
  const mean = pairwiseSum(yTrue) / n;
  const residual = sumOf(n, (i) => square(yTrue[i] - yPred[i]));
  const total = sumOf(n, (i) => square(yTrue[i] - mean));
  if (residual === 0) return 1;
  if (total === 0) return 0;
  return 1 - residual / total;
}

/**
 * sqrt(mean((log1p(pred) - log1p(true))^2)), the RMSLE column as issue 9 defines it; NaN when a
 * true or predicted value is at most -1, where log1p is undefined (scikit-learn's
 * mean_squared_log_error raises on any negative value instead). PyCaret's own RMSLE container
 * takes absolute values of both first, so it is never NaN and scores a prediction of -500 as if
 * it were +500.
 */
export function rootMeanSquaredLogError(yTrue: Float64Array, yPred: Float64Array): number {
  checkPair(yTrue, yPred);
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] <= -1 || yPred[i] <= -1) return NaN;
  return Math.sqrt(meanOf(yTrue.length, (i) => square(Math.log1p(yPred[i]) - Math.log1p(yTrue[i]))));
}

/**
 * mean_absolute_percentage_error: mean(|pred - true| / max(|true|, eps)), a fraction (not
 * percent). A true value of 0 divides by machine epsilon, so a miss there dominates the mean, as
 * in scikit-learn. (PyCaret's own MAPE container leaves out the rows whose true value is 0.)
 */
export function meanAbsolutePercentageError(yTrue: Float64Array, yPred: Float64Array): number {
  checkPair(yTrue, yPred);
  return meanOf(yTrue.length, (i) => Math.abs(yPred[i] - yTrue[i]) / Math.max(Math.abs(yTrue[i]), Number.EPSILON));
}

function checkPair(yTrue: Float64Array, yPred: Float64Array): void {
  if (yTrue.length !== yPred.length) throw new RangeError(`${yTrue.length} true values but ${yPred.length} predictions`);
  if (yTrue.length === 0) throw new RangeError("no values to score");
  for (let i = 0; i < yTrue.length; i++) {
    if (!Number.isFinite(yTrue[i])) throw new RangeError(`true value ${i} is ${yTrue[i]}`);
    if (!Number.isFinite(yPred[i])) throw new RangeError(`prediction ${i} is ${yPred[i]}`);
  }
}

/** x * x, as NumPy squares: one rounding, where a general power might differ in the last bit. */
function square(x: number): number {
  return x * x;
}

function sumOf(n: number, term: (i: number) => number): number {
  const terms = new Float64Array(n);
  for (let i = 0; i < n; i++) terms[i] = term(i);
  return pairwiseSum(terms);
}

function meanOf(n: number, term: (i: number) => number): number {
  return sumOf(n, term) / n;
}
