import { binaryColumns } from "../stats/binaryColumns.js";
import { minimizeLbfgs, type Objective } from "../stats/lbfgs.js";
import type { Matrix } from "../stats/matrix.js";
import { rowsPerCall } from "../stats/rowBlocks.js";
import { splitHuberObjective } from "./huberSplit.js";
import { checkQueryData, checkTrainingData, type Regressor } from "./regressor.js";

export interface HuberRegressorOptions {
  /** Residuals beyond epsilon x scale count as outliers (linear loss). */
  readonly epsilon?: number;
  /** L2 strength on the weights (not the intercept or the scale). */
  readonly alpha?: number;
  readonly maxIterations?: number;
}

/** scikit-learn keeps the scale at or above 10 eps (an L-BFGS-B bound). */
export const SMALLEST_SCALE = 10 * Number.EPSILON;
/** On the rescaled problem, whose objective is about n: far below scikit-learn's gtol=1e-5 there. */
const GRADIENT_TOLERANCE = 1e-8;

/**
 * The targets' mean and standard deviation, the problem being solved for (y - mean) / sd. The
 * standard deviation is 1 when it is within the rounding of the targets' size (a constant
 * target, whose deviation computes to 1e-16 of it, not 0): dividing by a noise-sized scale would
 * blow that noise up to the size of the signal.
 */
function targetScaling(y: Float64Array): { readonly center: number; readonly scale: number } {
  const n = y.length;
  // The passes over the rows a few rows a call (rowBlocks.ts's CALL_STEPS): a fit makes each once.
  const step = rowsPerCall(1);
  // The sum and the largest |target|, carried from call to call.
  const sumLargest = new Float64Array(2);
  for (let from = 0; from < n; from += step) addSumLargest(y, from, Math.min(n, from + step), sumLargest);
  const center = sumLargest[0] / n;
  let squares = 0;
  for (let from = 0; from < n; from += step) squares = addSquaredDeviations(y, center, from, Math.min(n, from + step), squares);
  const sd = Math.sqrt(squares / n);
  return { center, scale: Number.isFinite(sd) && sd > 1e-9 * sumLargest[1] ? sd : 1 };
}

function addSumLargest(y: Float64Array, from: number, to: number, sumLargest: Float64Array): void {
  let sum = sumLargest[0];
  let largest = sumLargest[1];
  for (let i = from; i < to; i++) {
    sum += y[i];
    largest = Math.max(largest, Math.abs(y[i]));
  }
  sumLargest[0] = sum;
  sumLargest[1] = largest;
}

function addSquaredDeviations(y: Float64Array, center: number, from: number, to: number, total: number): number {
  for (let i = from; i < to; i++) total += (y[i] - center) * (y[i] - center);
  return total;
}

/**
 * scikit-learn's HuberRegressor() (epsilon 1.35, alpha 1e-4, max_iter 100): Owen's concomitant
 * scale form of the Huber loss, minimised jointly over the weights w, the intercept b and the
 * scale sigma:
 *   n sigma + sum_inliers r^2 / sigma + sum_outliers (2 eps |r| - eps^2 sigma) + alpha |w|^2,
 * r = y - X w - b, an outlier being |r| > eps sigma. It is convex in (w, b, sigma) for sigma > 0,
 * so its one minimum is scikit-learn's answer. We reach it with our L-BFGS from scikit-learn's
 * start (w = 0, b = 0, sigma = 1), on the targets divided by their standard deviation (see fit)
 * and over log sigma rather than sigma: our line search only backtracks, and over sigma itself a
 * step that overshoots towards 0 lands where every residual is an outlier and the loss is nearly
 * L1 (a regression through one point, stuck; found on a line with one gross outlier). The bound
 * sigma >= 10 eps that scikit-learn's L-BFGS-B keeps is kept by refusing steps below it.
 * scikit-learn's L-BFGS-B stops earlier, at a relative decrease of about 2e-9, which on
 * well-posed tables moves predictions by far less than the grid shows; where either side reaches
 * the 100-iteration cap first (one-hot-heavy tables of about as many columns as rows, and a
 * table of 201 rows and 70 encoded columns) the two stop at different points short of the
 * optimum, and the grids differ by up to 0.1% of MAE; where most targets are one value (counts,
 * mostly 0) the optimum's scale tends to 0 and scikit-learn's early stop leaves it far from
 * ours, by more than the grid's tolerance (BENCHMARKS, parity). Not centred: X is used as given.
 */
export class HuberRegressor implements Regressor {
  private readonly epsilon: number;
  private readonly alpha: number;
  private readonly maxIterations: number;
  private fitted: { weights: Float64Array; intercept: number; scale: number } | null = null;

  constructor(options: HuberRegressorOptions = {}) {
    this.epsilon = options.epsilon ?? 1.35;
    this.alpha = options.alpha ?? 1e-4;
    this.maxIterations = options.maxIterations ?? 100;
    if (!(this.epsilon >= 1 && Number.isFinite(this.epsilon))) throw new RangeError(`epsilon must be finite and >= 1, got ${this.epsilon}`);
    if (!(this.alpha >= 0 && Number.isFinite(this.alpha))) throw new RangeError(`alpha must be finite and >= 0, got ${this.alpha}`);
  }

  fit(X: Matrix, y: Float64Array): this {
    checkTrainingData(X, y);
    const p = X.cols;
    // Solved for (y - c) / s with alpha s, then mapped back: the objective for (s y, alpha) at
    // (s w, s b, s sigma) is s times the one for (y, alpha s) at (w, b, sigma), and moving every
    // target by c moves only the unpenalised intercept, so the minimiser is the same. Our line
    // search only backtracks from a unit first step: on targets in the thousands (charges) it
    // would need thousands of such steps to reach the scale from sigma = 1, and on targets near
    // 1e9 it never reaches the intercept (scikit-learn's own L-BFGS-B gives up there).
    const { center: c, scale: s } = targetScaling(y);
    const start = new Float64Array(p + 2);
    const scaled = Float64Array.from(y, (v) => (v - c) / s);
    // One-hot-heavy X: every evaluation on the split form (huberSplit.ts), O(entries) a row.
    const split = binaryColumns(X);
    const objective = split === null ? huberObjective(X, scaled, this.epsilon, this.alpha * s) : splitHuberObjective(split, scaled, this.epsilon, this.alpha * s, SMALLEST_SCALE);
    const result = minimizeLbfgs(objective, start, {
      maxIterations: this.maxIterations,
      gradientTolerance: GRADIENT_TOLERANCE,
    });
    const x = result.x;
    this.fitted = { weights: Float64Array.from(x.subarray(0, p), (v) => v * s), intercept: x[p] * s + c, scale: Math.exp(x[p + 1]) * s };
    return this;
  }

  predict(X: Matrix): Float64Array {
    if (this.fitted === null) throw new Error("the HuberRegressor is not fitted");
    const { weights, intercept } = this.fitted;
    checkQueryData(X, weights.length);
    const { rows, cols, data } = X;
    const out = new Float64Array(rows);
    for (let from = 0, step = rowsPerCall(cols); from < rows; from += step) predictRows(data, cols, weights, intercept, from, Math.min(rows, from + step), out);
    return out;
  }

  /** scikit-learn's coef_, intercept_ and scale_. */
  get coefficients(): Float64Array {
    return this.model.weights;
  }

  get intercept(): number {
    return this.model.intercept;
  }

  get scale(): number {
    return this.model.scale;
  }

  private get model(): { weights: Float64Array; intercept: number; scale: number } {
    if (this.fitted === null) throw new Error("the HuberRegressor is not fitted");
    return this.fitted;
  }
}

/** Rows from..to - 1 of X w + intercept: a few rows a call (rowBlocks.ts's CALL_STEPS), as a prediction reads them once. */
function predictRows(data: Float64Array, cols: number, weights: Float64Array, intercept: number, from: number, to: number, out: Float64Array): void {
  for (let i = from; i < to; i++) {
    let s = intercept;
    for (let j = 0; j < cols; j++) s += data[i * cols + j] * weights[j];
    out[i] = s;
  }
}

/**
 * scikit-learn's _huber_loss_and_gradient with unit sample weights, over (w, b, log sigma).
 * A sigma below the bound is infinitely bad, so the line search backs off from it.
 */
export function huberObjective(X: Matrix, y: Float64Array, epsilon: number, alpha: number): Objective {
  const { rows: n, cols: p, data } = X;
  return (x, grad) => {
    const sigma = Math.exp(x[p + 1]);
    grad.fill(0);
    if (!(sigma >= SMALLEST_SCALE)) return Infinity;
    const b = x[p];
    let squares = 0;
    let outlierAbs = 0;
    let outliers = 0;
    let interceptGrad = 0;
    for (let i = 0; i < n; i++) {
      const xo = i * p;
      let s = b;
      for (let j = 0; j < p; j++) s += x[j] * data[xo + j];
      const r = y[i] - s;
      // d loss / d prediction, without the 1/sigma or eps factors applied below.
      let slope: number;
      if (Math.abs(r) > epsilon * sigma) {
        outliers++;
        outlierAbs += Math.abs(r);
        slope = -2 * epsilon * Math.sign(r);
      } else {
        squares += r * r;
        slope = (-2 * r) / sigma;
      }
      for (let j = 0; j < p; j++) grad[j] += slope * data[xo + j];
      interceptGrad += slope;
    }
    let penalty = 0;
    for (let j = 0; j < p; j++) {
      penalty += x[j] * x[j];
      grad[j] += 2 * alpha * x[j];
    }
    grad[p] = interceptGrad;
    // Chain rule through sigma = e^t: d/dt = sigma d/dsigma.
    grad[p + 1] = sigma * (n - outliers * epsilon * epsilon - squares / (sigma * sigma));
    return n * sigma + squares / sigma + 2 * epsilon * outlierAbs - sigma * outliers * epsilon * epsilon + alpha * penalty;
  };
}
