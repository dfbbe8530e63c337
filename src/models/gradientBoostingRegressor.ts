import type { Matrix } from "../stats/matrix.js";
import { numpyMean } from "../stats/pairwiseSum.js";
import { addTreeValues, type BoostedTree } from "./boostedTree.js";
import { FriedmanTreeGrower } from "./friedmanTree.js";
import type { GradientBoostingOptions } from "./gradientBoostingClassifier.js";
import type { Regressor } from "./regressor.js";
import { sortColumns } from "./sortedColumns.js";
import { checkPredictInput, checkTrainingTargets } from "./treeGrowth.js";

/**
 * Gradient boosting for regression, as scikit-learn 1.2's GradientBoostingRegressor() with its
 * defaults: squared error, 100 stages, learning_rate 0.1, friedman_mse trees of max_depth 3
 * (friedmanTree.ts), subsample 1.0, features as float32. F starts at the mean target; each stage
 * fits a tree to the residual y - F and adds learning_rate times its leaf means (squared error
 * needs no Newton step: the mean is already the optimum).
 */
export class GradientBoostingRegressor implements Regressor {
  private readonly nEstimators: number;
  private readonly learningRate: number;
  private readonly maxDepth: number;
  private cols = 0;
  private initial = 0;
  private trees: BoostedTree[] = [];

  constructor(options: GradientBoostingOptions = {}) {
    this.nEstimators = options.nEstimators ?? 100;
    this.learningRate = options.learningRate ?? 0.1;
    this.maxDepth = options.maxDepth ?? 3;
    if (!Number.isInteger(this.nEstimators) || this.nEstimators < 1) throw new RangeError(`nEstimators must be a positive integer, got ${this.nEstimators}`);
    if (!(this.learningRate > 0 && Number.isFinite(this.learningRate))) throw new RangeError(`learningRate must be positive, got ${this.learningRate}`);
  }

  fit(X: Matrix, y: Float64Array): this {
    checkTrainingTargets(X.rows, y);
    const n = y.length;
    const grower = new FriedmanTreeGrower(sortColumns(X), this.maxDepth);
    // DummyRegressor(strategy="mean"): np.average, numpy's pairwise sum.
    this.initial = numpyMean(y);
    this.cols = X.cols;
    this.trees = [];
    const raw = new Float64Array(n).fill(this.initial);
    const residual = new Float64Array(n);
    const leafOfRow = grower.leafOfRow;
    for (let stage = 0; stage < this.nEstimators; stage++) {
      for (let i = 0; i < n; i++) residual[i] = y[i] - raw[i];
      const tree = grower.grow(residual);
      for (let i = 0; i < n; i++) raw[i] += this.learningRate * tree.value[leafOfRow[i]];
      this.trees.push(tree);
    }
    return this;
  }

  predict(X: Matrix): Float64Array {
    if (this.trees.length === 0) throw new Error("the gradient boosting regressor is not fitted");
    checkPredictInput(X, this.cols);
    const out = new Float64Array(X.rows).fill(this.initial);
    for (const tree of this.trees) addTreeValues(tree, X, out, 1, 0, this.learningRate, true);
    return out;
  }
}
