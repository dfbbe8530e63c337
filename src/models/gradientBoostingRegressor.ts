import type { Matrix } from "../stats/matrix.js";
import { numpyMean } from "../stats/pairwiseSum.js";
import { addForestValues, packForest, type BoostedTree, type PackedForest } from "./boostedTree.js";
import { FriedmanTreeGrower, holdSmallFriedmanGrower } from "./friedmanTree.js";
import { gradientBoostingSettings, type GradientBoostingOptions, type GradientBoostingSettings } from "./gradientBoosting.js";
import type { Regressor } from "./regressor.js";
import { sortColumns } from "./sortedColumns.js";
import { checkPredictInput, checkTrainingTargets } from "./treeGrowth.js";
import { rowsPerCall } from "../stats/rowBlocks.js";

/**
 * Gradient boosting for regression, as scikit-learn 1.2's GradientBoostingRegressor() with its
 * defaults: squared error, 100 stages, learning_rate 0.1, friedman_mse trees of max_depth 3
 * (friedmanTree.ts), subsample 1.0, features as float32. F starts at the mean target; each stage
 * fits a tree to the residual y - F and adds learning_rate times its leaf means (squared error
 * needs no Newton step: the mean is already the optimum).
 */
export class GradientBoostingRegressor implements Regressor {
  private readonly settings: GradientBoostingSettings;
  private cols = 0;
  private initial = 0;
  private forest: PackedForest | null = null;

  constructor(options: GradientBoostingOptions = {}) {
    this.settings = gradientBoostingSettings(options);
  }

  fit(X: Matrix, y: Float64Array): this {
    checkTrainingTargets(X.rows, y);
    const n = y.length;
    const grower = new FriedmanTreeGrower(sortColumns(X), this.settings.maxDepth, this.settings.rng);
    // DummyRegressor(strategy="mean"): np.average, numpy's pairwise sum.
    this.initial = numpyMean(y);
    this.cols = X.cols;
    const trees: BoostedTree[] = [];
    const raw = new Float64Array(n).fill(this.initial);
    const residual = new Float64Array(n);
    const leafOfRow = grower.leafOfRow;
    for (let stage = 0; stage < this.settings.nEstimators; stage++) {
      squaredErrorResiduals(y, raw, residual);
      const tree = grower.grow(residual);
      addLeafValues(tree, leafOfRow, raw, this.settings.learningRate);
      trees.push(tree);
    }
    this.forest = packForest(trees);
    holdSmallFriedmanGrower(X, this.settings.maxDepth, this.settings.rng);
    return this;
  }

  predict(X: Matrix): Float64Array {
    if (this.forest === null) throw new Error("the gradient boosting regressor is not fitted");
    checkPredictInput(X, this.cols);
    const out = new Float64Array(X.rows).fill(this.initial);
    addForestValues(this.forest, X, out, 1, this.settings.learningRate, true);
    return out;
  }
}

/**
 * The squared error's negative gradient at raw: y - raw. This pass and addLeafValues's, once per
 * stage, run a block of rows per call (rowBlocks.ts's CALL_STEPS).
 */
function squaredErrorResiduals(y: Float64Array, raw: Float64Array, residual: Float64Array): void {
  for (let from = 0, step = rowsPerCall(1); from < y.length; from += step) residualRange(y, raw, from, Math.min(y.length, from + step), residual);
}

function residualRange(y: Float64Array, raw: Float64Array, from: number, to: number, residual: Float64Array): void {
  for (let i = from; i < to; i++) residual[i] = y[i] - raw[i];
}

/** raw[i] += scale * (value of row i's leaf), for the training rows. */
function addLeafValues(tree: BoostedTree, leafOfRow: Int32Array, raw: Float64Array, scale: number): void {
  const rows = leafOfRow.length;
  for (let from = 0, step = rowsPerCall(1); from < rows; from += step) addLeafValueRange(tree.value, leafOfRow, from, Math.min(rows, from + step), raw, scale);
}

function addLeafValueRange(value: Float64Array, leafOfRow: Int32Array, from: number, to: number, raw: Float64Array, scale: number): void {
  for (let i = from; i < to; i++) raw[i] += scale * value[leafOfRow[i]];
}
