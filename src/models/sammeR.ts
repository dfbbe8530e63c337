/**
 * The real multi-class AdaBoost of Zhu, Zou, Rosset and Hastie ("Multi-class AdaBoost", 2009,
 * algorithm 4), as scikit-learn 1.2's AdaBoostClassifier(algorithm="SAMME.R") computes it: each
 * estimator contributes (K - 1) (log p_k - mean_j log p_j) per class, with its class probabilities
 * clipped below at DBL_EPSILON so that the logarithm is defined; the contributions are summed and
 * turned into probabilities by a softmax; between rounds the training rows are reweighted by the
 * same logarithms. Functions on row-major rows x K matrices, in scikit-learn's order of operations.
 */
import { pairwiseSum } from "../stats/pairwiseSum.js";
import { rowsPerCall } from "../stats/rowBlocks.js";

/** np.finfo(np.float64).eps: scikit-learn's floor for a probability before its logarithm. */
export const PROBABILITY_FLOOR = Number.EPSILON;

/**
 * One round of scikit-learn's _boost_real on the training rows, given the round's estimator's
 * class probabilities for them (labels y in 0..K-1): returns the weighted share of rows whose
 * argmax (first maximum) is wrong. When that is positive and `reweight` (every round but the
 * last), each weight is multiplied by exp(-learningRate (K - 1) / K sum_k c_k log p_k), where c_k
 * is 1 for the row's class and -1 / (K - 1) for the others: rows the estimator was unsure or wrong
 * about gain weight. A perfect estimator (error 0) leaves the weights alone.
 */
export function sammeRBoost(proba: Float64Array, y: Uint32Array, nClasses: number, weight: Float64Array, learningRate: number, reweight: boolean): number {
  const rows = y.length;
  checkShape(proba, rows, nClasses);
  if (weight.length !== rows) throw new RangeError(`${rows} labels but ${weight.length} weights`);
  const wrongWeight = misclassifiedWeights(proba, y, nClasses, weight);
  // np.average(incorrect, weights=sample_weight): two pairwise sums.
  const error = pairwiseSum(wrongWeight) / pairwiseSum(weight);
  if (error <= 0 || !reweight) return error;
  reweightRows(proba, y, nClasses, weight, learningRate);
  return error;
}

/**
 * Each row's weight where the stump's most probable class is wrong, else 0. Every pass over the
 * rows here, once per round or prediction, runs a block of rows per call (rowBlocks.ts's
 * CALL_STEPS).
 */
function misclassifiedWeights(proba: Float64Array, y: Uint32Array, nClasses: number, weight: Float64Array): Float64Array {
  const rows = y.length;
  const wrongWeight = new Float64Array(rows);
  for (let from = 0, step = rowsPerCall(nClasses); from < rows; from += step) misclassifiedRange(proba, y, nClasses, weight, from, Math.min(rows, from + step), wrongWeight);
  return wrongWeight;
}

function misclassifiedRange(proba: Float64Array, y: Uint32Array, nClasses: number, weight: Float64Array, from: number, to: number, wrongWeight: Float64Array): void {
  for (let i = from; i < to; i++) {
    const base = i * nClasses;
    let label = 0;
    for (let c = 1; c < nClasses; c++) if (proba[base + c] > proba[base + label]) label = c;
    if (label !== y[i]) wrongWeight[i] = weight[i];
  }
}

/** SAMME.R's weight update, in place. */
function reweightRows(proba: Float64Array, y: Uint32Array, nClasses: number, weight: Float64Array, learningRate: number): void {
  const rows = y.length;
  const other = -1 / (nClasses - 1);
  const factor = -1 * learningRate * ((nClasses - 1) / nClasses);
  for (let from = 0, step = rowsPerCall(nClasses); from < rows; from += step) reweightRange(proba, y, nClasses, weight, other, factor, from, Math.min(rows, from + step));
}

function reweightRange(proba: Float64Array, y: Uint32Array, nClasses: number, weight: Float64Array, other: number, factor: number, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const base = i * nClasses;
    let logLikelihood = 0;
    for (let c = 0; c < nClasses; c++) logLikelihood += (c === y[i] ? 1 : other) * Math.log(Math.max(proba[base + c], PROBABILITY_FLOOR));
    const boost = factor * logLikelihood;
    // As scikit-learn: zero weights stay out of the update (0 times an overflowed exp would be NaN).
    if (weight[i] > 0 || boost < 0) weight[i] *= Math.exp(boost);
  }
}

/** scikit-learn's _samme_proba(estimator, K, X), added into `sum`, as decision_function sums it. */
export function addSammeRContribution(proba: Float64Array, rows: number, nClasses: number, sum: Float64Array): void {
  checkShape(proba, rows, nClasses);
  checkShape(sum, rows, nClasses);
  const logs = new Float64Array(nClasses);
  for (let from = 0, step = rowsPerCall(2 * nClasses); from < rows; from += step) addContributionRange(proba, nClasses, from, Math.min(rows, from + step), logs, sum);
}

function addContributionRange(proba: Float64Array, nClasses: number, from: number, to: number, logs: Float64Array, sum: Float64Array): void {
  for (let i = from; i < to; i++) {
    const base = i * nClasses;
    let logSum = 0;
    for (let c = 0; c < nClasses; c++) {
      logs[c] = Math.log(Math.max(proba[base + c], PROBABILITY_FLOOR));
      logSum += logs[c];
    }
    const meanLog = (1 / nClasses) * logSum;
    for (let c = 0; c < nClasses; c++) sum[base + c] += (nClasses - 1) * (logs[c] - meanLog);
  }
}

/**
 * AdaBoostClassifier.predict_proba from the summed contributions: divided by the sum of the
 * estimator weights (1 each under SAMME.R, so the estimator count), then for two classes the
 * decision d = f_1 - f_0 becomes softmax([-d / 2, d / 2]), and for more softmax(f / (K - 1)).
 */
export function sammeRProbabilities(sum: Float64Array, rows: number, nClasses: number, weightSum: number): Float64Array {
  checkShape(sum, rows, nClasses);
  if (nClasses < 2) throw new RangeError(`SAMME.R needs at least 2 classes, got ${nClasses}`);
  if (!(weightSum > 0)) throw new RangeError(`the estimator weights must sum to a positive number, got ${weightSum}`);
  const out = new Float64Array(rows * nClasses);
  for (let from = 0, step = rowsPerCall(3 * nClasses); from < rows; from += step) probabilityRange(sum, nClasses, weightSum, from, Math.min(rows, from + step), out);
  return out;
}

function probabilityRange(sum: Float64Array, nClasses: number, weightSum: number, from: number, to: number, out: Float64Array): void {
  for (let i = from; i < to; i++) {
    const base = i * nClasses;
    if (nClasses === 2) {
      const decision = -(sum[base] / weightSum) + sum[base + 1] / weightSum;
      out[base] = -decision / 2;
      out[base + 1] = decision / 2;
    } else {
      for (let c = 0; c < nClasses; c++) out[base + c] = sum[base + c] / weightSum / (nClasses - 1);
    }
    softmaxRow(out, base, nClasses);
  }
}

/** scikit-learn's extmath.softmax on one row: subtract the maximum, exponentiate, divide by the sum. */
function softmaxRow(values: Float64Array, base: number, width: number): void {
  let max = -Infinity;
  for (let c = 0; c < width; c++) max = Math.max(max, values[base + c]);
  let total = 0;
  for (let c = 0; c < width; c++) {
    values[base + c] = Math.exp(values[base + c] - max);
    total += values[base + c];
  }
  for (let c = 0; c < width; c++) values[base + c] /= total;
}

function checkShape(values: Float64Array, rows: number, nClasses: number): void {
  if (values.length !== rows * nClasses) throw new RangeError(`${values.length} values are not ${rows} rows x ${nClasses} classes`);
}
