import { pairwiseSum } from "./pairwiseSum.js";

/**
 * Cyclic coordinate descent for the elastic net, scikit-learn 1.2's enet_coordinate_descent
 * (sklearn/linear_model/_cd_fast.pyx) step for step: minimises
 *     1/2 |y - X w|^2 + l1 |w|_1 + l2/2 |w|^2
 * from w = 0, one coordinate at a time in column order. After a sweep whose largest coordinate
 * change is below tolerance times the largest coefficient (or after the last allowed sweep) it
 * computes the duality gap, and stops once the gap is below tolerance * y'y. Following the same
 * updates in the same order, it stops at scikit-learn's sweep and lands on its coefficients, not
 * merely on a point as close to the optimum.
 *
 * columns: X column-major (column j is columns[j * rows .. + rows)), already centred by the caller.
 */
export interface CoordinateDescentOptions {
  readonly l1: number;
  readonly l2: number;
  readonly maxIterations: number;
  readonly tolerance: number;
}

export interface CoordinateDescentResult {
  readonly w: Float64Array;
  /** The last duality gap computed, and the bar it had to pass: tolerance * y'y. */
  readonly gap: number;
  readonly gapTolerance: number;
  /** Sweeps made, as scikit-learn's n_iter_. */
  readonly iterations: number;
  readonly converged: boolean;
}

export function elasticNetCoordinateDescent(columns: Float64Array, rows: number, cols: number, y: Float64Array, options: CoordinateDescentOptions): CoordinateDescentResult {
  const { l1, l2, maxIterations, tolerance } = options;
  if (columns.length !== rows * cols) throw new RangeError(`matrix has ${columns.length} values, expected ${rows} x ${cols}`);
  if (y.length !== rows) throw new RangeError(`${rows} rows but ${y.length} targets`);
  if (!(l1 >= 0 && l2 >= 0 && Number.isFinite(l1 + l2))) throw new RangeError(`penalties must be finite and >= 0, got l1 ${l1}, l2 ${l2}`);
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) throw new RangeError(`maxIterations must be a positive integer, got ${maxIterations}`);
  if (!(tolerance >= 0)) throw new RangeError(`tolerance must be >= 0, got ${tolerance}`);

  const w = new Float64Array(cols);
  // np.square(X).sum(axis=0) on a Fortran-ordered X: a contiguous, pairwise sum per column.
  const normCols = new Float64Array(cols);
  const squares = new Float64Array(rows);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) squares[i] = columns[j * rows + i] * columns[j * rows + i];
    normCols[j] = pairwiseSum(squares);
  }
  const residual = Float64Array.from(y);
  const gapTolerance = tolerance * dot(y, 0, y, 0, rows);
  const xtA = new Float64Array(cols);
  let gap = tolerance + 1;
  let iteration = 0;
  for (; iteration < maxIterations; iteration++) {
    let wMax = 0;
    let dwMax = 0;
    for (let j = 0; j < cols; j++) {
      if (normCols[j] === 0) continue;
      const base = j * rows;
      const previous = w[j];
      if (previous !== 0) axpy(previous, columns, base, residual, rows);
      const tmp = dot(columns, base, residual, 0, rows);
      w[j] = (Math.sign(tmp) * Math.max(Math.abs(tmp) - l1, 0)) / (normCols[j] + l2);
      if (w[j] !== 0) axpy(-w[j], columns, base, residual, rows);
      dwMax = Math.max(dwMax, Math.abs(w[j] - previous));
      wMax = Math.max(wMax, Math.abs(w[j]));
    }
    if (wMax === 0 || dwMax / wMax < tolerance || iteration === maxIterations - 1) {
      gap = dualityGap(columns, rows, cols, y, w, residual, l1, l2, xtA);
      if (gap < gapTolerance) return { w, gap, gapTolerance, iterations: iteration + 1, converged: true };
    }
  }
  return { w, gap, gapTolerance, iterations: iteration, converged: false };
}

/** The gap between the primal objective and scikit-learn's dual point built from the residual. */
function dualityGap(columns: Float64Array, rows: number, cols: number, y: Float64Array, w: Float64Array, residual: Float64Array, l1: number, l2: number, xtA: Float64Array): number {
  let dualNorm = 0;
  for (let j = 0; j < cols; j++) {
    xtA[j] = dot(columns, j * rows, residual, 0, rows) - l2 * w[j];
    dualNorm = Math.max(dualNorm, Math.abs(xtA[j]));
  }
  const residualNorm2 = dot(residual, 0, residual, 0, rows);
  const wNorm2 = dot(w, 0, w, 0, cols);
  const { scale, gap } = scaledDualGap(residualNorm2, dualNorm, l1);
  let l1Norm = 0;
  for (let j = 0; j < cols; j++) l1Norm += Math.abs(w[j]);
  return gap + (l1 * l1Norm - scale * dot(residual, 0, y, 0, rows) + 0.5 * l2 * (1 + scale * scale) * wNorm2);
}

function dot(a: Float64Array, aStart: number, b: Float64Array, bStart: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[aStart + i] * b[bStart + i];
  return s;
}

/** residual += factor * column. */
function axpy(factor: number, columns: Float64Array, base: number, residual: Float64Array, rows: number): void {
  for (let i = 0; i < rows; i++) residual[i] += factor * columns[base + i];
}

/**
 * The part of scikit-learn's duality gap both forms share: the dual point's scale (the residual
 * shrunk until X^T R - l2 w is within l1) and the gap's residual term.
 */
export function scaledDualGap(residualNorm2: number, dualNorm: number, l1: number): { readonly scale: number; readonly gap: number } {
  if (dualNorm > l1) {
    const scale = l1 / dualNorm;
    return { scale, gap: 0.5 * (residualNorm2 + residualNorm2 * scale * scale) };
  }
  return { scale: 1, gap: residualNorm2 };
}
