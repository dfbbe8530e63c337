import { cohenKappa, matthewsCorrcoef } from "../stats/agreement.js";
import { classificationScores } from "../stats/classificationScores.js";
import { confusionMatrix } from "../stats/confusionMatrix.js";
import { predictedLabels } from "../stats/predictedLabels.js";
import { rocAuc } from "../stats/rocAuc.js";

export type MetricId = "Accuracy" | "AUC" | "Recall" | "Prec" | "F1" | "Kappa" | "MCC";

/** A grid column, as PyCaret's metric containers: its name and how one fold is scored. */
export interface MetricSpec {
  readonly id: MetricId;
  /** NaN where the metric is undefined on this fold; the fold is then left out of the mean. */
  score(yTrue: Uint32Array, proba: Float64Array, nClasses: number): number;
}

function fromConfusion(f: (confusion: Float64Array, nClasses: number) => number): MetricSpec["score"] {
  return (yTrue, proba, nClasses) => f(confusionMatrix(yTrue, predictedLabels(proba, nClasses), nClasses), nClasses);
}

export const METRICS: readonly MetricSpec[] = [
  {
    id: "Accuracy",
    score: fromConfusion((confusion, k) => {
      let correct = 0;
      let n = 0;
      for (let c = 0; c < k * k; c++) n += confusion[c];
      for (let c = 0; c < k; c++) correct += confusion[c * k + c];
      return correct / n;
    }),
  },
  { id: "AUC", score: rocAuc },
  { id: "Recall", score: fromConfusion((confusion, k) => classificationScores(confusion, k).recall) },
  { id: "Prec", score: fromConfusion((confusion, k) => classificationScores(confusion, k).precision) },
  { id: "F1", score: fromConfusion((confusion, k) => classificationScores(confusion, k).f1) },
  { id: "Kappa", score: fromConfusion(cohenKappa) },
  { id: "MCC", score: fromConfusion(matthewsCorrcoef) },
];

export const METRIC_IDS: readonly MetricId[] = METRICS.map((metric) => metric.id);
