import type { Estimator } from "./estimator.js";
import type { Matrix } from "../stats/matrix.js";
import { rowsPerCall } from "../stats/rowBlocks.js";
import { nearestNeighbours, tooFewRows } from "./nearestNeighbours.js";

/**
 * k-nearest neighbours, as scikit-learn's KNeighborsClassifier(n_neighbors=5) with brute-force
 * euclidean search and uniform weights: a row's probabilities are the class shares among its k
 * nearest training rows (nearestNeighbours.ts). In-house because ml-knn gives no probabilities
 * (and ran 29x slower, bench/mljs.ts). Exact distance ties go to the lower training index
 * (scikit-learn leaves their order unspecified). Fewer training rows than k are refused, as
 * scikit-learn refuses them: a vote over all of them would be another model under this one's name.
 */
export class KNearestNeighbors implements Estimator {
  private train: Matrix = { rows: 0, cols: 0, data: new Float64Array(0) };
  private labels: Uint32Array = new Uint32Array(0);
  private nClasses = 0;

  constructor(private readonly k = 5) {}

  fit(X: Matrix, y: Uint32Array, nClasses: number): this {
    if (X.rows !== y.length) throw new RangeError(`${X.rows} rows but ${y.length} labels`);
    if (X.rows === 0) throw new RangeError("cannot fit on zero rows");
    if (X.rows < this.k) throw new RangeError(tooFewRows(X.rows, this.k));
    this.train = X;
    this.labels = y;
    this.nClasses = nClasses;
    return this;
  }

  predictProba(X: Matrix): Float64Array {
    const k = this.k;
    const nClasses = this.nClasses;
    const neighbours = nearestNeighbours(this.train, X, k);
    const out = new Float64Array(X.rows * nClasses);
    voteShares(this.labels, neighbours, k, nClasses, 0, X.rows, rowsPerCall(k + nClasses), out);
    return out;
  }
}

/**
 * Rows from..to - 1 of predictProba's output, halved until a part has at most `step` rows
 * (rowBlocks.ts's CALL_STEPS): run once per prediction, a loop over every row was compiled on the
 * stack, and again in a child's second fold.
 */
function voteShares(labels: Uint32Array, neighbours: Int32Array, k: number, nClasses: number, from: number, to: number, step: number, out: Float64Array): void {
  if (to - from > step) {
    const middle = (from + to) >>> 1;
    voteShares(labels, neighbours, k, nClasses, from, middle, step, out);
    voteShares(labels, neighbours, k, nClasses, middle, to, step, out);
    return;
  }
  for (let q = from; q < to; q++) {
    const row = q * nClasses;
    // Votes counted first, then divided once, as scikit-learn does: 3 / 5 is 0.6 exactly,
    // where adding 1 / 5 three times gives 0.6000000000000001.
    for (let m = 0; m < k; m++) out[row + labels[neighbours[q * k + m]]] += 1;
    for (let c = 0; c < nClasses; c++) out[row + c] /= k;
  }
}
