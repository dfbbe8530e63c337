import type { Matrix } from "../stats/matrix.js";
import { numpyMean } from "../stats/pairwiseSum.js";
import { ROW_BLOCK, rowsPerCall } from "../stats/rowBlocks.js";
import { groupScatters } from "../stats/scatter.js";
import { symmetricEigen } from "../stats/symmetricEigen.js";
import { thinSvd } from "../stats/thinSvd.js";
import { CentredLinearModel, centredCopy, centredCrossProduct } from "./linearModel.js";

export interface BayesianRidgeOptions {
  /** Most evidence updates (scikit-learn 1.2's n_iter). */
  readonly maxIterations?: number;
  /** Stop once the weights move by less than this in sum of absolute changes. */
  readonly tol?: number;
}

/** Gamma priors on the noise precision alpha and the weight precision lambda, scikit-learn's defaults. */
const ALPHA_1 = 1e-6;
const ALPHA_2 = 1e-6;
const LAMBDA_1 = 1e-6;
const LAMBDA_2 = 1e-6;

/**
 * scikit-learn's BayesianRidge() (n_iter=300, tol=1e-3, gamma priors 1e-6): ridge regression
 * whose penalty lambda / alpha is estimated from the data by MacKay's evidence updates, on centred
 * X and y (the intercept is not penalised). As scikit-learn, one decomposition up front
 * (eigenvalues s^2 of X'X and directions V: gramEigen, wideEigen), after which each update is
 * w = V diag(1 / (s^2 + lambda / alpha))
 * V' X'y; gamma = sum alpha s^2 / (lambda + alpha s^2) is the effective number of weights;
 * lambda = (gamma + 2 lambda_1) / (|w|^2 + 2 lambda_2); alpha = (n - gamma + 2 alpha_1) /
 * (|y - X w|^2 + 2 alpha_2). It stops when the weights move by less than tol (after the second
 * update), then solves once more with the last alpha and lambda.
 */
export class BayesianRidge extends CentredLinearModel {
  private readonly maxIterations: number;
  private readonly tol: number;
  private updates = 0;
  private precisions = { alpha: NaN, lambda: NaN };

  constructor(options: BayesianRidgeOptions = {}) {
    super();
    this.maxIterations = options.maxIterations ?? 300;
    this.tol = options.tol ?? 1e-3;
    if (!(Number.isInteger(this.maxIterations) && this.maxIterations >= 1)) throw new RangeError(`maxIterations must be a positive integer, got ${this.maxIterations}`);
  }

  /** Evidence updates made in the last fit (scikit-learn's n_iter_). */
  get iterations(): number {
    return this.updates;
  }

  /** The estimated noise precision (alpha_) and weight precision (lambda_). */
  get alpha(): number {
    return this.precisions.alpha;
  }

  get lambda(): number {
    return this.precisions.lambda;
  }

  protected solve(X: Matrix, xMean: Float64Array, y: Float64Array): Float64Array {
    const { rows: n, cols: p } = X;
    const yMean = numpyMean(y);
    // The passes over the rows a few rows a call (rowBlocks.ts's CALL_STEPS): a fit makes each once.
    const step = rowsPerCall(1);
    let variance = 0;
    for (let from = 0; from < y.length; from += step) variance = addSquaredDeviations(y, yMean, from, Math.min(y.length, from + step), variance);
    let alpha = 1 / (variance / n + Number.EPSILON);
    let lambda = 1;
    const xty = centredCrossProduct(X, xMean, y);
    const { values: eigenvalues, vectors: vt } = n > p ? gramEigen(X, xMean) : wideEigen(centredCopy(X, xMean));
    // The weights' coordinates along each direction before shrinkage: v_j . X'y (a loop, not a
    // mapping callback: a closure made per fit had its compiled code made again in every fold).
    const projections = new Float64Array(eigenvalues.length);
    for (let j = 0; j < eigenvalues.length; j++) projections[j] = rowDot(vt, j * p, xty);
    let yy = 0;
    for (let from = 0; from < y.length; from += step) yy = addSquaredDeviations(y, 0, from, Math.min(y.length, from + step), yy);
    let previous: Float64Array | null = null;
    let iteration = 0;
    while (iteration < this.maxIterations) {
      const w = shrunkWeights(projections, eigenvalues, vt, p, lambda / alpha);
      const residual = n > p ? gramResidual(X, xMean, y, w, eigenvalues, projections, yy, lambda / alpha) : squaredResidual(X, xMean, y, w);
      let gamma = 0;
      for (const e of eigenvalues) gamma += (alpha * e) / (lambda + alpha * e);
      let norm = 0;
      for (const v of w) norm += v * v;
      lambda = (gamma + 2 * LAMBDA_1) / (norm + 2 * LAMBDA_2);
      alpha = (n - gamma + 2 * ALPHA_1) / (residual + 2 * ALPHA_2);
      iteration++;
      if (previous !== null) {
        let moved = 0;
        for (let l = 0; l < p; l++) moved += Math.abs(previous[l] - w[l]);
        if (moved < this.tol) break;
      }
      previous = w;
    }
    this.updates = iteration;
    this.precisions = { alpha, lambda };
    return shrunkWeights(projections, eigenvalues, vt, p, lambda / alpha);
  }
}

/**
 * |y - X_c w|^2 for w = V diag(1 / (s^2 + ratio)) V' X'y without a pass over the rows: with
 * z = V' X'y, it is y'y - sum_j z_j^2 (s_j^2 + 2 ratio) / (s_j^2 + ratio)^2 (X = U S V', so
 * X w = sum_j u_j s_j z_j / (s_j^2 + ratio) and U'y = z / s). O(cols) an update instead of
 * rows x cols: on a 22,793 x 66 fold, 36 updates' row passes were 70 ms of a 100 ms fit. The
 * subtraction loses about eps y'y / residual relatively, so a fit that explains all but 1e-6 of
 * y'y falls back to the row pass (squaredResidual), which is scikit-learn's computation.
 */
function gramResidual(X: Matrix, xMean: Float64Array, y: Float64Array, w: Float64Array, eigenvalues: Float64Array, projections: Float64Array, yy: number, ratio: number): number {
  let explained = 0;
  for (let j = 0; j < eigenvalues.length; j++) {
    const e = eigenvalues[j];
    // A clamped (numerically zero) eigenvalue: X_c v_j is rounding, and so is its share.
    if (e === 0) continue;
    const d = e + ratio;
    explained += (projections[j] * projections[j] * (e + 2 * ratio)) / (d * d);
  }
  const residual = yy - explained;
  return residual > 1e-6 * yy ? residual : squaredResidual(X, xMean, y, w);
}

/** |y - X_c w|^2, X centred on xMean as it is read; a few rows a call, those calls ROW_BLOCK rows a call of a block function (see groupSums.ts). */
function squaredResidual(X: Matrix, xMean: Float64Array, y: Float64Array, w: Float64Array): number {
  const { rows, cols, data } = X;
  let total = 0;
  for (let from = 0; from < rows; from += ROW_BLOCK) total = addSquaredResidualBlock(data, cols, xMean, y, w, from, Math.min(rows, from + ROW_BLOCK), total);
  return total;
}

function addSquaredResidualBlock(data: Float64Array, cols: number, xMean: Float64Array, y: Float64Array, w: Float64Array, from: number, to: number, total: number): number {
  for (let i = from, step = rowsPerCall(cols); i < to; i += step) total = addSquaredResiduals(data, cols, xMean, y, w, i, Math.min(to, i + step), total);
  return total;
}

function addSquaredResiduals(data: Float64Array, cols: number, xMean: Float64Array, y: Float64Array, w: Float64Array, from: number, to: number, total: number): number {
  for (let i = from; i < to; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += (data[i * cols + j] - xMean[j]) * w[j];
    total += (y[i] - s) * (y[i] - s);
  }
  return total;
}

/** total plus the squares of y[from..to - 1] about center, in order. */
function addSquaredDeviations(y: Float64Array, center: number, from: number, to: number, total: number): number {
  for (let i = from; i < to; i++) total += (y[i] - center) * (y[i] - center);
  return total;
}

/**
 * w = V diag(1 / (s^2 + ratio)) V' X'y from the projections V' X'y, a direction a call: an
 * update's p^2 steps in one call were compiled on the stack. Not a closure in solve: a closure
 * made per fit had its compiled code made again in every fold.
 */
function shrunkWeights(projections: Float64Array, eigenvalues: Float64Array, vt: Float64Array, p: number, ratio: number): Float64Array {
  const w = new Float64Array(p);
  for (let j = 0; j < eigenvalues.length; j++) addMultiple(w, projections[j] / (eigenvalues[j] + ratio), vt, j * p);
  return w;
}

/** Row `at..` of vt (x.length wide) . x, in order. */
function rowDot(vt: Float64Array, at: number, x: Float64Array): number {
  let s = 0;
  for (let l = 0; l < x.length; l++) s += vt[at + l] * x[l];
  return s;
}

/** w += c times row j of vt (w.length wide, from at). */
function addMultiple(w: Float64Array, c: number, vt: Float64Array, at: number): void {
  for (let l = 0; l < w.length; l++) w[l] += c * vt[at + l];
}

/**
 * More rows than features (scikit-learn's Vh branch): X'X's eigenvalues s^2 and eigenvectors, the
 * squared singular values and right singular vectors scikit-learn takes from an SVD of X, for half
 * the flops. Rounding-level eigenvalues (exactly collinear columns) are clamped at 0; lambda / alpha
 * outweighs them either way.
 */
function gramEigen(X: Matrix, xMean: Float64Array): { values: Float64Array; vectors: Float64Array } {
  const p = X.cols;
  const gram = groupScatters(X, null, 1, xMean);
  const { values, vectors } = symmetricEigen(gram, p);
  for (let j = 0; j < p; j++) values[j] = Math.max(values[j], 0);
  return { values, vectors };
}

/**
 * At most as many rows as features: the thin SVD, as scikit-learn. The fit nearly interpolates
 * there and lambda / alpha is tiny, so the singular values need the SVD's accuracy. Centring
 * leaves the rows rank n - 1 at most: the last singular value is rounding (about 1e-15), and
 * w = V diag(1 / (s^2 + lambda / alpha)) V'X'y would blow its rounding-sized projection up by
 * alpha / lambda (2e12 on a 20 x 30 fold). scikit-learn's form for this shape,
 * X' U diag(1 / (s^2 + lambda / alpha)) U'y with y centred, gives that direction nothing, and so
 * does dropping the singular values at rounding level (at most max(n, p) eps times the largest),
 * as lstsq's cutoff does.
 */
function wideEigen(X: Matrix): { values: Float64Array; vectors: Float64Array } {
  const { values, vt } = thinSvd(X.data, X.rows, X.cols);
  const cutoff = Math.max(X.rows, X.cols) * Number.EPSILON * (values[0] ?? 0);
  let kept = 0;
  while (kept < values.length && values[kept] > cutoff) kept++;
  return { values: Float64Array.from(values.subarray(0, kept), (s) => s * s), vectors: vt.slice(0, kept * X.cols) };
}
