import { minimizeLbfgs, type Objective } from "../stats/lbfgs.js";
import type { Matrix } from "../stats/matrix.js";
import { minimizeNewton, type NewtonOptions, type NewtonResult, type TwiceDifferentiable } from "../stats/newton.js";
import { everyNthRow, rareColumns, type RareColumns } from "../stats/rareColumns.js";
import { rowsPerCall } from "../stats/rowBlocks.js";
import type { Estimator } from "./estimator.js";
import { sigmoidLink, softmaxLink, type Link } from "./logisticLinks.js";
import { hessianCost, inColumnOrder, splitBinaryObjective, splitLogisticObjective } from "./logisticSplit.js";

export interface LogisticRegressionOptions {
  /** Inverse L2 strength, as scikit-learn's C. */
  readonly C?: number;
  readonly maxIterations?: number;
}

/**
 * L2-regularised logistic regression, as scikit-learn's LogisticRegression() (C=1, intercept not
 * penalised, lbfgs, max_iter): minimises sum of log-losses + ||W||^2 / (2C). Two classes: one
 * weight vector and a sigmoid; more: multinomial softmax with every class's weights penalised,
 * as scikit-learn 1.2 does with lbfgs. In-house because ml-logistic-regression runs fixed-step
 * gradient descent on a different (unregularised, one-vs-rest) objective, and took 11.9 s on
 * 1,000 rows with its defaults against our 1 ms (bench/mljs.ts). The optimum is unique
 * (strictly convex), so solving tighter than scikit-learn's tol=1e-4 lands on the same model.
 */
export class LogisticRegression implements Estimator {
  private readonly C: number;
  private readonly maxIterations: number;
  /** Classes seen in training, as table class indices; the model is over these only. */
  private present = new Uint32Array(0);
  private nClasses = 0;
  private cols = 0;
  /** Row-major (K x (cols + 1)): weights then intercept, K = 1 for binary. */
  private coefficients: Float64Array = new Float64Array(0);

  constructor(options: LogisticRegressionOptions = {}) {
    this.C = options.C ?? 1;
    this.maxIterations = options.maxIterations ?? 1000;
  }

  fit(X: Matrix, y: Uint32Array, nClasses: number): this {
    const { rows, cols } = X;
    if (rows !== y.length) throw new RangeError(`${rows} rows but ${y.length} labels`);
    if (rows === 0) throw new RangeError("cannot fit on zero rows");
    const seen = labelsSeen(y, nClasses);
    const present = Uint32Array.from([...seen.keys()].filter((c) => seen[c] === 1));
    const local = new Int32Array(nClasses).fill(-1);
    present.forEach((c, k) => (local[c] = k));
    const yLocal = Int32Array.from(y, (label) => local[label]);
    this.present = present;
    this.nClasses = nClasses;
    this.cols = cols;
    const K = present.length === 2 ? 1 : present.length;
    const width = cols + 1;
    const lambda = 1 / this.C;
    if (present.length < 2) {
      this.coefficients = new Float64Array(0);
      return this;
    }
    const options = { maxIterations: this.maxIterations, gradientTolerance: 1e-6 };
    const link = K === 1 ? sigmoidLink : softmaxLink;
    // One-hot-heavy tables are read in their split form (logisticSplit.ts): each pass, and the
    // Hessian, in O(numeric + rare) per row; solved in the split's position order.
    const split = rareColumns(X);
    if (split !== null) {
      const newton = K === 1 && splitNewtonApplies(split) ? warmNewton(yLocal, lambda, width, (stride, ys, l) => splitBinaryObjective(stride === 1 ? split : everyNthRow(split, stride), ys, l), options) : null;
      const result = newton ?? minimizeLbfgs(splitLogisticObjective(split, yLocal, K, lambda, link), new Float64Array(K * width), options);
      this.coefficients = inColumnOrder(split, result.x, K);
      return this;
    }
    // Binary fits whose Hessian is cheap enough take Newton steps; the rest, and any fit whose
    // Hessian turns out singular, L-BFGS (both stop at the same gradient, near the same optimum).
    const newton = K === 1 && width <= MAX_NEWTON_WIDTH ? warmNewton(yLocal, lambda, width, (stride, ys, l) => binaryObjective(stride === 1 ? X : everyNthDenseRow(X, stride), ys, l), options) : null;
    this.coefficients = (newton ?? minimizeLbfgs(logisticObjective(X, yLocal, K, lambda, link), new Float64Array(K * width), options)).x;
    return this;
  }

  predictProba(X: Matrix): Float64Array {
    const { rows, data } = X;
    const { cols, nClasses, present, coefficients: w } = this;
    if (X.cols !== cols) throw new RangeError(`fitted on ${cols} features, got ${X.cols}`);
    const out = new Float64Array(rows * nClasses);
    if (present.length === 1) {
      for (let i = 0; i < rows; i++) out[i * nClasses + present[0]] = 1;
      return out;
    }
    const K = present.length === 2 ? 1 : present.length;
    const z = new Float64Array(K);
    for (let from = 0, step = rowsPerCall(K * cols); from < rows; from += step) probabilityRows(data, cols, w, K, present, nClasses, from, Math.min(rows, from + step), z, out);
    return out;
  }
}

/**
 * Rows from..to - 1 of predictProba's output (z: K scratch margins). Each loop over the rows in
 * this file runs a few hundred steps a call (rowBlocks.ts's CALL_STEPS): a fit or a prediction
 * runs it once, or a Newton fit a few times.
 */
function probabilityRows(data: Float64Array, cols: number, w: Float64Array, K: number, present: Uint32Array, nClasses: number, from: number, to: number, z: Float64Array, out: Float64Array): void {
  const width = cols + 1;
  for (let i = from; i < to; i++) {
    for (let k = 0; k < K; k++) {
      let s = w[k * width + cols];
      for (let j = 0; j < cols; j++) s += w[k * width + j] * data[i * cols + j];
      z[k] = s;
    }
    if (K === 1) {
      const p = 1 / (1 + Math.exp(-z[0]));
      out[i * nClasses + present[0]] = 1 - p;
      out[i * nClasses + present[1]] = p;
      continue;
    }
    let max = -Infinity;
    for (let k = 0; k < K; k++) if (z[k] > max) max = z[k];
    let total = 0;
    for (let k = 0; k < K; k++) total += Math.exp(z[k] - max);
    for (let k = 0; k < K; k++) out[i * nClasses + present[k]] = Math.exp(z[k] - max) / total;
  }
}

/** 1 for each class that y holds. */
function labelsSeen(y: Uint32Array, nClasses: number): Uint8Array {
  const seen = new Uint8Array(nClasses);
  for (let from = 0, step = rowsPerCall(1); from < y.length; from += step) markLabels(y, from, Math.min(y.length, from + step), seen);
  return seen;
}

function markLabels(y: Uint32Array, from: number, to: number, seen: Uint8Array): void {
  for (let i = from; i < to; i++) seen[y[i]] = 1;
}

/** Whether the split form's Hessian is cheap enough: a few dozen entries a row, its Cholesky factor small. */
function splitNewtonApplies(split: RareColumns): boolean {
  const rows = split.start.length - 1;
  const entries = split.numericCount * rows + split.entries.length;
  return split.column.length + 1 <= MAX_SPLIT_NEWTON_WIDTH && entries <= MAX_NEWTON_WIDTH * rows;
}

/** From this many rows a start fitted on a sample of them saves more full Hessians than the sample costs. */
const WARM_START_ROWS = 4000;
/** Every this-many-th row makes the sample. */
const WARM_START_STRIDE = 4;
/**
 * The gradient (max |entry|, on the sample's sum of losses) at which the sample's fit stops. Its
 * optimum stands off the full one by the sampling noise, which leaves the full gradient at 50 to
 * 200 there on bank.csv and census-shaped folds whatever this is; solving the sample to 1e-2
 * bought nothing but sample steps. Bank's three partitions with a sample and four census-shaped
 * folds, counted in evaluations (a Hessian as two): 10-25% fewer at 10 than at 1e-2.
 */
const WARM_START_TOLERANCE = 10;

/**
 * Newton's steps on a binary fit (null where the Hessian is singular), from zero or, for a large
 * fit, from the optimum on every 4th row with the penalty scaled to the sample (lambda / 4, so
 * losses and penalty weigh as on all rows), found to a loose gradient (WARM_START_TOLERANCE).
 * Most of Newton's steps from zero are spent crossing to the optimum's neighbourhood; on a
 * quarter of the rows they cost a quarter, and the full fit then needs a few steps. The start depends only on the data,
 * and the full fit stops at the same gradient tolerance, at the same unique optimum.
 * objectiveOf(stride, y, lambda) is the objective on rows 0, stride, 2 stride, ...
 */
function warmNewton(y: Int32Array, lambda: number, width: number, objectiveOf: (stride: number, y: Int32Array, lambda: number) => TwiceDifferentiable, options: NewtonOptions): NewtonResult | null {
  const zero = new Float64Array(width);
  let start: Float64Array = zero;
  if (y.length >= WARM_START_ROWS) {
    const ySample = Int32Array.from({ length: Math.ceil(y.length / WARM_START_STRIDE) }, (_, s) => y[s * WARM_START_STRIDE]);
    if (ySample.includes(0) && ySample.includes(1)) {
      const sampled = minimizeNewton(objectiveOf(WARM_START_STRIDE, ySample, lambda / WARM_START_STRIDE), zero, { maxIterations: 50, gradientTolerance: WARM_START_TOLERANCE });
      if (sampled !== null && sampled.converged) start = sampled.x;
    }
  }
  return minimizeNewton(objectiveOf(1, y, lambda), start, options);
}

/** Rows 0, stride, 2 stride, ... of X. */
function everyNthDenseRow(X: Matrix, stride: number): Matrix {
  const { rows, cols, data } = X;
  const sampled = Math.ceil(rows / stride);
  const sample = new Float64Array(sampled * cols);
  for (let from = 0, step = rowsPerCall(cols); from < sampled; from += step) copyEveryNth(data, cols, stride, from, Math.min(sampled, from + step), sample);
  return { rows: sampled, cols, data: sample };
}

/** Sampled rows from..to - 1 (rows s stride of data) into sample. */
function copyEveryNth(data: Float64Array, cols: number, stride: number, from: number, to: number, sample: Float64Array): void {
  for (let s = from; s < to; s++) for (let j = 0; j < cols; j++) sample[s * cols + j] = data[s * stride * cols + j];
}

/**
 * Sum of log-losses plus the L2 term (weights only, not intercepts) and its gradient, for K
 * weight vectors of cols + 1 (intercept last). Three passes over the rows: margins X.W, the
 * link's residuals, then X^T.R four rows at a time, so each gradient entry is loaded and stored
 * a quarter as often. Against the earlier one-pass loop over rows: a binary fit on 2,520 x 26
 * went from 4.4 to 2.8 ms, a 3-class fit from 17.2 to 11.3 ms.
 */
function logisticObjective(X: Matrix, y: Int32Array, K: number, lambda: number, link: Link, z = new Float64Array(X.rows * K)): Objective {
  const { rows, cols, data } = X;
  return (w, grad) => logisticLoss(data, rows, cols, y, K, lambda, link, w, z, grad);
}

/**
 * logisticObjective at w, its gradient into grad; z (row-major rows x K) takes the margins, then,
 * after the link, the residuals. Module-level functions on X's array, not X or the objective's
 * closure: each fit makes a new closure, and its code, with the passes inlined, was compiled
 * again in every fold; a record's fields tie the code to its map (see RareColumns in
 * rareColumns.ts). Each pass is a function of its own (a function whose long loop was compiled
 * on the stack threw that code away wherever code after the loop had not run yet;
 * bench/deoptLoops.ts finds such places), called by blocks of rows (see probabilityRows), of
 * whole quads for the gradient.
 */
function logisticLoss(data: Float64Array, rows: number, cols: number, y: Int32Array, K: number, lambda: number, link: Link, w: Float64Array, z: Float64Array, grad: Float64Array): number {
  const step = rowsPerCall(K * cols);
  for (let from = 0; from < rows; from += step) linearMargins(data, cols, w, K, from, Math.min(rows, from + step), z);
  const loss = link(z, y, K);
  grad.fill(0);
  const quads = rows - (rows % 4);
  const quadStep = 4 * rowsPerCall(4 * K * cols);
  for (let from = 0; from < quads; from += quadStep) residualGradientByFours(data, cols, z, K, from, Math.min(quads, from + quadStep), grad);
  residualGradientTail(data, cols, z, K, quads, rows, grad);
  return withRidgePenalty(loss, w, K, cols, lambda, grad);
}

/** Rows from..to - 1 of z = X.W^T + b for K weight vectors of cols + 1 (intercept last), row-major rows x K. */
function linearMargins(data: Float64Array, cols: number, w: Float64Array, K: number, from: number, to: number, z: Float64Array): void {
  const width = cols + 1;
  for (let i = from; i < to; i++) {
    const xo = i * cols;
    for (let k = 0; k < K; k++) {
      const wo = k * width;
      let s = w[wo + cols];
      for (let j = 0; j < cols; j++) s += w[wo + j] * data[xo + j];
      z[i * K + k] = s;
    }
  }
}

/** Adds X^T.R (intercepts last) over rows from..to - 1 four at a time (to - from a multiple of 4). */
function residualGradientByFours(data: Float64Array, cols: number, z: Float64Array, K: number, from: number, to: number, grad: Float64Array): void {
  const width = cols + 1;
  for (let i = from; i < to; i += 4) {
    const a = i * cols;
    const b = a + cols;
    const c = b + cols;
    const d = c + cols;
    for (let k = 0; k < K; k++) {
      const r0 = z[i * K + k];
      const r1 = z[(i + 1) * K + k];
      const r2 = z[(i + 2) * K + k];
      const r3 = z[(i + 3) * K + k];
      const go = k * width;
      for (let j = 0; j < cols; j++) grad[go + j] += r0 * data[a + j] + r1 * data[b + j] + r2 * data[c + j] + r3 * data[d + j];
      grad[go + cols] += r0 + r1 + r2 + r3;
    }
  }
}

/** Adds rows from..to - 1 to X^T.R one by one. */
function residualGradientTail(data: Float64Array, cols: number, z: Float64Array, K: number, from: number, to: number, grad: Float64Array): void {
  const width = cols + 1;
  for (let i = from; i < to; i++) {
    const xo = i * cols;
    for (let k = 0; k < K; k++) {
      const r = z[i * K + k];
      const go = k * width;
      for (let j = 0; j < cols; j++) grad[go + j] += r * data[xo + j];
      grad[go + cols] += r;
    }
  }
}

/** loss plus the L2 term on the weights (not the intercepts), term by term; adds its gradient to grad. */
function withRidgePenalty(loss: number, w: Float64Array, K: number, cols: number, lambda: number, grad: Float64Array): number {
  const width = cols + 1;
  let total = loss;
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < cols; j++) {
      const v = w[k * width + j];
      total += 0.5 * lambda * v * v;
      grad[k * width + j] += lambda * v;
    }
  }
  return total;
}

/**
 * Above this many columns (intercept included) a Newton step's Hessian, rows x width^2 / 2
 * multiply-adds, costs more than the L-BFGS iterations it saves.
 */
const MAX_NEWTON_WIDTH = 48;

/**
 * With the split form a Hessian costs rows x entries^2 / 2 (entries a row at most
 * MAX_NEWTON_WIDTH), plus width^3 / 6 for its Cholesky factor, which stays small up to here.
 */
const MAX_SPLIT_NEWTON_WIDTH = 256;

/**
 * The binary loss of logisticObjective with its Hessian, X^T D X + lambda I (intercept not
 * penalised), D = p (1 - p) at the point last evaluated. Newton reaches a gradient of 1e-6 in 6
 * or 7 steps where L-BFGS took 85 to 92 (credit.csv folds, 15,120 x 23), each step forming the
 * Hessian once (four rows at a time, lower triangle). A Hessian estimated from a sample of rows
 * would cost less per step, but took L-BFGS-like step counts or more: rare values that the sample
 * misses leave directions whose curvature it gets wrong.
 */
function binaryObjective(X: Matrix, y: Int32Array, lambda: number): TwiceDifferentiable {
  const { rows, cols, data } = X;
  // After each evaluation: the residuals p - y, from which the Hessian's weights p (1 - p) come.
  const residual = new Float64Array(rows);
  const value = logisticObjective(X, y, 1, lambda, sigmoidLink, residual);
  const curvature = new Float64Array(rows);
  return {
    evaluate: value,
    hessianCost: hessianCost(cols, 0),
    hessian: (out) => binaryHessian(data, rows, cols, residual, y, lambda, curvature, out),
  };
}

/**
 * binaryObjective's Hessian into out, from the residuals of the point last evaluated. At module
 * level, as logisticLoss; each loop over the rows a function of its own (see binaryCurvature).
 */
function binaryHessian(data: Float64Array, rows: number, cols: number, residual: Float64Array, y: Int32Array, lambda: number, curvature: Float64Array, out: Float64Array): void {
  const width = cols + 1;
  const step = rowsPerCall(1);
  for (let from = 0; from < rows; from += step) binaryCurvature(residual, y, from, Math.min(rows, from + step), curvature);
  out.fill(0);
  const quads = rows - (rows % 4);
  const quadStep = 4 * rowsPerCall((cols * (cols + 1)) / 2);
  for (let from = 0; from < quads; from += quadStep) addRowQuads(data, cols, curvature, from, Math.min(quads, from + quadStep), out);
  addRowsFrom(data, cols, curvature, quads, rows, out);
  for (let j = 0; j < cols; j++) out[j * width + j] += lambda;
}

/**
 * Rows from..to - 1's Hessian weights p (1 - p), p = residual + y. The Hessian's loops over the
 * rows are functions of their own: V8 compiles a long loop met in a first call on the stack and
 * throws the compiled code away where it reaches code after the loop that has not run yet, and
 * the closure holding them was compiled whole nine times in a child's first folds.
 */
function binaryCurvature(residual: Float64Array, y: Int32Array, from: number, to: number, curvature: Float64Array): void {
  for (let i = from; i < to; i++) {
    const p = residual[i] + y[i];
    curvature[i] = p * (1 - p);
  }
}

/**
 * Adds rows from..to - 1 (to - from a multiple of 4) to X^T D X's lower triangle and the
 * intercept's row (out: (cols + 1) squared), four rows at a time.
 */
function addRowQuads(data: Float64Array, cols: number, curvature: Float64Array, from: number, to: number, out: Float64Array): void {
  const width = cols + 1;
  for (let i = from; i < to; i += 4) {
    const a = i * cols;
    const b = a + cols;
    const c = b + cols;
    const d = c + cols;
    const d0 = curvature[i];
    const d1 = curvature[i + 1];
    const d2 = curvature[i + 2];
    const d3 = curvature[i + 3];
    for (let j = 0; j < cols; j++) {
      const a0 = d0 * data[a + j];
      const a1 = d1 * data[b + j];
      const a2 = d2 * data[c + j];
      const a3 = d3 * data[d + j];
      const row = j * width;
      for (let l = 0; l <= j; l++) out[row + l] += a0 * data[a + l] + a1 * data[b + l] + a2 * data[c + l] + a3 * data[d + l];
      out[cols * width + j] += a0 + a1 + a2 + a3;
    }
    out[cols * width + cols] += d0 + d1 + d2 + d3;
  }
}

/** addRowQuads for rows from..to - 1, one at a time. */
function addRowsFrom(data: Float64Array, cols: number, curvature: Float64Array, from: number, to: number, out: Float64Array): void {
  const width = cols + 1;
  for (let i = from; i < to; i++) {
    const a = i * cols;
    const d0 = curvature[i];
    for (let j = 0; j < cols; j++) {
      const a0 = d0 * data[a + j];
      const row = j * width;
      for (let l = 0; l <= j; l++) out[row + l] += a0 * data[a + l];
      out[cols * width + j] += a0;
    }
    out[cols * width + cols] += d0;
  }
}
