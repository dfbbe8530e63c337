/** Why a rows x classes probability matrix cannot be scored, or null (placeholder, replaced on merge). */
export function checkProbabilities(proba: Float64Array, rows: number, nClasses: number): string | null {
  if (proba.length !== rows * nClasses) return `returned ${proba.length} probabilities for ${rows} rows of ${nClasses} classes`;
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let c = 0; c < nClasses; c++) {
      const p = proba[i * nClasses + c];
      if (!(p >= -1e-9 && p <= 1 + 1e-9)) return `returned ${p} as a probability (row ${i + 1})`;
      sum += p;
    }
    if (Math.abs(sum - 1) > 1e-6) return `returned probabilities summing to ${sum} (row ${i + 1})`;
  }
  return null;
}
