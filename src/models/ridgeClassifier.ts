import { solveSymmetricPositiveDefinite } from "../stats/choleskySolve.js";
import type { Matrix } from "../stats/matrix.js";
import { groupScatters } from "../stats/scatter.js";
import type { DecisionEstimator } from "./estimator.js";
import { linearScores } from "./linearScores.js";
import { checkQueryColumns, decisionColumns, scoreColumns, trainingClasses } from "./trainingClasses.js";

export interface RidgeClassifierOptions {
  /** L2 strength, scikit-learn's alpha. */
  readonly alpha?: number;
}

/**
 * scikit-learn's RidgeClassifier() (alpha=1, solver "auto", which is Cholesky on dense data):
 * the classes become targets -1/+1 (LabelBinarizer(neg_label=-1)): one column for two classes
 * (+1 for the second), one per class for more, and each column is a Ridge regression on centred
 * X and targets, the intercept unpenalised. All columns share one Gram matrix X'X + alpha I
 * (groupScatters: by tiles, or on the split form of one-hot columns).
 * Its scores are the regressions' outputs (decision_function); it has no probabilities.
 */
export class RidgeClassifier implements DecisionEstimator {
  private readonly alpha: number;
  private fitted: { classes: Uint32Array; nClasses: number; weights: Float64Array; intercepts: Float64Array; cols: number } | null = null;

  constructor(options: RidgeClassifierOptions = {}) {
    this.alpha = options.alpha ?? 1;
    if (!(this.alpha > 0 && Number.isFinite(this.alpha))) throw new RangeError(`alpha must be finite and > 0, got ${this.alpha}`);
  }

  fit(X: Matrix, y: Uint32Array, nClasses: number): this {
    const { classes, local } = trainingClasses(X, y, nClasses);
    const { rows, cols, data } = X;
    const K = scoreColumns(classes.length);
    const xMean = new Float64Array(cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) xMean[j] += data[i * cols + j];
    for (let j = 0; j < cols; j++) xMean[j] /= rows;
    // Targets: +1 for the column's class, -1 otherwise; binary has one column, for the second class.
    const target = (i: number, k: number): number => ((K === 1 ? local[i] === 1 : local[i] === k) ? 1 : -1);
    const yMean = new Float64Array(K);
    for (let i = 0; i < rows; i++) for (let k = 0; k < K; k++) yMean[k] += target(i, k);
    for (let k = 0; k < K; k++) yMean[k] /= rows;
    const gram = groupScatters(X, null, 1, xMean);
    const xty = new Float64Array(K * cols);
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      for (let k = 0; k < K; k++) {
        const t = target(i, k) - yMean[k];
        const ko = k * cols;
        for (let j = 0; j < cols; j++) xty[ko + j] += (data[o + j] - xMean[j]) * t;
      }
    }
    for (let j = 0; j < cols; j++) gram[j * cols + j] += this.alpha;
    const weights = new Float64Array(K * cols);
    const intercepts = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      const w = solveSymmetricPositiveDefinite(gram, cols, xty.subarray(k * cols, (k + 1) * cols));
      weights.set(w, k * cols);
      let offset = 0;
      for (let j = 0; j < cols; j++) offset += xMean[j] * w[j];
      intercepts[k] = yMean[k] - offset;
    }
    this.fitted = { classes, nClasses, weights, intercepts, cols };
    return this;
  }

  decisionFunction(X: Matrix): Float64Array {
    if (this.fitted === null) throw new Error("the RidgeClassifier is not fitted");
    const { classes, nClasses, weights, intercepts, cols } = this.fitted;
    checkQueryColumns(X, cols);
    return decisionColumns(linearScores(X, weights, intercepts), X.rows, classes, nClasses);
  }
}
