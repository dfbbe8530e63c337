/**
 * Checks a decision-score classifier's output (DecisionEstimator.decisionFunction) before any
 * metric reads it: rows x nClasses values, each finite. Decision values have no range, so this
 * is all the contract promises; a NaN would not fail a metric but be ranked by row order.
 * Returns null when it holds, otherwise the reason, naming the first bad row (counted from 1).
 */
export function checkDecisionScores(scores: Float64Array, rows: number, nClasses: number): string | null {
  if (scores.length !== rows * nClasses) {
    return `returned ${scores.length} decision values, expected ${rows * nClasses} (${rows} rows x ${nClasses} classes)`;
  }
  for (let k = 0; k < scores.length; k++) {
    const v = scores[k];
    if (Number.isNaN(v)) return `returned NaN decision values (row ${Math.floor(k / nClasses) + 1})`;
    if (!Number.isFinite(v)) return `returned infinite decision values (row ${Math.floor(k / nClasses) + 1})`;
  }
  return null;
}
