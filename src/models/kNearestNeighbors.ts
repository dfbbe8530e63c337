import type { Estimator, Matrix } from "./estimator.js";

/**
 * k-nearest neighbours, as scikit-learn's KNeighborsClassifier(n_neighbors=5) with brute-force
 * euclidean search and uniform weights: a row's probabilities are the class shares among its k
 * nearest training rows. In-house because ml-knn gives no probabilities. Exact distance ties go
 * to the lower training index (scikit-learn leaves their order unspecified).
 */
export class KNearestNeighbors implements Estimator {
  private train: Matrix = { rows: 0, cols: 0, data: new Float64Array(0) };
  private labels: Uint32Array = new Uint32Array(0);
  private nClasses = 0;

  constructor(private readonly k = 5) {}

  fit(X: Matrix, y: Uint32Array, nClasses: number): this {
    if (X.rows !== y.length) throw new RangeError(`${X.rows} rows but ${y.length} labels`);
    if (X.rows === 0) throw new RangeError("cannot fit on zero rows");
    this.train = X;
    this.labels = y;
    this.nClasses = nClasses;
    return this;
  }

  predictProba(X: Matrix): Float64Array {
    const { rows: n, cols, data: train } = this.train;
    if (X.cols !== cols) throw new RangeError(`fitted on ${cols} features, got ${X.cols}`);
    const k = Math.min(this.k, n);
    const nClasses = this.nClasses;
    const out = new Float64Array(X.rows * nClasses);
    // The k best so far, kept sorted by (distance, index): insertion into a tiny array beats a heap for k = 5.
    const bestDistance = new Float64Array(k);
    const bestIndex = new Int32Array(k);
    const query = X.data;
    for (let q = 0; q < X.rows; q++) {
      bestDistance.fill(Infinity);
      bestIndex.fill(-1);
      const qo = q * cols;
      for (let i = 0; i < n; i++) {
        const io = i * cols;
        let d = 0;
        for (let j = 0; j < cols; j++) {
          const diff = query[qo + j] - train[io + j];
          d += diff * diff;
        }
        if (d >= bestDistance[k - 1]) continue;
        let p = k - 1;
        while (p > 0 && bestDistance[p - 1] > d) {
          bestDistance[p] = bestDistance[p - 1];
          bestIndex[p] = bestIndex[p - 1];
          p--;
        }
        bestDistance[p] = d;
        bestIndex[p] = i;
      }
      for (let m = 0; m < k; m++) out[q * nClasses + this.labels[bestIndex[m]]] += 1 / k;
    }
    return out;
  }
}
