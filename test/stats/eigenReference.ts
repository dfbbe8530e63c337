import type { Rng } from "../../src/stats/rng.js";

/**
 * References for the symmetric eigen-decomposition's tests: the plain cyclic Jacobi method that
 * symmetricEigen used before the tridiagonal QL (run here until the off-diagonal part is below
 * eps^2 of the diagonal's squares, or a sweep changes nothing), matrices of a known spectrum, and
 * the checks both are held to.
 */

/** Eigenvalues (largest first) and eigenvectors (row j for values[j]) by cyclic Jacobi rotations. */
export function jacobiEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diagonal = 0;
    for (let p = 0; p < n; p++) {
      diagonal += a[p * n + p] * a[p * n + p];
      for (let q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
    }
    if (off <= Number.EPSILON ** 4 * diagonal) break;
    for (let p = 0; p < n - 1; p++) for (let q = p + 1; q < n; q++) rotate(a, v, n, p, q);
  }
  const order = Array.from({ length: n }, (_, j) => j).sort((p, q) => a[q * n + q] - a[p * n + p] || p - q);
  const vectors = new Float64Array(n * n);
  order.forEach((j, rank) => {
    for (let k = 0; k < n; k++) vectors[rank * n + k] = v[k * n + j];
  });
  return { values: Float64Array.from(order, (j) => a[j * n + j]), vectors };
}

/** The rotation in the (p, q) plane that zeroes a[p][q], applied to a's rows and columns and v's columns. */
function rotate(a: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q];
  if (apq === 0) return;
  const tau = (a[q * n + q] - a[p * n + p]) / (2 * apq);
  const t = Math.sign(tau || 1) / (Math.abs(tau) + Math.hypot(1, tau));
  const c = 1 / Math.hypot(1, t);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    const akp = a[k * n + p];
    const akq = a[k * n + q];
    a[k * n + p] = c * akp - s * akq;
    a[k * n + q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k++) {
    const apk = a[p * n + k];
    const aqk = a[q * n + k];
    a[p * n + k] = c * apk - s * aqk;
    a[q * n + k] = s * apk + c * aqk;
  }
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p];
    const vkq = v[k * n + q];
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}

/** A random orthogonal n x n matrix (row-major): a product of n random Householder reflections. */
export function randomOrthogonal(n: number, rng: Rng): Float64Array {
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  const u = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let norm = 0;
    for (let i = 0; i < n; i++) {
      u[i] = rng.next() - 0.5;
      norm += u[i] * u[i];
    }
    // Q := Q (I - 2 u u' / u'u)
    for (let i = 0; i < n; i++) {
      let dot = 0;
      for (let k = 0; k < n; k++) dot += q[i * n + k] * u[k];
      for (let k = 0; k < n; k++) q[i * n + k] -= (2 * dot * u[k]) / norm;
    }
  }
  return q;
}

/** Q diag(values) Q' with Q's columns as the eigenvectors, symmetrised (each entry summed in one order). */
export function withSpectrum(values: readonly number[], q: Float64Array): Float64Array {
  const n = values.length;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += q[i * n + k] * values[k] * q[j * n + k];
      a[i * n + j] = s;
      a[j * n + i] = s;
    }
  }
  return a;
}

/** X'X, each entry summed over the rows in order. */
export function gram(x: Float64Array, rows: number, cols: number): Float64Array {
  const g = new Float64Array(cols * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) for (let k = 0; k < cols; k++) g[j * cols + k] += x[i * cols + j] * x[i * cols + k];
  return g;
}

/** max over entries of |V' diag(values) V - A|. */
export function reconstructionError(a: Float64Array, n: number, values: Float64Array, vectors: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += vectors[j * n + i] * values[j] * vectors[j * n + k];
      worst = Math.max(worst, Math.abs(s - a[i * n + k]));
    }
  }
  return worst;
}

/** max over pairs of |v_j . v_k - (j == k)|. */
export function orthonormalityError(vectors: Float64Array, n: number): number {
  let worst = 0;
  for (let j = 0; j < n; j++) {
    for (let k = 0; k <= j; k++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += vectors[j * n + i] * vectors[k * n + i];
      worst = Math.max(worst, Math.abs(dot - (j === k ? 1 : 0)));
    }
  }
  return worst;
}

/**
 * The largest entry of P_a - P_b, where P = sum of v v' over the rows from..to - 1 of each set of
 * vectors: zero when both span the same space, whatever their signs or rotation within it.
 */
export function projectorDistance(a: Float64Array, b: Float64Array, n: number, from: number, to: number): number {
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let j = from; j < to; j++) s += a[j * n + i] * a[j * n + k] - b[j * n + i] * b[j * n + k];
      worst = Math.max(worst, Math.abs(s));
    }
  }
  return worst;
}
