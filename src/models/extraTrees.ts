import type { Estimator } from "./estimator.js";
import type { Matrix } from "../stats/matrix.js";
import { ensembleSize, type EnsembleOptions } from "./ensembleSize.js";
import { growExtraForest } from "./extraTreeGrowth.js";
import { float32Columns } from "./float32Columns.js";
import { GiniCriterion } from "./giniCriterion.js";
import { forestAverage } from "./forestAverage.js";
import { checkPredictInput, checkTrainingLabels, type FlatTree } from "./treeGrowth.js";

/**
 * Extremely randomized trees, as scikit-learn 1.2's ExtraTreesClassifier() with its defaults: 100
 * unpruned gini trees, each on all the training rows (no bootstrap), max(1, floor(sqrt(features)))
 * features tried per node, each with one threshold drawn uniformly between the node's smallest and
 * largest value of it (extraTreeGrowth.ts); probabilities are the mean of the trees' leaf class
 * fractions.
 */
export class ExtraTreesClassifier implements Estimator {
  private trees: FlatTree[] = [];
  private cols = 0;
  private nClasses = 0;
  private readonly count: number;

  constructor(private readonly options: EnsembleOptions) {
    this.count = ensembleSize(options.nEstimators, 100);
  }

  fit(X: Matrix, y: Uint32Array, nClasses: number): this {
    const { rows, cols } = X;
    checkTrainingLabels(rows, y, nClasses);
    const maxFeatures = Math.max(1, Math.floor(Math.sqrt(cols)));
    const criterion = new GiniCriterion(y, nClasses, new Float64Array(rows).fill(1));
    this.trees = growExtraForest(float32Columns(X), this.count, maxFeatures, this.options.rng, criterion);
    this.cols = cols;
    this.nClasses = nClasses;
    return this;
  }

  predictProba(X: Matrix): Float64Array {
    if (this.trees.length === 0) throw new Error("the extra trees classifier is not fitted");
    checkPredictInput(X, this.cols);
    return forestAverage(this.trees, X, this.nClasses);
  }
}
