import type { Matrix } from "../stats/matrix.js";
import { ensembleSize, type EnsembleOptions } from "./ensembleSize.js";
import { binFeatures } from "./featureBins.js";
import { growForest } from "./forestGrowth.js";
import type { Regressor } from "./regressor.js";
import { SquaredErrorCriterion } from "./squaredErrorCriterion.js";
import { forestAverage } from "./forestAverage.js";
import { checkPredictInput, checkTrainingTargets, type FlatTree } from "./treeGrowth.js";

/**
 * A random forest of regression trees, as scikit-learn 1.2's RandomForestRegressor() with its
 * defaults: 100 unpruned squared-error trees, each on a bootstrap sample of n rows drawn with
 * replacement, every feature tried at every node (max_features=1.0, the regressor's default,
 * unlike the classifier's sqrt); a prediction is the mean of the trees' leaf means. Trees are
 * grown as the classifier forest's are (forestGrowth.ts).
 */
export class RandomForestRegressor implements Regressor {
  private trees: FlatTree[] = [];
  private cols = 0;
  private readonly count: number;

  constructor(private readonly options: EnsembleOptions) {
    this.count = ensembleSize(options.nEstimators, 100);
  }

  fit(X: Matrix, y: Float64Array): this {
    checkTrainingTargets(X.rows, y);
    this.trees = growForest(binFeatures(X), this.count, Math.max(1, X.cols), this.options.rng, (weight) => new SquaredErrorCriterion(y, weight));
    this.cols = X.cols;
    return this;
  }

  predict(X: Matrix): Float64Array {
    if (this.trees.length === 0) throw new Error("the random forest regressor is not fitted");
    checkPredictInput(X, this.cols);
    return forestAverage(this.trees, X, 1);
  }
}
