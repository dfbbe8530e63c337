import { solveSymmetricPositiveDefinite } from "../stats/choleskySolve.js";
import { groupSums } from "../stats/groupSums.js";
import type { Matrix } from "../stats/matrix.js";
import { ROW_BLOCK, rowsPerCall } from "../stats/rowBlocks.js";
import { dualRidgeWeights } from "../stats/dualRidge.js";
import { groupScatters } from "../stats/scatter.js";
import type { DecisionEstimator } from "./estimator.js";
import { centredCrossProduct } from "./linearModel.js";
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
 * (groupScatters: by tiles, or on the split form of one-hot columns), or, with more columns than
 * rows, one dual system XX' + alpha I (dualRidge.ts), as scikit-learn then solves it.
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
    const { rows, cols } = X;
    const K = scoreColumns(classes.length);
    const xMean = groupSums(X, null, 1);
    for (let j = 0; j < cols; j++) xMean[j] /= rows;
    const yMean = new Float64Array(K);
    // The passes over the rows a few rows a call (rowBlocks.ts's CALL_STEPS): a fit makes each
    // once; X'y's calls ROW_BLOCK rows a call of a block function (see groupSums.ts).
    for (let from = 0, step = rowsPerCall(K); from < rows; from += step) addTargets(local, from, Math.min(rows, from + step), yMean);
    for (let k = 0; k < K; k++) yMean[k] /= rows;
    if (cols > rows) {
      const weights = dualRidgeWeights(X, xMean, centredTargets(local, yMean), K, this.alpha);
      this.fitted = { classes, nClasses, weights, intercepts: interceptsOf(weights, xMean, yMean), cols };
      return this;
    }
    const gram = groupScatters(X, null, 1, xMean);
    // Two classes: one target column, whose X'y takes linearModel.ts's four-row pass (the same
    // sums in the same order); more, every column's in one pass over X.
    const xty = K === 1 ? centredCrossProduct(X, xMean, centredTargets(local, yMean)) : centredProducts(X, local, yMean, xMean);
    for (let j = 0; j < cols; j++) gram[j * cols + j] += this.alpha;
    const weights = new Float64Array(K * cols);
    for (let k = 0; k < K; k++) weights.set(solveSymmetricPositiveDefinite(gram, cols, xty.subarray(k * cols, (k + 1) * cols)), k * cols);
    this.fitted = { classes, nClasses, weights, intercepts: interceptsOf(weights, xMean, yMean), cols };
    return this;
  }

  decisionFunction(X: Matrix): Float64Array {
    if (this.fitted === null) throw new Error("the RidgeClassifier is not fitted");
    const { classes, nClasses, weights, intercepts, cols } = this.fitted;
    checkQueryColumns(X, cols);
    return decisionColumns(linearScores(X, weights, intercepts), X.rows, classes, nClasses);
  }
}

/** Each column's intercept, never penalised: mean(y) - mean(X) . w. */
function interceptsOf(weights: Float64Array, xMean: Float64Array, yMean: Float64Array): Float64Array {
  const cols = xMean.length;
  return yMean.map((mean, k) => {
    let offset = 0;
    for (let j = 0; j < cols; j++) offset += xMean[j] * weights[k * cols + j];
    return mean - offset;
  });
}

/** The K target columns, centred, one after the other (K x rows). */
function centredTargets(local: Uint32Array, yMean: Float64Array): Float64Array {
  const K = yMean.length;
  const rows = local.length;
  const out = new Float64Array(K * rows);
  for (let k = 0; k < K; k++) for (let i = 0; i < rows; i++) out[k * rows + i] = target(local[i], k, K) - yMean[k];
  return out;
}

/** The target of class `c` in column k of K: +1 for the column's class, -1 otherwise; binary has one column, for the second class. */
function target(c: number, k: number, K: number): number {
  return (K === 1 ? c === 1 : c === k) ? 1 : -1;
}

/** Adds the targets of rows from..to - 1 to sums (K of them), in row order. */
function addTargets(local: Uint32Array, from: number, to: number, sums: Float64Array): void {
  const K = sums.length;
  for (let i = from; i < to; i++) for (let k = 0; k < K; k++) sums[k] += target(local[i], k, K);
}

/** X'y on centred X and targets, K x cols, every column's in one pass over the rows in order. */
function centredProducts(X: Matrix, local: Uint32Array, yMean: Float64Array, xMean: Float64Array): Float64Array {
  const { rows, cols, data } = X;
  const xty = new Float64Array(yMean.length * cols);
  for (let from = 0; from < rows; from += ROW_BLOCK) addCentredProductBlock(data, cols, local, yMean, xMean, from, Math.min(rows, from + ROW_BLOCK), xty);
  return xty;
}

function addCentredProductBlock(data: Float64Array, cols: number, local: Uint32Array, yMean: Float64Array, xMean: Float64Array, from: number, to: number, xty: Float64Array): void {
  for (let i = from, step = rowsPerCall(yMean.length * cols); i < to; i += step) addCentredProducts(data, cols, local, yMean, xMean, i, Math.min(to, i + step), xty);
}

/** Adds rows from..to - 1 to X'y on centred X and targets (K x cols), in row order. */
function addCentredProducts(data: Float64Array, cols: number, local: Uint32Array, yMean: Float64Array, xMean: Float64Array, from: number, to: number, xty: Float64Array): void {
  const K = yMean.length;
  for (let i = from; i < to; i++) {
    const o = i * cols;
    for (let k = 0; k < K; k++) {
      const t = target(local[i], k, K) - yMean[k];
      const ko = k * cols;
      for (let j = 0; j < cols; j++) xty[ko + j] += (data[o + j] - xMean[j]) * t;
    }
  }
}
