/**
 * Tolerances. A probability is a float computed through exp and division, so it may stray past
 * 0 or 1 by a few ulps; a row sums to 1 only up to the rounding of nClasses additions. Far
 * looser than either, far tighter than any real defect (a NaN, a row of zeros, a raw score).
 */
const VALUE_TOLERANCE = 1e-9;
const SUM_TOLERANCE = 1e-6;

/**
 * Checks an estimator's predictProba output against the Estimator contract before any metric
 * reads it: rows x nClasses values, each finite and within [0, 1], each row summing to 1. Returns
 * null when it holds, otherwise the reason, naming the first bad row (counted from 1 within the
 * predicted rows). A metric fed NaNs would not fail but rank them by row order, so a grid could
 * change with the order of a file's rows.
 */
export function checkProbabilities(proba: Float64Array, rows: number, nClasses: number): string | null {
  if (proba.length !== rows * nClasses) {
    return `returned ${proba.length} probabilities, expected ${rows * nClasses} (${rows} rows x ${nClasses} classes)`;
  }
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let c = 0; c < nClasses; c++) {
      const p = proba[i * nClasses + c];
      if (Number.isNaN(p)) return `returned NaN probabilities (row ${i + 1})`;
      if (!Number.isFinite(p)) return `returned infinite probabilities (row ${i + 1})`;
      if (p < -VALUE_TOLERANCE || p > 1 + VALUE_TOLERANCE) return `returned a probability of ${p}, outside [0, 1] (row ${i + 1})`;
      sum += p;
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) return `returned probabilities summing to ${sum}, not 1 (row ${i + 1})`;
  }
  return null;
}
