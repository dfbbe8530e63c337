import type { Estimator } from "./estimator.js";
import type { Matrix } from "../stats/matrix.js";
import { pairwiseSum } from "../stats/pairwiseSum.js";
import { rowsPerCall } from "../stats/rowBlocks.js";

/**
 * Gaussian naive Bayes, as scikit-learn's GaussianNB(var_smoothing=1e-9). In-house because
 * ml-naivebayes exposes no class probabilities, which AUC needs, and its GaussianNB reads only
 * the first two columns (bench/mljs.ts: its accuracy 0.70 against our 0.81 on 4,000 rows).
 * Variances get 1e-9 * (largest feature variance) added, priors are class frequencies, and
 * probabilities come from the joint log-likelihood normalised with log-sum-exp, so tiny
 * likelihoods do not underflow. Every sum is taken in NumPy's order (pairwise along a row,
 * row after row down a column) and the log-likelihood's terms are grouped as scikit-learn's
 * _joint_log_likelihood groups them: where a column is constant in a fold's training rows and
 * not in its held-out rows, its term (the squared gap over 1e-9 of the largest variance, 1e16
 * and more) swamps the others, the probabilities are that sum's rounding, and only the same
 * additions in the same order round alike (a generated fold's rows were 0.0073 off scikit-learn's
 * with the sums in column order, and are now its rows to 2e-16).
 */
export class GaussianNaiveBayes implements Estimator {
  private nClasses = 0;
  private cols = 0;
  private logPrior = new Float64Array(0);
  private mean: Float64Array = new Float64Array(0);
  private variance: Float64Array = new Float64Array(0);

  constructor(private readonly varSmoothing = 1e-9) {}

  fit(X: Matrix, y: Uint32Array, nClasses: number): this {
    const { rows, cols } = X;
    if (rows !== y.length) throw new RangeError(`${rows} rows but ${y.length} labels`);
    if (rows === 0) throw new RangeError("cannot fit on zero rows");
    const counts = new Float64Array(nClasses);
    // Each class's block of cols, then one for all rows (np.var(X, axis=0), whose largest value
    // scales var_smoothing): sums down each column row after row, as NumPy sums there, divided
    // once. Exact, since a column constant in the training rows has that scale as its variance.
    const mean = classSums(X, y, nClasses, counts);
    perRow(mean, counts, rows, cols);
    const variance = squaredDeviationSums(X, y, nClasses, mean);
    perRow(variance, counts, rows, cols);
    let largest = 0;
    for (let j = 0; j < cols; j++) largest = Math.max(largest, variance[nClasses * cols + j]);
    const epsilon = this.varSmoothing * largest;
    for (let k = 0; k < nClasses * cols; k++) variance[k] += epsilon;
    // A loop, not Float64Array.from with an arrow: a closure made per fit loses its compiled code
    // at the next collection and was compiled again in every fold.
    const logPrior = new Float64Array(nClasses);
    for (let c = 0; c < nClasses; c++) logPrior[c] = counts[c] > 0 ? Math.log(counts[c] / rows) : -Infinity;
    this.logPrior = logPrior;
    this.nClasses = nClasses;
    this.cols = cols;
    this.mean = mean.subarray(0, nClasses * cols);
    this.variance = variance.subarray(0, nClasses * cols);
    return this;
  }

  predictProba(X: Matrix): Float64Array {
    const { rows, data } = X;
    const { nClasses, cols, mean, variance, logPrior } = this;
    if (X.cols !== cols) throw new RangeError(`fitted on ${cols} features, got ${X.cols}`);
    const out = new Float64Array(rows * nClasses);
    const logNorm = new Float64Array(nClasses);
    const terms = new Float64Array(cols);
    for (let c = 0; c < nClasses; c++) {
      for (let j = 0; j < cols; j++) terms[j] = Math.log(2 * Math.PI * variance[c * cols + j]);
      logNorm[c] = -0.5 * pairwiseSum(terms);
    }
    const joint = new Float64Array(nClasses);
    // The present classes' exp(joint - max), summed as NumPy sums a row (absent classes are not in scikit-learn's model).
    const shifted = new Float64Array(nClasses);
    rowProbabilities(data, nClasses, cols, mean, variance, logPrior, logNorm, terms, joint, shifted, out, 0, rows, rowsPerCall(nClasses * cols));
    return out;
  }
}

/**
 * Rows from..to - 1 of predictProba's output, halved down to `most` rows a call (rowsPerCall):
 * called once per prediction with one long loop, it was compiled on the stack, and a major
 * collection between two folds threw that code away, so that a child compiled it again in its
 * second fold.
 */
function rowProbabilities(
  data: Float64Array,
  nClasses: number,
  cols: number,
  mean: Float64Array,
  variance: Float64Array,
  logPrior: Float64Array,
  logNorm: Float64Array,
  terms: Float64Array,
  joint: Float64Array,
  shifted: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  most: number,
): void {
  if (to - from > most) {
    const middle = (from + to) >>> 1;
    rowProbabilities(data, nClasses, cols, mean, variance, logPrior, logNorm, terms, joint, shifted, out, from, middle, most);
    rowProbabilities(data, nClasses, cols, mean, variance, logPrior, logNorm, terms, joint, shifted, out, middle, to, most);
    return;
  }
  for (let i = from; i < to; i++) {
    let max = -Infinity;
    for (let c = 0; c < nClasses; c++) {
      if (logPrior[c] === -Infinity) {
        joint[c] = -Infinity;
        continue;
      }
      for (let j = 0; j < cols; j++) {
        const d = data[i * cols + j] - mean[c * cols + j];
        terms[j] = (d * d) / variance[c * cols + j];
      }
      joint[c] = logPrior[c] + (logNorm[c] - 0.5 * pairwiseSum(terms));
      if (joint[c] > max) max = joint[c];
    }
    // scikit-learn's exp(joint - logsumexp(joint)), with its logsumexp's order (log of the sum
    // of exp(joint - max), then + max): a row where one class takes all but a rounding error is
    // then exactly 1, as in scikit-learn, where dividing by the sum gives 1 - 2^-52 and changes
    // which rows tie in AUC. Where a near-zero variance makes the joint log-likelihoods huge
    // (1e10 and more), max + log(total) loses log(total) to rounding and the row's sum strays
    // from 1 (scikit-learn's too). scikit-learn keeps such a row as it is, and so do we while it
    // is within half the output check's 1e-6: dividing a row off by 1e-10 by its sum turns its
    // 1.0 into 0.99999999989, and changes which rows tie in AUC (small partitions of one-hot
    // columns, most of them constant within a class, ranked 0.08 off scikit-learn's). A row
    // off by more is divided by its sum, so that it passes the check.
    let present = 0;
    for (let c = 0; c < nClasses; c++) if (joint[c] !== -Infinity) shifted[present++] = Math.exp(joint[c] - max);
    const norm = Math.log(pairwiseSum(shifted, 0, present)) + max;
    let sum = 0;
    for (let c = 0; c < nClasses; c++) {
      const p = Math.exp(joint[c] - norm);
      out[i * nClasses + c] = p;
      sum += p;
    }
    if (Math.abs(sum - 1) > STRAYED_SUM) for (let c = 0; c < nClasses; c++) out[i * nClasses + c] /= sum;
  }
}

/** Half the output check's tolerance (checkProbabilities.ts): rows off by less are left as scikit-learn leaves them. */
const STRAYED_SUM = 5e-7;

/*
 * Sums over the rows, for each class (a block of cols each) and for all rows (a last block):
 * each pass a function of its own that ends with its loop, halved down to `most` rows a call
 * (rowsPerCall): V8 compiles a long loop met in a function's first call on the stack, threw that
 * code away at the first unseen line after it, and a major collection between two folds threw it
 * away again.
 * classSums also counts each class's rows into counts (fit's own loop for them cost it that).
 */
function classSums(X: Matrix, y: Uint32Array, nClasses: number, counts: Float64Array): Float64Array {
  const { rows, cols, data } = X;
  const sums = new Float64Array((nClasses + 1) * cols);
  addClassSums(data, cols, y, nClasses * cols, counts, sums, 0, rows, rowsPerCall(cols));
  return sums;
}

function addClassSums(data: Float64Array, cols: number, y: Uint32Array, all: number, counts: Float64Array, sums: Float64Array, from: number, to: number, most: number): void {
  if (to - from > most) {
    const middle = (from + to) >>> 1;
    addClassSums(data, cols, y, all, counts, sums, from, middle, most);
    addClassSums(data, cols, y, all, counts, sums, middle, to, most);
    return;
  }
  for (let i = from; i < to; i++) {
    const c = y[i];
    counts[c]++;
    const at = c * cols;
    for (let j = 0; j < cols; j++) {
      const v = data[i * cols + j];
      sums[at + j] += v;
      sums[all + j] += v;
    }
  }
}

/** Squared deviations from classSums's means, per class and for all rows, in the same layout. */
function squaredDeviationSums(X: Matrix, y: Uint32Array, nClasses: number, mean: Float64Array): Float64Array {
  const { rows, cols, data } = X;
  const sums = new Float64Array((nClasses + 1) * cols);
  addSquaredDeviations(data, cols, y, nClasses * cols, mean, sums, 0, rows, rowsPerCall(cols));
  return sums;
}

function addSquaredDeviations(data: Float64Array, cols: number, y: Uint32Array, all: number, mean: Float64Array, sums: Float64Array, from: number, to: number, most: number): void {
  if (to - from > most) {
    const middle = (from + to) >>> 1;
    addSquaredDeviations(data, cols, y, all, mean, sums, from, middle, most);
    addSquaredDeviations(data, cols, y, all, mean, sums, middle, to, most);
    return;
  }
  for (let i = from; i < to; i++) {
    const at = y[i] * cols;
    for (let j = 0; j < cols; j++) {
      const v = data[i * cols + j];
      const d = v - mean[at + j];
      sums[at + j] += d * d;
      const e = v - mean[all + j];
      sums[all + j] += e * e;
    }
  }
}

/** Divides each class's block by its rows (a class without rows keeps its zeros) and the last block by all rows. */
function perRow(sums: Float64Array, counts: Float64Array, rows: number, cols: number): void {
  for (let c = 0; c < counts.length; c++) if (counts[c] > 0) for (let j = 0; j < cols; j++) sums[c * cols + j] /= counts[c];
  for (let j = 0; j < cols; j++) sums[counts.length * cols + j] /= rows;
}
