import { createRng, type Rng } from "../stats/rng.js";
import type { Estimator } from "./estimator.js";
import type { Matrix } from "../stats/matrix.js";
import { growStump, stumpColumns } from "./exactStump.js";
import { pairwiseSum } from "../stats/pairwiseSum.js";
import { addSammeRContribution, sammeRBoost, sammeRProbabilities } from "./sammeR.js";
import { trainingClasses } from "./trainingClasses.js";
import { addLeafValues, checkPredictInput, type FlatTree } from "./treeGrowth.js";
import { ensembleSize } from "./ensembleSize.js";
import { rowsPerCall } from "../stats/rowBlocks.js";

export interface AdaBoostOptions {
  /** Orders the features each stump tries, which decides between equally good splits. */
  readonly rng: Rng;
  readonly nEstimators?: number;
  readonly learningRate?: number;
}

/**
 * AdaBoost, as scikit-learn 1.2's AdaBoostClassifier() with its defaults: up to 50 gini stumps
 * (depth-1 trees, every feature tried), learning_rate 1, algorithm "SAMME.R" (real boosting on the
 * stumps' class probabilities, sammeR.ts). Weights start at 1/n, are floored at DBL_EPSILON before
 * every round and renormalized after it, as scikit-learn's fit loop does; boosting stops early on
 * a perfect stump or weights that stop summing to a positive finite number.
 *
 * Like scikit-learn, it only knows the classes present in its training rows (its classes_): the
 * SAMME.R formulas run on those K classes, and a class absent from training gets probability 0.
 * Each feature's rows are sorted once and shared by every round, and every stump is scored at
 * every boundary between distinct values (exactStump.ts), so stumps split at scikit-learn's
 * thresholds on any feature.
 */
export class AdaBoostClassifier implements Estimator {
  private stumps: FlatTree[] = [];
  /** The class indices present in training, ascending: local class k is present[k]. */
  private present: Uint32Array = new Uint32Array(0);
  private cols = 0;
  private nClasses = 0;
  private readonly count: number;
  private readonly learningRate: number;

  constructor(private readonly options: AdaBoostOptions) {
    this.count = ensembleSize(options.nEstimators, 50);
    this.learningRate = options.learningRate ?? 1;
    if (!(this.learningRate > 0 && Number.isFinite(this.learningRate))) throw new RangeError(`learningRate must be a positive number, got ${this.learningRate}`);
  }

  fit(X: Matrix, y: Uint32Array, nClasses: number): this {
    const { rows, cols } = X;
    const { classes: present, local } = trainingClasses(X, y, nClasses);
    const K = present.length;
    const columns = stumpColumns(X);
    const weight = new Float64Array(rows).fill(1 / rows);
    const proba = new Float64Array(rows * K);
    const stumps: FlatTree[] = [];
    for (let round = 0; round < this.count; round++) {
      // scikit-learn floors every weight at eps before each round (its issue #20320).
      floorWeights(weight);
      const stump = growStump(columns, local, K, weight, createRng(this.options.rng.uint32()));
      stumps.push(stump);
      proba.fill(0);
      addLeafValues(stump, X, proba, 1);
      const last = round === this.count - 1;
      const error = sammeRBoost(proba, local, K, weight, this.learningRate, !last);
      if (error <= 0) break;
      const total = pairwiseSum(weight);
      if (!Number.isFinite(total) || total <= 0) break;
      if (!last) divideWeights(weight, total);
    }
    this.stumps = stumps;
    this.present = present;
    this.cols = cols;
    this.nClasses = nClasses;
    return this;
  }

  predictProba(X: Matrix): Float64Array {
    if (this.stumps.length === 0) throw new Error("the AdaBoost classifier is not fitted");
    checkPredictInput(X, this.cols);
    const { rows } = X;
    const { present, nClasses } = this;
    const K = present.length;
    const out = new Float64Array(rows * nClasses);
    if (K === 1) {
      // scikit-learn's predict_proba for a single training class: certainty.
      for (let i = 0; i < rows; i++) out[i * nClasses + present[0]] = 1;
      return out;
    }
    const sum = new Float64Array(rows * K);
    const proba = new Float64Array(rows * K);
    for (const stump of this.stumps) {
      proba.fill(0);
      addLeafValues(stump, X, proba, 1);
      addSammeRContribution(proba, rows, K, sum);
    }
    const local = sammeRProbabilities(sum, rows, K, this.stumps.length);
    for (let from = 0, step = rowsPerCall(K); from < rows; from += step) spreadRows(local, K, present, nClasses, from, Math.min(rows, from + step), out);
    return out;
  }

  /** How many stumps boosting kept: fewer than nEstimators when it stopped early. */
  get stumpCount(): number {
    return this.stumps.length;
  }
}

/**
 * Every weight at least eps. This pass and divideWeights, once per round, run a block of rows
 * per call (rowBlocks.ts's CALL_STEPS).
 */
export function floorWeights(weight: Float64Array): void {
  for (let from = 0, step = rowsPerCall(1); from < weight.length; from += step) floorWeightRange(weight, from, Math.min(weight.length, from + step));
}

function floorWeightRange(weight: Float64Array, from: number, to: number): void {
  for (let i = from; i < to; i++) if (weight[i] < Number.EPSILON) weight[i] = Number.EPSILON;
}

export function divideWeights(weight: Float64Array, total: number): void {
  for (let from = 0, step = rowsPerCall(1); from < weight.length; from += step) divideWeightRange(weight, from, Math.min(weight.length, from + step), total);
}

function divideWeightRange(weight: Float64Array, from: number, to: number, total: number): void {
  for (let i = from; i < to; i++) weight[i] /= total;
}

/** Rows [from, to) of the training classes' probabilities (K a row) into out's columns for them (nClasses a row). */
function spreadRows(local: Float64Array, K: number, present: Uint32Array, nClasses: number, from: number, to: number, out: Float64Array): void {
  for (let i = from; i < to; i++) for (let k = 0; k < K; k++) out[i * nClasses + present[k]] = local[i * K + k];
}
