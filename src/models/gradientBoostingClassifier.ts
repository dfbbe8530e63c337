import type { Matrix } from "../stats/matrix.js";
import { addForestValues, fillRawScores, packForest, type BoostedTree, type PackedForest } from "./boostedTree.js";
import type { Estimator } from "./estimator.js";
import { FriedmanTreeGrower, holdSmallFriedmanGrower } from "./friedmanTree.js";
import { gradientBoostingSettings, type GradientBoostingOptions, type GradientBoostingSettings } from "./gradientBoosting.js";
import { sortColumns } from "./sortedColumns.js";
import { localClassCounts, spreadProbabilities, trainingClasses } from "./trainingClasses.js";
import { checkPredictInput } from "./treeGrowth.js";
import { rowsPerCall } from "../stats/rowBlocks.js";

/** numpy's float32 eps, the clip scikit-learn applies to the prior before its log-odds. */
const FLOAT32_EPS = 2 ** -23;

/**
 * Gradient boosting for classification, as scikit-learn 1.2's GradientBoostingClassifier() with
 * its defaults: log-loss, 100 stages, learning_rate 0.1, friedman_mse trees of max_depth 3
 * (friedmanTree.ts), subsample 1.0, features as float32.
 *
 * Two classes: one tree per stage, fitted to the residual y - expit(F), starting from F = the
 * log-odds of the positive class's prior. More: one tree per class per stage, fitted to
 * y_k - softmax(F)_k, starting from F_k = log prior_k. Each leaf's value is then replaced by one
 * Newton step (scikit-learn's _update_terminal_regions): sum(r) / sum((y - r)(1 - y + r)), with
 * the numerator scaled by (K - 1) / K for K > 2 classes, and 0 when the denominator is below
 * 1e-150; F grows by learning_rate times the leaf value. Probabilities are expit(F) or
 * softmax(F), in scikit-learn's order of operations.
 *
 * Classes absent from the training rows get probability 0; a single training class gets 1.
 */
export class GradientBoostingClassifier implements Estimator {
  private readonly settings: GradientBoostingSettings;
  private present: Uint32Array = new Uint32Array(0);
  private nClasses = 0;
  private cols = 0;
  /** Initial raw prediction per model output (1 for two classes, K for more). */
  private initial: Float64Array = new Float64Array(0);
  /** Trees stage by stage, output by output: tree stage * outputs + k. */
  private forest: PackedForest = packForest([]);

  constructor(options: GradientBoostingOptions = {}) {
    this.settings = gradientBoostingSettings(options);
  }

  fit(X: Matrix, y: Uint32Array, nClasses: number): this {
    const { classes: present, local } = trainingClasses(X, y, nClasses);
    this.present = present;
    this.nClasses = nClasses;
    this.cols = X.cols;
    const K = present.length;
    if (K === 1) {
      this.initial = new Float64Array(0);
      this.forest = packForest([]);
      return this;
    }
    const grower = new FriedmanTreeGrower(sortColumns(X), this.settings.maxDepth, this.settings.rng);
    this.forest = packForest(K === 2 ? this.fitBinary(grower, local) : this.fitMulticlass(grower, local, K));
    holdSmallFriedmanGrower(X, this.settings.maxDepth, this.settings.rng);
    return this;
  }

  predictProba(X: Matrix): Float64Array {
    const { present, nClasses } = this;
    if (nClasses === 0) throw new Error("the gradient boosting classifier is not fitted");
    checkPredictInput(X, this.cols);
    const K = present.length;
    if (K === 1) {
      const out = new Float64Array(X.rows * nClasses);
      for (let i = 0; i < X.rows; i++) out[i * nClasses + present[0]] = 1;
      return out;
    }
    const outputs = this.initial.length;
    const raw = new Float64Array(X.rows * outputs);
    fillRawScores(raw, this.initial, X.rows);
    addForestValues(this.forest, X, raw, outputs, this.settings.learningRate, true);
    const local = new Float64Array(X.rows * K);
    if (K === 2) {
      for (let from = 0, step = rowsPerCall(1); from < X.rows; from += step) binomialProbabilities(raw, from, Math.min(X.rows, from + step), local);
    } else {
      softmaxRows(raw, X.rows, K, local);
    }
    return spreadProbabilities(local, present, nClasses);
  }

  private fitBinary(grower: FriedmanTreeGrower, local: Uint32Array): BoostedTree[] {
    const n = local.length;
    const y = Float64Array.from(local);
    const positives = sumInOrder(y);
    // DummyClassifier(strategy="prior"), clipped, then log-odds.
    const prior = clip(positives / n, FLOAT32_EPS, 1 - FLOAT32_EPS);
    this.initial = Float64Array.of(Math.log(prior / (1 - prior)));
    const raw = new Float64Array(n).fill(this.initial[0]);
    const residual = new Float64Array(n);
    const trees: BoostedTree[] = [];
    for (let stage = 0; stage < this.settings.nEstimators; stage++) {
      binomialResiduals(y, raw, residual);
      const tree = grower.grow(residual);
      newtonLeaves(tree, grower.leafOfRow, y, residual, 1);
      addLeafValues(tree, grower.leafOfRow, raw, 1, 0, this.settings.learningRate);
      trees.push(tree);
    }
    return trees;
  }

  private fitMulticlass(grower: FriedmanTreeGrower, local: Uint32Array, K: number): BoostedTree[] {
    const n = local.length;
    // Each loop over the rows in a function of its own (see sumInOrder).
    const prior = localClassCounts(local, K);
    this.initial = Float64Array.from(prior, (count) => Math.log(clip(count / n, FLOAT32_EPS, 1 - FLOAT32_EPS)));
    const raw = new Float64Array(n * K);
    fillRawScores(raw, this.initial, n);
    // Every class's residual is taken at the previous stage's F, before any of this stage's trees.
    const probability = new Float64Array(n * K);
    const yk = new Float64Array(n);
    const residual = new Float64Array(n);
    const numeratorScale = (K - 1) / K;
    const trees: BoostedTree[] = [];
    for (let stage = 0; stage < this.settings.nEstimators; stage++) {
      softmaxRows(raw, n, K, probability);
      for (let k = 0; k < K; k++) {
        multinomialResiduals(local, k, probability, K, yk, residual);
        const tree = grower.grow(residual);
        newtonLeaves(tree, grower.leafOfRow, yk, residual, numeratorScale);
        addLeafValues(tree, grower.leafOfRow, raw, K, k, this.settings.learningRate);
        trees.push(tree);
      }
    }
    return trees;
  }
}

/** scipy's expit: 1 / (1 + exp(-x)). */
function expit(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function clip(x: number, low: number, high: number): number {
  return x < low ? low : x > high ? high : x;
}

/**
 * softmax of raw[offset, offset + K) into out at the same offset, as scikit-learn's
 * MultinomialDeviance: exp(F_k - logsumexp(F)), logsumexp as scipy's (max subtracted, log of the
 * sum of exps, max added back); a NaN becomes 0 (nan_to_num).
 */
function softmaxRow(raw: Float64Array, offset: number, K: number, out: Float64Array): void {
  let max = raw[offset];
  for (let k = 1; k < K; k++) if (raw[offset + k] > max) max = raw[offset + k];
  if (!Number.isFinite(max)) max = 0;
  let sum = 0;
  for (let k = 0; k < K; k++) sum += Math.exp(raw[offset + k] - max);
  const logSumExp = Math.log(sum) + max;
  for (let k = 0; k < K; k++) {
    const p = Math.exp(raw[offset + k] - logSumExp);
    out[offset + k] = Number.isNaN(p) ? 0 : p;
  }
}

/**
 * Replaces each leaf's value by scikit-learn's one Newton-Raphson step over the leaf's rows:
 * scale * sum(r) / sum((y - r)(1 - y + r)), or 0 when the denominator's magnitude is below 1e-150.
 */
function newtonLeaves(tree: BoostedTree, leafOfRow: Int32Array, y: Float64Array, residual: Float64Array, scale: number): void {
  const nodes = tree.feature.length;
  const numerator = new Float64Array(nodes);
  const denominator = new Float64Array(nodes);
  const rows = leafOfRow.length;
  for (let from = 0, step = rowsPerCall(1); from < rows; from += step) addNewtonTerms(leafOfRow, y, residual, from, Math.min(rows, from + step), numerator, denominator);
  for (let node = 0; node < nodes; node++) {
    if (tree.feature[node] >= 0) continue;
    tree.value[node] = Math.abs(denominator[node]) < 1e-150 ? 0 : (numerator[node] * scale) / denominator[node];
  }
}

/** Rows [from, to)'s terms of each leaf's Newton step, added in row order. */
function addNewtonTerms(leafOfRow: Int32Array, y: Float64Array, residual: Float64Array, from: number, to: number, numerator: Float64Array, denominator: Float64Array): void {
  for (let i = from; i < to; i++) {
    const leaf = leafOfRow[i];
    const r = residual[i];
    numerator[leaf] += r;
    denominator[leaf] += (y[i] - r) * (1 - y[i] + r);
  }
}

/** raw[i * stride + column] += scale * (value of row i's leaf), for the training rows. */
function addLeafValues(tree: BoostedTree, leafOfRow: Int32Array, raw: Float64Array, stride: number, column: number, scale: number): void {
  const rows = leafOfRow.length;
  for (let from = 0, step = rowsPerCall(1); from < rows; from += step) addLeafValueRange(tree.value, leafOfRow, from, Math.min(rows, from + step), raw, stride, column, scale);
}

function addLeafValueRange(value: Float64Array, leafOfRow: Int32Array, from: number, to: number, raw: Float64Array, stride: number, column: number, scale: number): void {
  for (let i = from; i < to; i++) raw[i * stride + column] += scale * value[leafOfRow[i]];
}

/**
 * The values summed one after another. Every pass over the rows here, once per fit, stage or
 * prediction, runs a block of rows per call (rowBlocks.ts's CALL_STEPS), sums carried from block
 * to block.
 */
function sumInOrder(values: Float64Array): number {
  let sum = 0;
  for (let from = 0, step = rowsPerCall(1); from < values.length; from += step) sum = addInOrder(values, from, Math.min(values.length, from + step), sum);
  return sum;
}

function addInOrder(values: Float64Array, from: number, to: number, sumBefore: number): number {
  let sum = sumBefore;
  for (let i = from; i < to; i++) sum += values[i];
  return sum;
}

/** softmaxRow for each of the n rows of raw. */
function softmaxRows(raw: Float64Array, n: number, K: number, out: Float64Array): void {
  for (let from = 0, step = rowsPerCall(3 * K); from < n; from += step) softmaxRange(raw, from, Math.min(n, from + step), K, out);
}

function softmaxRange(raw: Float64Array, from: number, to: number, K: number, out: Float64Array): void {
  for (let i = from; i < to; i++) softmaxRow(raw, i * K, K, out);
}

/** Rows [from, to) of two classes' probabilities, 1 - expit(F) and expit(F). */
function binomialProbabilities(raw: Float64Array, from: number, to: number, local: Float64Array): void {
  for (let i = from; i < to; i++) {
    const p = expit(raw[i]);
    local[2 * i] = 1 - p;
    local[2 * i + 1] = p;
  }
}

/** Class k's indicator yk and its residual yk - p_k, from the row-major probabilities. */
function multinomialResiduals(local: Uint32Array, k: number, probability: Float64Array, K: number, yk: Float64Array, residual: Float64Array): void {
  for (let from = 0, step = rowsPerCall(1); from < local.length; from += step) multinomialResidualRange(local, k, probability, K, from, Math.min(local.length, from + step), yk, residual);
}

function multinomialResidualRange(local: Uint32Array, k: number, probability: Float64Array, K: number, from: number, to: number, yk: Float64Array, residual: Float64Array): void {
  for (let i = from; i < to; i++) {
    yk[i] = local[i] === k ? 1 : 0;
    residual[i] = yk[i] - probability[i * K + k];
  }
}

/** The binomial deviance's negative gradient at raw: y - expit(raw). */
function binomialResiduals(y: Float64Array, raw: Float64Array, residual: Float64Array): void {
  for (let from = 0, step = rowsPerCall(1); from < y.length; from += step) binomialResidualRange(y, raw, from, Math.min(y.length, from + step), residual);
}

function binomialResidualRange(y: Float64Array, raw: Float64Array, from: number, to: number, residual: Float64Array): void {
  for (let i = from; i < to; i++) residual[i] = y[i] - expit(raw[i]);
}
