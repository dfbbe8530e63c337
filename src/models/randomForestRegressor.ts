import type { Rng } from "../stats/rng.js";
import type { Matrix } from "../stats/matrix.js";
import { binFeatures } from "./featureBins.js";
import { growForest } from "./forestGrowth.js";
import type { Regressor } from "./regressor.js";
import { SquaredErrorCriterion } from "./squaredErrorCriterion.js";
import { forestAverage } from "./forestAverage.js";
import { checkPredictInput, checkTrainingTargets, type FlatTree } from "./treeGrowth.js";

export interface RandomForestRegressorOptions {
  /** Seeds every tree; the same seed gives the same forest. */
  readonly rng: Rng;
  readonly nEstimators?: number;
}

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

  constructor(private readonly options: RandomForestRegressorOptions) {
    const count = options.nEstimators ?? 100;
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`nEstimators must be a positive integer, got ${count}`);
  }

  fit(X: Matrix, y: Float64Array): this {
    checkTrainingTargets(X.rows, y);
    const count = this.options.nEstimators ?? 100;
    this.trees = growForest(binFeatures(X), count, Math.max(1, X.cols), this.options.rng, (weight) => new SquaredErrorCriterion(y, weight));
    this.cols = X.cols;
    return this;
  }

  predict(X: Matrix): Float64Array {
    if (this.trees.length === 0) throw new Error("the random forest regressor is not fitted");
    checkPredictInput(X, this.cols);
    return forestAverage(this.trees, X, 1);
  }
}
