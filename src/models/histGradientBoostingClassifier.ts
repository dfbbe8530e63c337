import type { Matrix } from "../stats/matrix.js";
import { addForestValues, fillRawScores, packForest, type BoostedTree, type PackedForest } from "./boostedTree.js";
import type { Estimator } from "./estimator.js";
import {
  addGrownValues,
  histGradientBoostingSettings,
  histogramGrower,
  holdSmallHistogramGrower,
  type HistGradientBoostingOptions,
  type HistGradientBoostingSettings,
} from "./histGradientBoosting.js";
import type { HistogramGrower } from "./histogramGrower.js";
import { checkQueryData } from "./regressor.js";
import { localClassCounts, spreadProbabilities, trainingClasses } from "./trainingClasses.js";
import { rowsPerCall } from "../stats/rowBlocks.js";

/** numpy's float64 eps: scikit-learn clips priors with it before taking logs. */
const EPS = Number.EPSILON;

/**
 * Histogram-based gradient boosting for classification, as scikit-learn 1.2's
 * HistGradientBoostingClassifier(early_stopping=False) with its other defaults: log-loss,
 * max_iter 100, learning_rate 0.1, max_leaf_nodes 31, min_samples_leaf 20, l2_regularization 0,
 * max_bins 255, features binned by binMapper.ts and trees grown by histogramGrower.ts.
 *
 * Two classes: one tree per iteration on the half binomial loss's float32 gradient
 * expit(F) - y and hessian p(1 - p) (scikit-learn 1.2's formulas), from F = logit of the
 * positive rate clipped to [10 eps, 1 - 10 eps]. More: one tree per class per iteration on
 * softmax(F)_k - y_k and p_k(1 - p_k), every class's taken before the iteration's trees, from
 * F_k = log(p_k / geometric mean of p) with p_k the class rate clipped to [eps, 1 - eps].
 * Probabilities are expit(F) or softmax(F). Deterministic: no random draw is involved without
 * early stopping or subsampling (the training rows are under 200,000).
 *
 * Classes absent from the training rows get probability 0; a single training class gets 1.
 */
export class HistGradientBoostingClassifier implements Estimator {
  private readonly settings: HistGradientBoostingSettings;
  private present: Uint32Array = new Uint32Array(0);
  private nClasses = 0;
  private cols = 0;
  private baseline: Float64Array = new Float64Array(0);
  /** Trees iteration by iteration, output by output: tree iteration * outputs + k. */
  private forest: PackedForest = packForest([]);

  constructor(options: HistGradientBoostingOptions = {}) {
    this.settings = histGradientBoostingSettings(options);
  }

  fit(X: Matrix, y: Uint32Array, nClasses: number): this {
    const { classes: present, local } = trainingClasses(X, y, nClasses);
    this.present = present;
    this.nClasses = nClasses;
    this.cols = X.cols;
    this.baseline = new Float64Array(0);
    this.forest = packForest([]);
    const K = present.length;
    if (K === 1) return this;
    const grower = histogramGrower(X, this.settings);
    this.forest = packForest(K === 2 ? this.fitBinary(grower, local) : this.fitMulticlass(grower, local, K));
    holdSmallHistogramGrower(X, this.settings);
    return this;
  }

  predictProba(X: Matrix): Float64Array {
    const { present, nClasses } = this;
    if (nClasses === 0) throw new Error("the histogram gradient boosting classifier is not fitted");
    checkQueryData(X, this.cols);
    const K = present.length;
    if (K === 1) {
      const out = new Float64Array(X.rows * nClasses);
      for (let i = 0; i < X.rows; i++) out[i * nClasses + present[0]] = 1;
      return out;
    }
    const outputs = this.baseline.length;
    const raw = new Float64Array(X.rows * outputs);
    fillRawScores(raw, this.baseline, X.rows);
    addForestValues(this.forest, X, raw, outputs, 1, false);
    const local = new Float64Array(X.rows * K);
    // The passes over the rows a block of rows per call (see countPositives).
    if (K === 2) {
      for (let from = 0, step = rowsPerCall(1); from < X.rows; from += step) binomialProbabilities(raw, from, Math.min(X.rows, from + step), local);
    } else {
      for (let from = 0, step = rowsPerCall(3 * K); from < X.rows; from += step) softmaxRange(raw, from, Math.min(X.rows, from + step), K, local);
    }
    return spreadProbabilities(local, present, nClasses);
  }

  private fitBinary(grower: HistogramGrower, local: Uint32Array): BoostedTree[] {
    const n = local.length;
    const positives = countPositives(local);
    const rate = clip(positives / n, 10 * EPS, 1 - 10 * EPS);
    this.baseline = Float64Array.of(Math.log(rate / (1 - rate)));
    const raw = new Float64Array(n).fill(this.baseline[0]);
    const gradients = new Float32Array(n);
    const hessians = new Float32Array(n);
    const trees: BoostedTree[] = [];
    for (let iteration = 0; iteration < this.settings.maxIter; iteration++) {
      binomialGradients(local, raw, 0, n, rowsPerCall(1), gradients, hessians);
      const grown = grower.grow(gradients, hessians);
      addGrownValues(grown, raw, 1, 0);
      trees.push(grown.tree);
    }
    return trees;
  }

  private fitMulticlass(grower: HistogramGrower, local: Uint32Array, K: number): BoostedTree[] {
    const n = local.length;
    // Each loop over the rows in a function of its own (see countPositives).
    const rate = localClassCounts(local, K);
    let meanLog = 0;
    for (let k = 0; k < K; k++) {
      rate[k] = clip(rate[k] / n, EPS, 1 - EPS);
      meanLog += Math.log(rate[k]);
    }
    // scipy's gmean: exp of the mean log.
    const geometricMean = Math.exp(meanLog / K);
    this.baseline = Float64Array.from(rate, (p) => Math.log(p / geometricMean));
    const raw = new Float64Array(n * K);
    fillRawScores(raw, this.baseline, n);
    // Class-major, as scikit-learn's Fortran-ordered gradient arrays: class k's are [k n, (k + 1) n).
    const gradients = new Float32Array(n * K);
    const hessians = new Float32Array(n * K);
    const p = new Float64Array(K);
    const trees: BoostedTree[] = [];
    for (let iteration = 0; iteration < this.settings.maxIter; iteration++) {
      multinomialGradients(local, raw, K, p, 0, n, rowsPerCall(3 * K), gradients, hessians);
      for (let k = 0; k < K; k++) {
        const grown = grower.grow(gradients.subarray(k * n, (k + 1) * n), hessians.subarray(k * n, (k + 1) * n));
        addGrownValues(grown, raw, K, k);
        trees.push(grown.tree);
      }
    }
    return trees;
  }
}

function clip(x: number, low: number, high: number): number {
  return x < low ? low : x > high ? high : x;
}

/** Rows [from, to) of two classes' probabilities, 1 - expit(F) and expit(F). */
function binomialProbabilities(raw: Float64Array, from: number, to: number, local: Float64Array): void {
  for (let i = from; i < to; i++) {
    const p = 1 / (1 + Math.exp(-raw[i]));
    local[2 * i] = 1 - p;
    local[2 * i + 1] = p;
  }
}

function softmaxRange(raw: Float64Array, from: number, to: number, K: number, out: Float64Array): void {
  for (let i = from; i < to; i++) softmaxRow(raw, i * K, K, out);
}

/** scikit-learn's extmath.softmax on one row: subtract the max, exponentiate, divide by the sum. */
function softmaxRow(raw: Float64Array, offset: number, K: number, out: Float64Array): void {
  let max = raw[offset];
  for (let k = 1; k < K; k++) if (raw[offset + k] > max) max = raw[offset + k];
  let sum = 0;
  for (let k = 0; k < K; k++) {
    const e = Math.exp(raw[offset + k] - max);
    out[offset + k] = e;
    sum += e;
  }
  for (let k = 0; k < K; k++) out[offset + k] /= sum;
}

/**
 * How many labels are 1. Every pass over the rows here, once per fit, iteration or prediction,
 * runs a block of rows per call (rowBlocks.ts's CALL_STEPS).
 */
function countPositives(local: Uint32Array): number {
  let positives = 0;
  for (let from = 0, step = rowsPerCall(1); from < local.length; from += step) positives += countPositiveRange(local, from, Math.min(local.length, from + step));
  return positives;
}

function countPositiveRange(local: Uint32Array, from: number, to: number): number {
  let positives = 0;
  for (let i = from; i < to; i++) positives += local[i];
  return positives;
}

/**
 * scikit-learn 1.2's HalfMultinomialLoss.gradient_hessian at raw (row-major, K per row) for rows
 * [from, to), exps after subtracting the max, into class-major gradients and hessians; p is
 * scratch for K values. Halved down to `most` rows a call, as binomialGradients.
 */
function multinomialGradients(local: Uint32Array, raw: Float64Array, K: number, p: Float64Array, from: number, to: number, most: number, gradients: Float32Array, hessians: Float32Array): void {
  if (to - from > most) {
    const middle = (from + to) >>> 1;
    multinomialGradients(local, raw, K, p, from, middle, most, gradients, hessians);
    multinomialGradients(local, raw, K, p, middle, to, most, gradients, hessians);
    return;
  }
  const n = local.length;
  for (let i = from; i < to; i++) {
    let max = raw[i * K];
    for (let k = 1; k < K; k++) if (max < raw[i * K + k]) max = raw[i * K + k];
    let sum = 0;
    for (let k = 0; k < K; k++) {
      p[k] = Math.exp(raw[i * K + k] - max);
      sum += p[k];
    }
    for (let k = 0; k < K; k++) {
      const pk = p[k] / sum;
      gradients[k * n + i] = pk - (local[i] === k ? 1 : 0);
      hessians[k * n + i] = pk * (1 - pk);
    }
  }
}

/**
 * scikit-learn 1.2's cgrad_hess_half_binomial at raw for rows [from, to), in its order of
 * operations, halved down to `most` rows a call: a loop over the blocks would sit in the fit's
 * loop over the iterations and make it long.
 */
function binomialGradients(local: Uint32Array, raw: Float64Array, from: number, to: number, most: number, gradients: Float32Array, hessians: Float32Array): void {
  if (to - from > most) {
    const middle = (from + to) >>> 1;
    binomialGradients(local, raw, from, middle, most, gradients, hessians);
    binomialGradients(local, raw, middle, to, most, gradients, hessians);
    return;
  }
  for (let i = from; i < to; i++) {
    const y = local[i];
    const e = Math.exp(-raw[i]);
    gradients[i] = (1 - y - y * e) / (1 + e);
    hessians[i] = e / ((1 + e) * (1 + e));
  }
}
