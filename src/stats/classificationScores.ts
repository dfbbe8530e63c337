/**
 * Recall, precision and F1 from a confusion matrix (row = true). Binary (2 classes): for class 1,
 * the positive class. More classes: each class's score weighted by its support in the true labels
 * (scikit-learn's average="weighted"). A 0/0 counts as 0 (zero_division=0, as PyCaret).
 */
export interface ClassificationScores {
  readonly recall: number;
  readonly precision: number;
  readonly f1: number;
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

function scoresForClass(confusion: Float64Array, nClasses: number, c: number): ClassificationScores {
  let trueCount = 0;
  let predictedCount = 0;
  for (let k = 0; k < nClasses; k++) {
    trueCount += confusion[c * nClasses + k];
    predictedCount += confusion[k * nClasses + c];
  }
  const tp = confusion[c * nClasses + c];
  const recall = ratio(tp, trueCount);
  const precision = ratio(tp, predictedCount);
  return { recall, precision, f1: ratio(2 * precision * recall, precision + recall) };
}

export function classificationScores(confusion: Float64Array, nClasses: number): ClassificationScores {
  if (confusion.length !== nClasses * nClasses) throw new RangeError(`confusion matrix is not ${nClasses} x ${nClasses}`);
  if (nClasses === 2) return scoresForClass(confusion, 2, 1);
  let recall = 0;
  let precision = 0;
  let f1 = 0;
  let total = 0;
  for (let c = 0; c < nClasses; c++) {
    let support = 0;
    for (let k = 0; k < nClasses; k++) support += confusion[c * nClasses + k];
    if (support === 0) continue;
    const s = scoresForClass(confusion, nClasses, c);
    recall += support * s.recall;
    precision += support * s.precision;
    f1 += support * s.f1;
    total += support;
  }
  return { recall: ratio(recall, total), precision: ratio(precision, total), f1: ratio(f1, total) };
}
