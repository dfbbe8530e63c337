import { groupSums } from "../stats/groupSums.js";
import { denseScatter } from "../stats/gram.js";
import { createMatrix, type Matrix } from "../stats/matrix.js";
import { rightSingularVectors } from "../stats/rightSingularVectors.js";
import { ROW_BLOCK, rowsPerCall } from "../stats/rowBlocks.js";
import { groupScatters } from "../stats/scatter.js";
import { checkSquaresFit } from "../stats/squaresFit.js";
import { symmetricEigen } from "../stats/symmetricEigen.js";
import { thinSvd } from "../stats/thinSvd.js";
import type { Estimator } from "./estimator.js";
import { linearScores } from "./linearScores.js";
import { checkQueryColumns, trainingClasses } from "./trainingClasses.js";

/**
 * scikit-learn's LinearDiscriminantAnalysis() (solver "svd", tol=1e-4, priors from class
 * frequencies), its _solve_svd step for step: the rows centred on their class means and scaled
 * by the within-class standard deviation of each feature (1 where it is 0), an SVD of that (here
 * from its Gram matrix, withinSvd) whose singular values above tol span the within-class space
 * (so collinear columns, one-hot levels, drop out instead of making a singular covariance),
 * then an SVD of the weighted class centres in that space for the between-class directions. The
 * result is one linear score per class: probabilities by the logistic function of the difference
 * for two classes, by softmax for more, as its predict_proba.
 */
export class LinearDiscriminantAnalysis implements Estimator {
  private readonly tol: number;
  private fitted: { classes: Uint32Array; nClasses: number; weights: Float64Array; intercepts: Float64Array; cols: number } | null = null;

  constructor(options: { readonly tol?: number } = {}) {
    this.tol = options.tol ?? 1e-4;
  }

  fit(X: Matrix, y: Uint32Array, nClasses: number): this {
    const { classes, counts, local } = trainingClasses(X, y, nClasses);
    const { rows: n, cols: p } = X;
    const K = classes.length;
    if (K < 2) {
      this.fitted = { classes, nClasses, weights: new Float64Array(0), intercepts: new Float64Array(0), cols: p };
      return this;
    }
    if (n === K) throw new RangeError("the number of rows must be more than the number of classes");
    const priors = Float64Array.from(counts, (count) => count / n);
    // Class means as np.add.at then a division: rows summed in order.
    const means = groupSums(X, local, K);
    for (let k = 0; k < K; k++) for (let j = 0; j < p; j++) means[k * p + j] /= counts[k];
    const std = withinStd(X, local, means);
    const first = withinSvd(X, local, K, means, Float64Array.from(std, (s) => Math.sqrt(1 / (n - K)) / s));
    let rank = 0;
    while (rank < first.values.length && first.values[rank] > this.tol) rank++;
    // scalings (p x rank): Vt[:rank] / std, transposed, divided by S.
    const scalings = new Float64Array(p * rank);
    for (let r = 0; r < rank; r++) for (let j = 0; j < p; j++) scalings[j * rank + r] = first.vt[r * p + j] / std[j] / first.values[r];
    const xbar = new Float64Array(p);
    for (let k = 0; k < K; k++) for (let j = 0; j < p; j++) xbar[j] += priors[k] * means[k * p + j];
    // Weighted class centres in the scaled within-class space (K x rank).
    const between = new Float64Array(K * rank);
    for (let k = 0; k < K; k++) {
      const weight = Math.sqrt((n * priors[k]) / (K - 1));
      for (let r = 0; r < rank; r++) {
        let s = 0;
        for (let j = 0; j < p; j++) s += weight * (means[k * p + j] - xbar[j]) * scalings[j * rank + r];
        between[k * rank + r] = s;
      }
    }
    const second = thinSvd(between, K, rank);
    let rank2 = 0;
    while (rank2 < second.values.length && second.values[rank2] > this.tol * second.values[0]) rank2++;
    // scalings_ = scalings @ Vt2[:rank2].T (p x rank2).
    const directions = new Float64Array(p * rank2);
    for (let j = 0; j < p; j++) {
      for (let q = 0; q < rank2; q++) {
        let s = 0;
        for (let r = 0; r < rank; r++) s += scalings[j * rank + r] * second.vt[q * rank + r];
        directions[j * rank2 + q] = s;
      }
    }
    // coef = (means - xbar) @ scalings_; intercept = -|coef|^2 / 2 + log prior; coef_ = coef @ scalings_.T.
    const weights = new Float64Array(K * p);
    const intercepts = new Float64Array(K);
    const projected = new Float64Array(rank2);
    for (let k = 0; k < K; k++) {
      let squares = 0;
      for (let q = 0; q < rank2; q++) {
        let s = 0;
        for (let j = 0; j < p; j++) s += (means[k * p + j] - xbar[j]) * directions[j * rank2 + q];
        projected[q] = s;
        squares += s * s;
      }
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let q = 0; q < rank2; q++) s += projected[q] * directions[j * rank2 + q];
        weights[k * p + j] = s;
      }
      let offset = 0;
      for (let j = 0; j < p; j++) offset += xbar[j] * weights[k * p + j];
      intercepts[k] = -0.5 * squares + Math.log(priors[k]) - offset;
    }
    this.fitted = { classes, nClasses, weights, intercepts, cols: p };
    return this;
  }

  predictProba(X: Matrix): Float64Array {
    if (this.fitted === null) throw new Error("the LinearDiscriminantAnalysis is not fitted");
    const { classes, nClasses, weights, intercepts, cols } = this.fitted;
    checkQueryColumns(X, cols);
    const rows = X.rows;
    const out = new Float64Array(rows * nClasses);
    const K = classes.length;
    if (K === 1) {
      for (let i = 0; i < rows; i++) out[i * nClasses + classes[0]] = 1;
      return out;
    }
    const scores = linearScores(X, weights, intercepts);
    // A few rows a call (rowBlocks.ts's CALL_STEPS), as a prediction reads its rows once.
    for (let from = 0, step = rowsPerCall(3 * K); from < rows; from += step) rowProbabilities(scores, classes, nClasses, from, Math.min(rows, from + step), out);
    return out;
  }
}

/** Rows from..to - 1 of the probabilities from the K class scores a row (K >= 2), at the fitted classes' columns. */
function rowProbabilities(scores: Float64Array, classes: Uint32Array, nClasses: number, from: number, to: number, out: Float64Array): void {
  const K = classes.length;
  for (let i = from; i < to; i++) {
    const o = i * nClasses;
    if (K === 2) {
      // scikit-learn's binary decision is the difference of the two class scores, through expit.
      const d = scores[i * 2 + 1] - scores[i * 2];
      const positive = 1 / (1 + Math.exp(-d));
      out[o + classes[0]] = 1 - positive;
      out[o + classes[1]] = positive;
      continue;
    }
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, scores[i * K + k]);
    let total = 0;
    for (let k = 0; k < K; k++) total += Math.exp(scores[i * K + k] - max);
    for (let k = 0; k < K; k++) out[o + classes[k]] = Math.exp(scores[i * K + k] - max) / total;
  }
}

/**
 * Population standard deviation of each column of the within-class rows x - mean_class (np.std
 * of scikit-learn's Xc), 1 where it is exactly 0: the in-order sums of the rows, as np.std takes
 * them, without keeping the rows. Each pass a few rows a call (rowBlocks.ts's CALL_STEPS), those
 * calls ROW_BLOCK rows a call of a block function (see groupSums.ts).
 */
function withinStd(X: Matrix, local: Uint32Array, means: Float64Array): Float64Array {
  const { rows, cols, data } = X;
  const mean = new Float64Array(cols);
  for (let from = 0; from < rows; from += ROW_BLOCK) addWithinBlock(data, cols, local, means, from, Math.min(rows, from + ROW_BLOCK), mean);
  for (let j = 0; j < cols; j++) mean[j] /= rows;
  const std = new Float64Array(cols);
  for (let from = 0; from < rows; from += ROW_BLOCK) addWithinSquaresBlock(data, cols, local, means, mean, from, Math.min(rows, from + ROW_BLOCK), std);
  checkSquaresFit(std, cols);
  for (let j = 0; j < cols; j++) std[j] = std[j] === 0 ? 1 : Math.sqrt(std[j] / rows);
  return std;
}

function addWithinBlock(data: Float64Array, cols: number, local: Uint32Array, means: Float64Array, from: number, to: number, out: Float64Array): void {
  for (let i = from, step = rowsPerCall(cols); i < to; i += step) addWithin(data, cols, local, means, i, Math.min(to, i + step), out);
}

function addWithinSquaresBlock(data: Float64Array, cols: number, local: Uint32Array, means: Float64Array, mean: Float64Array, from: number, to: number, out: Float64Array): void {
  for (let i = from, step = rowsPerCall(cols); i < to; i += step) addWithinSquares(data, cols, local, means, mean, i, Math.min(to, i + step), out);
}

/** Adds rows from..to - 1 of x - mean_class to `out`, in row order. */
function addWithin(data: Float64Array, cols: number, local: Uint32Array, means: Float64Array, from: number, to: number, out: Float64Array): void {
  for (let i = from; i < to; i++) {
    const o = i * cols;
    const mo = local[i] * cols;
    for (let j = 0; j < cols; j++) out[j] += data[o + j] - means[mo + j];
  }
}

/** Adds the squares of rows from..to - 1 of (x - mean_class) - mean to `out`, in row order. */
function addWithinSquares(data: Float64Array, cols: number, local: Uint32Array, means: Float64Array, mean: Float64Array, from: number, to: number, out: Float64Array): void {
  for (let i = from; i < to; i++) {
    const o = i * cols;
    const mo = local[i] * cols;
    for (let j = 0; j < cols; j++) {
      const d = data[o + j] - means[mo + j] - mean[j];
      out[j] += d * d;
    }
  }
}

/**
 * The singular values and right singular vectors of the scaled within-class rows
 * (x - mean_class) scale (scale_j = sqrt(1 / (n - K)) / std_j), from the eigen-decomposition of
 * their Gram matrix, for half the flops of an SVD: the classes' scatter matrices about their
 * means (groupScatters), summed and scaled. Singular values come out to about sqrt(eps) times
 * the largest; the within-class matrix here has singular values of order 1 (its columns are
 * scaled to unit within-class spread), so the rank test against tol = 1e-4 is decided well above
 * that.
 */
function withinSvd(X: Matrix, local: Uint32Array, K: number, means: Float64Array, scale: Float64Array): { values: Float64Array; vt: Float64Array } {
  const p = X.cols;
  if (X.rows < p) return wideWithinSvd(X, local, means, scale);
  const scatters = groupScatters(X, local, K, means);
  const gram = new Float64Array(p * p);
  for (let from = 0, step = rowsPerCall(K * p); from < p; from += step) scaledSumRows(scatters, K, p, scale, from, Math.min(p, from + step), gram);
  const { values, vectors } = symmetricEigen(gram, p);
  return { values: Float64Array.from(values, (e) => Math.sqrt(Math.max(e, 0))), vt: vectors };
}

/** Rows from..to - 1 of the K scatters' sum (in class order), each entry (j, l) then times scale[j] and scale[l]; a few rows a call, as a fit sums them once. */
function scaledSumRows(scatters: Float64Array, K: number, p: number, scale: Float64Array, from: number, to: number, gram: Float64Array): void {
  for (let j = from; j < to; j++) {
    for (let l = 0; l < p; l++) {
      const e = j * p + l;
      let sum = 0;
      for (let k = 0; k < K; k++) sum += scatters[k * p * p + e];
      // One factor at a time: scales near 2^500 (columns near 1e-150) would overflow as a product.
      gram[e] = sum * scale[j] * scale[l];
    }
  }
}

/**
 * withinSvd for fewer rows than columns, from the rows x rows Gram matrix W W' of the scaled
 * within-class rows W instead of the cols x cols W' W: the same nonzero singular values, each
 * right vector W' u / s from its left one u, for rows^2 cols / 2 + rows^3 flops instead of
 * cols^2 rows / 2 + cols^3 (a 189 x 800 fold's whole fit: 0.42-0.45 s to 0.06-0.08 s).
 */
function wideWithinSvd(X: Matrix, local: Uint32Array, means: Float64Array, scale: Float64Array): { values: Float64Array; vt: Float64Array } {
  const { rows: n, cols: p } = X;
  // W' (p x n): its rows are W's columns, so its scatter is W W'.
  const wt = scaledWithinColumns(X, local, means, scale);
  const { values, vectors } = symmetricEigen(denseScatter(createMatrix(p, n, wt)), n);
  const singular = Float64Array.from(values, (e) => Math.sqrt(Math.max(e, 0)));
  return { values: singular, vt: rightSingularVectors(wt, n, p, vectors, singular) };
}

/** (x - mean_class) scale, transposed: cols x rows, row-major. */
function scaledWithinColumns(X: Matrix, local: Uint32Array, means: Float64Array, scale: Float64Array): Float64Array {
  const { rows, cols, data } = X;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const mo = local[i] * cols;
    for (let j = 0; j < cols; j++) out[j * rows + i] = (data[i * cols + j] - means[mo + j]) * scale[j];
  }
  return out;
}
