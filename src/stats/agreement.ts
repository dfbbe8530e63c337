/** Row sums (true-class counts) and column sums (predicted-class counts) of a confusion matrix. */
function margins(confusion: Float64Array, nClasses: number): { rows: Float64Array; cols: Float64Array; n: number; diagonal: number } {
  const rows = new Float64Array(nClasses);
  const cols = new Float64Array(nClasses);
  let n = 0;
  let diagonal = 0;
  for (let t = 0; t < nClasses; t++) {
    for (let p = 0; p < nClasses; p++) {
      const v = confusion[t * nClasses + p];
      rows[t] += v;
      cols[p] += v;
      n += v;
    }
    diagonal += confusion[t * nClasses + t];
  }
  return { rows, cols, n, diagonal };
}

/**
 * Cohen's kappa, as scikit-learn's cohen_kappa_score: 1 - observed disagreement / expected
 * disagreement. When nothing can disagree by chance (one class everywhere), scikit-learn 1.2
 * divides 0 by 0 and returns NaN; so do we, and the grid leaves such folds out of the mean.
 */
export function cohenKappa(confusion: Float64Array, nClasses: number): number {
  const { rows, cols, n, diagonal } = margins(confusion, nClasses);
  let expectedAgreement = 0;
  for (let c = 0; c < nClasses; c++) expectedAgreement += (rows[c] * cols[c]) / n;
  const observedDisagreement = n - diagonal;
  const expectedDisagreement = n - expectedAgreement;
  if (expectedDisagreement === 0) return NaN;
  return 1 - observedDisagreement / expectedDisagreement;
}

/**
 * Matthews correlation for any number of classes (Gorodkin's R_K), as scikit-learn's
 * matthews_corrcoef, which returns 0 when either marginal is constant.
 */
export function matthewsCorrcoef(confusion: Float64Array, nClasses: number): number {
  const { rows, cols, n, diagonal } = margins(confusion, nClasses);
  let rowsDotCols = 0;
  let rowsDotRows = 0;
  let colsDotCols = 0;
  for (let c = 0; c < nClasses; c++) {
    rowsDotCols += rows[c] * cols[c];
    rowsDotRows += rows[c] * rows[c];
    colsDotCols += cols[c] * cols[c];
  }
  const covTruePred = diagonal * n - rowsDotCols;
  const covPredPred = n * n - colsDotCols;
  const covTrueTrue = n * n - rowsDotRows;
  if (covPredPred * covTrueTrue === 0) return 0;
  return covTruePred / Math.sqrt(covTrueTrue * covPredPred);
}
