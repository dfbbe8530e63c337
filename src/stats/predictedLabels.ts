/** Row-wise argmax of a row-major probability matrix; the first maximum wins, as numpy's argmax. */
export function predictedLabels(proba: Float64Array, nClasses: number): Uint32Array {
  if (nClasses < 1 || proba.length % nClasses !== 0) {
    throw new RangeError(`probabilities of length ${proba.length} do not split into rows of ${nClasses}`);
  }
  const rows = proba.length / nClasses;
  const labels = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    let max = proba[i * nClasses];
    for (let c = 1; c < nClasses; c++) {
      const p = proba[i * nClasses + c];
      if (p > max) {
        max = p;
        best = c;
      }
    }
    labels[i] = best;
  }
  return labels;
}
