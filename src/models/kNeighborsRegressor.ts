import { pairwiseSum } from "../stats/pairwiseSum.js";
import type { Matrix } from "../stats/matrix.js";
import { rowsPerCall } from "../stats/rowBlocks.js";
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
    neighbourMeans(this.targets, neighbours, 0, X.rows, rowsPerCall(2 * k), values, out);
    return out;
  }
}

/**
 * Rows from..to - 1 of predict's output (k = values.length, its scratch), halved until a part has
 * at most `step` rows (rowBlocks.ts's CALL_STEPS): run once per prediction, a loop over every row
 * was compiled on the stack, and again in a child's second fold.
 */
function neighbourMeans(targets: Float64Array, neighbours: Int32Array, from: number, to: number, step: number, values: Float64Array, out: Float64Array): void {
  if (to - from > step) {
    const middle = (from + to) >>> 1;
    neighbourMeans(targets, neighbours, from, middle, step, values, out);
    neighbourMeans(targets, neighbours, middle, to, step, values, out);
    return;
  }
  const k = values.length;
  for (let q = from; q < to; q++) {
    for (let m = 0; m < k; m++) values[m] = targets[neighbours[q * k + m]];
    out[q] = pairwiseSum(values) / k;
  }
}
