import { pairwiseSum } from "../stats/pairwiseSum.js";
import type { Matrix } from "../stats/matrix.js";
import { nearestNeighbours, tooFewRows } from "./nearestNeighbours.js";
import { checkQueryData, checkTrainingData, type Regressor } from "./regressor.js";

/**
 * k-nearest neighbours regression, as scikit-learn's KNeighborsRegressor(n_neighbors=5) with
 * uniform weights and euclidean distance: a row's prediction is the mean target of its k nearest
 * training rows, found by the classifier's search (nearestNeighbours.ts, ties to the lower
 * training index) and summed nearest first, as numpy sums them, so the means are scikit-learn's
 * to the bit. Fewer training rows than k are refused, as scikit-learn refuses them.
 */
export class KNeighborsRegressor implements Regressor {
  private train: Matrix | null = null;
  private targets: Float64Array = new Float64Array(0);

  constructor(private readonly k = 5) {
    if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k must be a positive integer, got ${k}`);
  }

  fit(X: Matrix, y: Float64Array): this {
    checkTrainingData(X, y);
    if (X.rows < this.k) throw new RangeError(tooFewRows(X.rows, this.k));
    this.train = X;
    this.targets = y;
    return this;
  }

  predict(X: Matrix): Float64Array {
    const train = this.train;
    if (train === null) throw new Error("the k-neighbours regressor is not fitted");
    checkQueryData(X, train.cols);
    const k = this.k;
    const neighbours = nearestNeighbours(train, X, k);
    const values = new Float64Array(k);
    const out = new Float64Array(X.rows);
    for (let q = 0; q < X.rows; q++) {
      for (let m = 0; m < k; m++) values[m] = this.targets[neighbours[q * k + m]];
      out[q] = pairwiseSum(values) / k;
    }
    return out;
  }
}
