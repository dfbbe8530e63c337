import type { Rng } from "../stats/rng.js";
import type { Matrix } from "../stats/matrix.js";
import { binFeatures } from "./featureBins.js";
import type { Regressor } from "./regressor.js";
import { SquaredErrorCriterion } from "./squaredErrorCriterion.js";
import { addLeafValues, checkPredictInput, checkSampleWeights, checkTrainingTargets, growTree, type FlatTree } from "./treeGrowth.js";

export interface DecisionTreeRegressorOptions {
  /** Orders the features tried at each node, which decides between equally good splits. */
  readonly rng: Rng;
  /** Features tried per node; default all, as scikit-learn's DecisionTreeRegressor. */
  readonly maxFeatures?: number;
}

/**
 * A regression tree, as scikit-learn's DecisionTreeRegressor() with its defaults: squared_error
 * criterion, best split, no depth limit, min_samples_split 2, min_samples_leaf 1; a prediction is
 * the mean target of the row's leaf. Grown by the classification tree's code (treeGrowth.ts) with
 * the squared-error criterion, on the same histograms over each feature's distinct values, so it
 * makes scikit-learn's splits at scikit-learn's thresholds.
 */
export class DecisionTreeRegressor implements Regressor {
  private fitted: FlatTree | null = null;
  private cols = 0;

  constructor(private readonly options: DecisionTreeRegressorOptions) {}

  /** sampleWeight as scikit-learn's fit(X, y, sample_weight): rows of weight 0 are left out. */
  fit(X: Matrix, y: Float64Array, sampleWeight?: Float64Array): this {
    checkTrainingTargets(X.rows, y);
    const weight = sampleWeight ?? new Float64Array(X.rows).fill(1);
    checkSampleWeights(X.rows, weight);
    this.fitted = growTree(binFeatures(X), new SquaredErrorCriterion(y, weight), {
      maxFeatures: this.options.maxFeatures ?? Math.max(1, X.cols),
      rng: this.options.rng,
    });
    this.cols = X.cols;
    return this;
  }

  predict(X: Matrix): Float64Array {
    const tree = this.tree;
    checkPredictInput(X, this.cols);
    const out = new Float64Array(X.rows);
    addLeafValues(tree, X, out, 1);
    return out;
  }

  /** The fitted tree's flat arrays. */
  get tree(): FlatTree {
    if (this.fitted === null) throw new Error("the regression tree is not fitted");
    return this.fitted;
  }
}
