import type { Matrix } from "../stats/matrix.js";
import { ensembleSize, type EnsembleOptions } from "./ensembleSize.js";
import { growExtraForest } from "./extraTreeGrowth.js";
import { float32Columns } from "./float32Columns.js";
import type { Regressor } from "./regressor.js";
import { SquaredErrorCriterion } from "./squaredErrorCriterion.js";
import { forestAverage } from "./forestAverage.js";
import { checkPredictInput, checkTrainingTargets, type FlatTree } from "./treeGrowth.js";

/**
 * Extremely randomized regression trees, as scikit-learn 1.2's ExtraTreesRegressor() with its
 * defaults: 100 unpruned squared-error trees, each on all the training rows (no bootstrap), every
 * feature tried at every node (max_features=1.0), each with one threshold drawn uniformly between
 * the node's smallest and largest value of it (extraTreeGrowth.ts); a prediction is the mean of
 * the trees' leaf means.
 */
export class ExtraTreesRegressor implements Regressor {
  private trees: FlatTree[] = [];
  private cols = 0;
  private readonly count: number;

  constructor(private readonly options: EnsembleOptions) {
    this.count = ensembleSize(options.nEstimators, 100);
  }

  fit(X: Matrix, y: Float64Array): this {
    checkTrainingTargets(X.rows, y);
    const criterion = new SquaredErrorCriterion(y, new Float64Array(X.rows).fill(1));
    this.trees = growExtraForest(float32Columns(X), this.count, Math.max(1, X.cols), this.options.rng, criterion);
    this.cols = X.cols;
    return this;
  }

  predict(X: Matrix): Float64Array {
    if (this.trees.length === 0) throw new Error("the extra trees regressor is not fitted");
    checkPredictInput(X, this.cols);
    return forestAverage(this.trees, X, 1);
  }
}
