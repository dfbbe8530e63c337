import { createRng, type Rng } from "../stats/rng.js";
import { createMatrix, type Matrix } from "../stats/matrix.js";
import { binFeatures } from "./featureBins.js";
import { pairwiseSum } from "../stats/pairwiseSum.js";
import type { Regressor } from "./regressor.js";
import { SquaredErrorCriterion } from "./squaredErrorCriterion.js";
import { addLeafValues, checkPredictInput, checkTrainingTargets, growTree, type FlatTree } from "./treeGrowth.js";
import { weightedBootstrap } from "./weightedBootstrap.js";
import { weightedMedian } from "./weightedMedian.js";
import { ensembleSize } from "./ensembleSize.js";
import { divideWeights, floorWeights } from "./adaBoost.js";
import { rowsPerCall } from "../stats/rowBlocks.js";

export interface AdaBoostRegressorOptions {
  /** Draws each round's weighted bootstrap and orders the features its tree tries. */
  readonly rng: Rng;
  readonly nEstimators?: number;
  readonly learningRate?: number;
}

/** scikit-learn's AdaBoostRegressor default estimator: DecisionTreeRegressor(max_depth=3). */
const TREE_DEPTH = 3;
/** Rows predicted together: their trees' predictions are held at once for the medians. */
const PREDICT_BLOCK = 1024;

/**
 * AdaBoost.R2 (Drucker 1997), as scikit-learn 1.2's AdaBoostRegressor() with its defaults: up to
 * 50 squared-error trees of depth 3, linear loss, learning_rate 1. Each round draws a weighted
 * bootstrap of n rows (weightedBootstrap.ts; kept as row counts, which grow the same tree as
 * duplicated rows), grows a tree on it, and scores every training row by its error over the
 * largest error; the round's error e is the weighted mean of those, its weight log(1 / beta) with
 * beta = e / (1 - e), and rows are reweighted by beta^(1 - loss). A perfect tree ends boosting (it
 * keeps weight 1); a tree with e >= 0.5 is dropped unless it is the only one, and ends boosting.
 * A prediction is the weighted median of the trees' predictions (weightedMedian.ts).
 *
 * Each round takes its tree's random stream from the model's, then its bootstrap draws, in
 * scikit-learn's order. The features are binned once and shared by every round (featureBins.ts).
 */
export class AdaBoostRegressor implements Regressor {
  private trees: FlatTree[] = [];
  private estimatorWeights = new Float64Array(0);
  private cols = 0;
  private readonly count: number;
  private readonly learningRate: number;

  constructor(private readonly options: AdaBoostRegressorOptions) {
    this.count = ensembleSize(options.nEstimators, 50);
    this.learningRate = options.learningRate ?? 1;
    if (!(this.learningRate > 0 && Number.isFinite(this.learningRate))) throw new RangeError(`learningRate must be a positive number, got ${this.learningRate}`);
  }

  fit(X: Matrix, y: Float64Array): this {
    const { rows, cols } = X;
    checkTrainingTargets(rows, y);
    const bins = binFeatures(X);
    const { rng } = this.options;
    const weight = new Float64Array(rows).fill(1 / rows);
    const counts = new Float64Array(rows);
    const cdf = new Float64Array(rows);
    const predictions = new Float64Array(rows);
    const loss = new Float64Array(rows);
    const trees: FlatTree[] = [];
    const estimatorWeights = new Float64Array(this.count);
    for (let round = 0; round < this.count; round++) {
      // scikit-learn floors every weight at eps before each round (its issue #20320).
      floorWeights(weight);
      const treeRng = createRng(rng.uint32());
      weightedBootstrap(weight, rng, counts, cdf);
      const tree = growTree(bins, new SquaredErrorCriterion(y, counts), { maxFeatures: cols, rng: treeRng, maxDepth: TREE_DEPTH });
      trees.push(tree);
      predictions.fill(0);
      addLeafValues(tree, X, predictions, 1);
      const step = r2Step(predictions, y, weight, loss, this.learningRate, round < this.count - 1);
      if (step === null) {
        if (trees.length > 1) trees.pop();
        break;
      }
      estimatorWeights[round] = step.estimatorWeight;
      if (step.error === 0) break;
      const total = pairwiseSum(weight);
      if (!Number.isFinite(total) || total <= 0) break;
      if (round < this.count - 1) divideWeights(weight, total);
    }
    this.trees = trees;
    this.estimatorWeights = estimatorWeights.slice(0, trees.length);
    this.cols = cols;
    return this;
  }

  predict(X: Matrix): Float64Array {
    if (this.trees.length === 0) throw new Error("the AdaBoost regressor is not fitted");
    checkPredictInput(X, this.cols);
    const { rows, cols } = X;
    const count = this.trees.length;
    const out = new Float64Array(rows);
    const order = new Uint32Array(count);
    // Every tree's predictions for a block of rows at a time: memory stays at PREDICT_BLOCK x trees.
    const block = new Float64Array(PREDICT_BLOCK * count);
    const column = new Float64Array(PREDICT_BLOCK);
    for (let first = 0; first < rows; first += PREDICT_BLOCK) {
      const size = Math.min(PREDICT_BLOCK, rows - first);
      const part = createMatrix(size, cols, X.data.subarray(first * cols, (first + size) * cols));
      const predictions = column.subarray(0, size);
      this.trees.forEach((tree, e) => {
        predictions.fill(0);
        addLeafValues(tree, part, predictions, 1);
        for (let r = 0; r < size; r++) block[r * count + e] = predictions[r];
      });
      for (let r = 0; r < size; r++) out[first + r] = weightedMedian(block.subarray(r * count, (r + 1) * count), this.estimatorWeights, order);
    }
    return out;
  }

  /** The fitted trees' weights in the median, log(1 / beta) each (scikit-learn's estimator_weights_, one per tree kept). */
  get treeWeights(): Float64Array {
    return this.estimatorWeights.slice();
  }
}

/**
 * One AdaBoost.R2 round with linear loss (scikit-learn's _boost after the fit): null when the
 * round's error reaches 0.5 (the tree is no better than chance and boosting stops), otherwise its
 * error and weight, the weights updated in place when `reweight`. `loss` is scratch.
 */
function r2Step(predictions: Float64Array, y: Float64Array, weight: Float64Array, loss: Float64Array, learningRate: number, reweight: boolean): { error: number; estimatorWeight: number } | null {
  const rows = y.length;
  // Each pass over the rows, once per round, a block of rows per call (rowBlocks.ts's CALL_STEPS).
  const step = rowsPerCall(1);
  // scikit-learn leaves rows of weight 0 out of the error; ours are floored at eps, never 0.
  let largest = 0;
  for (let from = 0; from < rows; from += step) largest = lossRange(predictions, y, weight, from, Math.min(rows, from + step), loss, largest);
  const weighted = new Float64Array(rows);
  for (let from = 0; from < rows; from += step) weightedLossRange(weight, largest, from, Math.min(rows, from + step), loss, weighted);
  const error = pairwiseSum(weighted);
  if (error <= 0) return { error: 0, estimatorWeight: 1 };
  if (error >= 0.5) return null;
  const beta = error / (1 - error);
  const estimatorWeight = learningRate * Math.log(1 / beta);
  if (reweight) for (let from = 0; from < rows; from += step) reweightRange(weight, loss, beta, learningRate, from, Math.min(rows, from + step));
  return { error, estimatorWeight };
}

/** Rows [from, to)'s absolute errors into loss; returns the largest of them and `largestBefore` over rows of positive weight. */
function lossRange(predictions: Float64Array, y: Float64Array, weight: Float64Array, from: number, to: number, loss: Float64Array, largestBefore: number): number {
  let largest = largestBefore;
  for (let i = from; i < to; i++) {
    loss[i] = Math.abs(predictions[i] - y[i]);
    if (weight[i] > 0 && loss[i] > largest) largest = loss[i];
  }
  return largest;
}

/** Rows [from, to)'s losses divided by the largest (linear loss), and their weighted losses into weighted. */
function weightedLossRange(weight: Float64Array, largest: number, from: number, to: number, loss: Float64Array, weighted: Float64Array): void {
  for (let i = from; i < to; i++) {
    if (largest !== 0) loss[i] /= largest;
    if (weight[i] > 0) weighted[i] = weight[i] * loss[i];
  }
}

/** Rows [from, to)'s weights times beta^((1 - loss) learningRate). */
function reweightRange(weight: Float64Array, loss: Float64Array, beta: number, learningRate: number, from: number, to: number): void {
  for (let i = from; i < to; i++) if (weight[i] > 0) weight[i] *= Math.pow(beta, (1 - loss[i]) * learningRate);
}
