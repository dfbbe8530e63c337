/**
 * Area under the ROC curve of `scores` for `positive` (a 0/1 mask), as scikit-learn's
 * roc_auc_score: the Mann-Whitney statistic with tied scores sharing their average rank, which is
 * exactly the trapezoidal area over the tie-collapsed curve. One sort, O(n log n). NaN when one
 * of the two groups is empty.
 */
export function binaryAuc(positive: Uint8Array, scores: Float64Array): number {
  const n = positive.length;
  if (scores.length !== n) throw new RangeError(`${n} labels but ${scores.length} scores`);
  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += positive[i];
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && scores[order[end]] === scores[order[start]]) end++;
    // Ranks start..end-1 (0-based) shared: average 1-based rank.
    const averageRank = (start + end + 1) / 2;
    for (let k = start; k < end; k++) if (positive[order[k]] === 1) rankSum += averageRank;
    start = end;
  }
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/**
 * ROC AUC of class probabilities. Binary: the AUC of the second class's probability. More
 * classes: one-vs-rest AUC per class weighted by its support in yTrue (roc_auc_score with
 * multi_class="ovr", average="weighted"). A class absent from yTrue has weight 0 and is left out
 * (scikit-learn raises there instead). NaN when yTrue holds fewer than 2 classes.
 */
export function rocAuc(yTrue: Uint32Array, proba: Float64Array, nClasses: number): number {
  const n = yTrue.length;
  if (n === 0) throw new RangeError("no labels to score");
  if (proba.length !== n * nClasses) throw new RangeError(`${n} labels but ${proba.length / nClasses} probability rows`);
  const support = new Float64Array(nClasses);
  for (let i = 0; i < n; i++) support[yTrue[i]]++;
  let present = 0;
  for (const s of support) if (s > 0) present++;
  if (present < 2) return NaN;
  const column = (c: number): Float64Array => {
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) scores[i] = proba[i * nClasses + c];
    return scores;
  };
  const isClass = (c: number): Uint8Array => Uint8Array.from(yTrue, (y) => (y === c ? 1 : 0));
  if (nClasses === 2) return binaryAuc(isClass(1), column(1));
  let total = 0;
  for (let c = 0; c < nClasses; c++) {
    if (support[c] === 0) continue;
    total += (support[c] / n) * binaryAuc(isClass(c), column(c));
  }
  return total;
}
