/** nClasses x nClasses counts, row = true class, column = predicted class (row-major). */
export function confusionMatrix(yTrue: Uint32Array, yPred: Uint32Array, nClasses: number): Float64Array {
  if (yTrue.length !== yPred.length) {
    throw new RangeError(`${yTrue.length} true labels but ${yPred.length} predictions`);
  }
  if (yTrue.length === 0) throw new RangeError("no labels to compare");
  const matrix = new Float64Array(nClasses * nClasses);
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i];
    const p = yPred[i];
    if (t >= nClasses || p >= nClasses) throw new RangeError(`label ${Math.max(t, p)} is not below nClasses ${nClasses}`);
    matrix[t * nClasses + p]++;
  }
  return matrix;
}
