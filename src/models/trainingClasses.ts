/**
 * The classes a training fold holds, as scikit-learn's classifiers see them (their classes_ are
 * the labels present in y): a fold lacking one of the table's classes is fitted on the others,
 * and the absent class gets probability 0.
 */
export interface TrainingClasses {
  /** Table class indices present in training, ascending: local class k is present[k]. */
  readonly present: Uint32Array;
  /** Each row's local class index. */
  readonly local: Uint32Array;
}

export function trainingClasses(y: Uint32Array, nClasses: number): TrainingClasses {
  const toLocal = new Int32Array(nClasses).fill(-1);
  for (const label of y) toLocal[label] = 0;
  const present: number[] = [];
  for (let c = 0; c < nClasses; c++) if (toLocal[c] === 0) toLocal[c] = present.push(c) - 1;
  return { present: Uint32Array.from(present), local: Uint32Array.from(y, (label) => toLocal[label]) };
}

/**
 * Spreads rows x present.length probabilities over the table's nClasses columns (absent classes
 * at 0).
 */
export function spreadProbabilities(local: Float64Array, present: Uint32Array, nClasses: number): Float64Array {
  const k = present.length;
  const rows = local.length / k;
  const out = new Float64Array(rows * nClasses);
  for (let i = 0; i < rows; i++) for (let c = 0; c < k; c++) out[i * nClasses + present[c]] = local[i * k + c];
  return out;
}
