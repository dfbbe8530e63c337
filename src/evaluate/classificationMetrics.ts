import { cohenKappa, matthewsCorrcoef } from "../stats/agreement.js";
import { classificationScores } from "../stats/classificationScores.js";
import { confusionMatrix } from "../stats/confusionMatrix.js";
import { predictedLabels } from "../stats/predictedLabels.js";
import { rocAuc } from "../stats/rocAuc.js";
import type { MetricSpec } from "./task.js";

/** A classification target: class codes 0..labels.length-1, labels in sorted order. */
export interface Classes {
  readonly codes: Uint32Array;
  /** Every class of the table (a fold may lack some). */
  readonly labels: readonly string[];
}

function fromConfusion(id: string, f: (confusion: Float64Array, nClasses: number) => number): MetricSpec<Classes> {
  return {
    id,
    greaterIsBetter: true,
    consumes: "label",
    score(truth, scores) {
      const k = truth.labels.length;
      return f(confusionMatrix(truth.codes, predictedLabels(scores, k), k), k);
    },
  };
}

/** PyCaret's classification grid columns, in its order; each model's output is rows x classes scores. */
export const CLASSIFICATION_METRICS: readonly MetricSpec<Classes>[] = [
  fromConfusion("Accuracy", (confusion, k) => {
    let correct = 0;
    let n = 0;
    for (let c = 0; c < k * k; c++) n += confusion[c];
    for (let c = 0; c < k; c++) correct += confusion[c * k + c];
    return correct / n;
  }),
  { id: "AUC", greaterIsBetter: true, consumes: "score", score: (truth, scores) => rocAuc(truth.codes, scores, truth.labels.length) },
  fromConfusion("Recall", (confusion, k) => classificationScores(confusion, k).recall),
  fromConfusion("Prec", (confusion, k) => classificationScores(confusion, k).precision),
  fromConfusion("F1", (confusion, k) => classificationScores(confusion, k).f1),
  fromConfusion("Kappa", cohenKappa),
  fromConfusion("MCC", matthewsCorrcoef),
];
