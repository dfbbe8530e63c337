import { rowsPerCall } from "./rowBlocks.js";

/**
 * Solves A x = b for a symmetric positive definite A (n x n, row-major; only its lower triangle
 * is read) by Cholesky factorisation, as scipy.linalg.solve(assume_a="pos") does for scikit-learn's
 * Ridge. Throws when A is not positive definite to working precision, instead of returning a
 * solution of a matrix it is not.
 */
export function solveSymmetricPositiveDefinite(a: Float64Array, n: number, b: Float64Array): Float64Array {
  // Three functions, each ending with its loop: V8 compiled the one function mid-loop, and the
  // solves after the factorisation, not yet run then, made it bail out (six times in five fits).
  return solveWithCholesky(choleskyFactor(a, n), n, b);
}

/** x with L L^T x = b, for L from choleskyFactor: one factor serves many right-hand sides. */
export function solveWithCholesky(l: Float64Array, n: number, b: Float64Array): Float64Array {
  if (b.length !== n) throw new RangeError(`${n} rows but ${b.length} right-hand values`);
  const x = Float64Array.from(b);
  forwardSubstitute(l, n, x);
  backSubstitute(l, n, x);
  return x;
}

/**
 * L, row-major lower triangle, with A = L L^T (A n x n, only its lower triangle read); throws
 * when A is not positive definite to working precision.
 */
export function choleskyFactor(a: Float64Array, n: number): Float64Array {
  if (a.length !== n * n) throw new RangeError(`matrix has ${a.length} values, expected ${n} x ${n}`);
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let from = 0, step = rowsPerCall(i); from <= i; from += step) factorEntries(a, n, i, from, Math.min(i + 1, from + step), l);
  }
  return l;
}

/**
 * Entries from..to - 1 of row i of L, each after the ones before it. Entry j takes j steps: a
 * few hundred steps a call (rowBlocks.ts's CALL_STEPS), as a Newton fit factors only a few times.
 */
function factorEntries(a: Float64Array, n: number, i: number, from: number, to: number, l: Float64Array): void {
  for (let j = from; j < to; j++) {
    let s = a[i * n + j];
    for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
    if (i === j) {
      if (!(s > 0)) throw new RangeError(`matrix is not positive definite (pivot ${i} is ${s})`);
      l[i * n + i] = Math.sqrt(s);
    } else {
      l[i * n + j] = s / l[j * n + j];
    }
  }
}

/** x becomes z with L z = x. */
function forwardSubstitute(l: Float64Array, n: number, x: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * x[k];
    x[i] = s / l[i * n + i];
  }
}

/** x becomes y with L^T y = x. */
function backSubstitute(l: Float64Array, n: number, x: Float64Array): void {
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
}
