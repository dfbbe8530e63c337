import type { Matrix } from "../stats/matrix.js";
import { numpyMean } from "../stats/pairwiseSum.js";
import { addForestValues, packForest, type BoostedTree, type PackedForest } from "./boostedTree.js";
import {
  addGrownValues,
  histGradientBoostingSettings,
  histogramGrower,
  holdSmallHistogramGrower,
  type HistGradientBoostingOptions,
  type HistGradientBoostingSettings,
} from "./histGradientBoosting.js";
import { checkQueryData, checkTrainingData, type Regressor } from "./regressor.js";
import { rowsPerCall } from "../stats/rowBlocks.js";

/**
 * Histogram-based gradient boosting for regression, as scikit-learn 1.2's
 * HistGradientBoostingRegressor(early_stopping=False) with its other defaults: squared error,
 * max_iter 100, learning_rate 0.1, max_leaf_nodes 31, min_samples_leaf 20, l2_regularization 0,
 * max_bins 255 (binMapper.ts, histogramGrower.ts). F starts at the mean target (numpy's pairwise
 * sum); each tree fits the float32 gradient F - y with the constant hessian 1, so a leaf holds
 * -learning_rate * sum(gradient) / count.
 */
export class HistGradientBoostingRegressor implements Regressor {
  private readonly settings: HistGradientBoostingSettings;
  private cols = 0;
  private baseline = 0;
  private forest: PackedForest | null = null;

  constructor(options: HistGradientBoostingOptions = {}) {
    this.settings = histGradientBoostingSettings(options);
  }

  fit(X: Matrix, y: Float64Array): this {
    checkTrainingData(X, y);
    const n = y.length;
    const grower = histogramGrower(X, this.settings);
    this.cols = X.cols;
    this.baseline = numpyMean(y);
    const trees: BoostedTree[] = [];
    const raw = new Float64Array(n).fill(this.baseline);
    const gradients = new Float32Array(n);
    for (let iteration = 0; iteration < this.settings.maxIter; iteration++) {
      squaredErrorGradients(raw, y, gradients);
      const grown = grower.grow(gradients, null);
      addGrownValues(grown, raw, 1, 0);
      trees.push(grown.tree);
    }
    this.forest = packForest(trees);
    holdSmallHistogramGrower(X, this.settings);
    return this;
  }

  predict(X: Matrix): Float64Array {
    if (this.forest === null) throw new Error("the histogram gradient boosting regressor is not fitted");
    checkQueryData(X, this.cols);
    const out = new Float64Array(X.rows).fill(this.baseline);
    addForestValues(this.forest, X, out, 1, 1, false);
    return out;
  }
}

/**
 * The half squared error's gradient at raw: raw - y. Once per iteration, a block of rows per
 * call (rowBlocks.ts's CALL_STEPS).
 */
function squaredErrorGradients(raw: Float64Array, y: Float64Array, gradients: Float32Array): void {
  for (let from = 0, step = rowsPerCall(1); from < y.length; from += step) gradientRange(raw, y, from, Math.min(y.length, from + step), gradients);
}

function gradientRange(raw: Float64Array, y: Float64Array, from: number, to: number, gradients: Float32Array): void {
  for (let i = from; i < to; i++) gradients[i] = raw[i] - y[i];
}
