import { dot, householderQr, jacobiSvd } from "./householderJacobi.js";
import { denseScatter } from "./gram.js";
import { createMatrix, type Matrix } from "./matrix.js";
import { rowsPerCall } from "./rowBlocks.js";
import { symmetricEigen } from "./symmetricEigen.js";
import { streamedTriangle } from "./streamedQr.js";

/**
 * The minimum-norm least-squares solution of A x = b (A is rows x cols, row-major), the answer
 * scipy.linalg.lstsq gives, which scikit-learn's LinearRegression uses: among all x minimising
 * |A x - b|, the shortest. When columns are collinear (one-hot columns beside an intercept) there
 * are infinitely many minimisers, which agree on the training rows but not on rows outside their
 * span (a row whose category level was unseen in training); the shortest is the one scikit-learn
 * returns when it detects the collinearity.
 *
 * Computed from a singular value decomposition: Householder QR first (when rows > cols), then
 * one-sided Jacobi on R, which finds small singular values to high relative accuracy. Singular
 * values at most `cutoff` times the largest count as zero.
 *
 * The default cutoff is numpy's matrix_rank tolerance, max(rows, cols) * eps, rather than scipy's
 * eps: with eps alone the rank of z-scored one-hot columns is a coin toss (their numerically zero
 * singular value comes out at 1-3 eps). When scikit-learn 1.2.1 keeps that value its coefficients
 * reach ~1e14, rows with an unseen level are predicted at ~1e14, and the other rows lose digits
 * (test/reference/regression_reference.py); with this cutoff the answer is the minimum-norm one,
 * which is scikit-learn's whenever it does detect the collinearity.
 */
export interface LeastSquaresSolution {
  readonly x: Float64Array;
  /** How many singular values were above the cutoff. */
  readonly rank: number;
  /** Singular values of A, largest first. */
  readonly singularValues: Float64Array;
}

export function minimumNormLeastSquares(a: Float64Array, rows: number, cols: number, b: Float64Array, cutoff = Math.max(rows, cols) * Number.EPSILON): LeastSquaresSolution {
  if (a.length !== rows * cols) throw new RangeError(`matrix has ${a.length} values, expected ${rows} x ${cols}`);
  if (b.length !== rows) throw new RangeError(`${rows} rows but ${b.length} right-hand values`);
  if (!(cutoff >= 0 && cutoff < 1)) throw new RangeError(`cutoff must be in [0, 1), got ${cutoff}`);
  // Column-major working copy: the QR and Jacobi steps work on whole columns.
  let m = rows;
  let w = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) w[j * rows + i] = a[i * cols + j];
  let c = Float64Array.from(b);
  if (rows > cols) {
    householderQr(w, rows, cols, c);
    // Keep R (cols x cols, upper triangular) and the first cols entries of Q^T b.
    const r = new Float64Array(cols * cols);
    for (let j = 0; j < cols; j++) for (let i = 0; i <= j; i++) r[j * cols + i] = w[j * rows + i];
    w = r;
    c = c.slice(0, cols);
    m = cols;
  }
  return triangleLeastSquares(w, m, cols, c, cutoff);
}

/**
 * minimumNormLeastSquares for X centred on xMean (column by column), without the centred copy:
 * when there are more rows than columns the triangle comes from streamedTriangle (a block of rows
 * at a time); otherwise the small centred matrix is decomposed directly, as above. rows is the
 * cutoff's max(rows, cols), as for the centred matrix.
 */
export function centredMinimumNormLeastSquares(X: Matrix, xMean: Float64Array, b: Float64Array, cutoff = Math.max(X.rows, X.cols) * Number.EPSILON): LeastSquaresSolution {
  const { rows, cols, data } = X;
  if (xMean.length !== cols) throw new RangeError(`${xMean.length} means for ${cols} columns`);
  if (b.length !== rows) throw new RangeError(`${rows} rows but ${b.length} right-hand values`);
  if (!(cutoff >= 0 && cutoff < 1)) throw new RangeError(`cutoff must be in [0, 1), got ${cutoff}`);
  if (rows > cols) {
    const { r, c } = streamedTriangle(X, xMean, b);
    return triangleLeastSquares(r, cols, cols, c, cutoff);
  }
  const w = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) w[j * rows + i] = data[i * cols + j] - xMean[j];
  return triangleLeastSquares(w, rows, cols, Float64Array.from(b), cutoff);
}

/**
 * The minimum-norm solution of w x = c for w column-major m x cols (R after a QR, or the matrix
 * itself when it has no more rows than columns): one-sided Jacobi on w, then the singular
 * directions above the cutoff. w is rotated in place.
 */
function triangleLeastSquares(w: Float64Array, m: number, cols: number, c: Float64Array, cutoff: number): LeastSquaresSolution {
  const v = jacobiSvd(w, m, cols);

  const sigma = new Float64Array(cols);
  let largest = 0;
  for (let j = 0; j < cols; j++) {
    sigma[j] = Math.sqrt(dot(w, j * m, w, j * m, m));
    largest = Math.max(largest, sigma[j]);
  }
  // x = sum over kept j of (u_j . c) / sigma_j * v_j, where the rotated column w_j = sigma_j u_j.
  const x = new Float64Array(cols);
  let rank = 0;
  for (let j = 0; j < cols; j++) {
    if (sigma[j] === 0 || sigma[j] <= cutoff * largest) continue;
    rank++;
    const coefficient = dot(w, j * m, c, 0, m) / (sigma[j] * sigma[j]);
    for (let k = 0; k < cols; k++) x[k] += coefficient * v[j * cols + k];
  }
  return { x, rank, singularValues: sigma.sort().reverse() };
}

/**
 * Below this share of the largest eigenvalue of the Gram matrix, an eigenvalue is too close to
 * rounding for the normal equations: the Gram route leaves such a problem to the QR route. Above
 * it the weights along that direction carry a relative error of about eps / 1e-8, 2e-8.
 */
const GRAM_RESOLVED = 1e-8;
/**
 * An eigenvalue left after the known null space is projected out may be null too at most this
 * share of the largest (rounding leaves 1e-16 to 1e-15 on a house-price fold of 918 rows), if A
 * is null along it; between this and GRAM_RESOLVED the problem goes to the QR route.
 */
const UNTOLD_NULL = 1e-13;
/** d'Gd of a known null direction d, relative to G's largest diagonal entry, at most (rounding leaves about 1e-15). */
const KNOWN_NULL = 1e-10;

/**
 * minimumNormLeastSquares from the normal equations, A'A x = A'b, given the Gram matrix A'A
 * (cols x cols) and A'b of a rows x cols A: cheap where A'A is (one-hot tables give it in
 * O(entries^2) a row, splitScatter.ts) against a QR's 2 rows cols^2 flops. The Gram matrix
 * cannot tell a singular value below sqrt(eps) times the largest from zero, so the null space
 * must be known: `known`, orthonormal directions along which A is singular by construction
 * (oneHotNullDirections), and the columns whose norm is within the cutoff (constant columns,
 * centred), which the QR route's rank test drops too. Those are projected out; the eigenvalues
 * left must be clearly away from zero (GRAM_RESOLVED) or at its rounding (UNTOLD_NULL: an exact
 * collinearity among numeric columns, dropped with them once `squaredImage` confirms A is null
 * along it to the cutoff), and then the rank and the minimum-norm
 * solution are the QR route's, to about 1e-8. Null otherwise: the caller takes the QR route.
 */
export function gramMinimumNormLeastSquares(
  gram: Float64Array,
  cols: number,
  atb: Float64Array,
  rows: number,
  known: readonly Float64Array[],
  cutoff = Math.max(rows, cols) * Number.EPSILON,
  squaredImage?: (d: Float64Array) => number,
): LeastSquaresSolution | null {
  if (gram.length !== cols * cols) throw new RangeError(`Gram matrix has ${gram.length} values, expected ${cols} x ${cols}`);
  if (atb.length !== cols) throw new RangeError(`${atb.length} right-hand values for ${cols} columns`);
  // A known direction must be null to the Gram matrix's rounding, or what it was told is wrong.
  let diagonal = 0;
  for (let j = 0; j < cols; j++) diagonal = Math.max(diagonal, gram[j * cols + j]);
  if (known.some((d) => quadraticForm(gram, d, cols) > KNOWN_NULL * diagonal)) return null;
  const nullDirections = [...known, ...negligibleColumns(gram, cols, cutoff * cutoff * diagonal, known)];
  const rank = cols - nullDirections.length;
  if (rank < 1) return null;
  const projector = complementProjector(nullDirections, cols);
  const { values, vectors } = symmetricEigen(sandwich(projector, gram, cols), cols);
  const largest = values[0];
  if (!(largest > 0)) return null;
  // Eigenvalues at the rounding level beyond the known null space are an exact collinearity
  // nobody told (a numeric column that is the sum of others, as Ames' GrLivArea of its floors'
  // areas): their directions are null too, when a clear gap parts them from the rest.
  // The Gram matrix cannot tell them from a true singular value of 1e-8 of the largest (a column
  // repeating another within noise), which lstsq's cutoff keeps: each is checked on A itself
  // (squaredImage: |A d|^2), null within the cutoff, or the problem goes to the QR route.
  let kept = 0;
  while (kept < rank && values[kept] >= GRAM_RESOLVED * largest) kept++;
  if (kept === 0) return null;
  for (let j = kept; j < rank; j++) {
    if (squaredImage === undefined || Math.abs(values[j]) > UNTOLD_NULL * largest) return null;
    if (squaredImage(vectors.subarray(j * cols, (j + 1) * cols)) > cutoff * cutoff * largest) return null;
  }
  for (let j = rank; j < cols; j++) if (Math.abs(values[j]) > GRAM_RESOLVED * largest) return null;
  const b = multiply(projector, atb, cols);
  const weights = new Float64Array(cols);
  for (let j = 0; j < kept; j++) {
    const coefficient = dot(vectors, j * cols, b, 0, cols) / values[j];
    for (let k = 0; k < cols; k++) weights[k] += coefficient * vectors[j * cols + k];
  }
  const singularValues = new Float64Array(cols);
  for (let j = 0; j < kept; j++) singularValues[j] = Math.sqrt(values[j]);
  // Projected once more, so that no rounding leaves a component along the known null space.
  return { x: multiply(projector, weights, cols), rank: kept, singularValues };
}

/**
 * minimumNormLeastSquares for a wide A (rows <= cols) from its rows x rows Gram matrix A A'
 * (`wt` is A', cols x rows, row-major): x = sum over kept eigenpairs (u, l) of (u . b) / l A'u, the
 * minimum-norm solution, for rows^2 cols flops where one-sided Jacobi on A rotated its columns
 * pair by pair (6 s a fold of a 210-row house-price partition of 273 columns). The eigenvalues
 * must part as gramMinimumNormLeastSquares's do: kept ones clearly away from zero, the others at
 * rounding and A' null along them to the cutoff (a centred A always has the all-ones one). Null
 * otherwise: the caller takes the Jacobi route.
 */
export function rowGramMinimumNormLeastSquares(wt: Float64Array, rows: number, cols: number, b: Float64Array, cutoff = Math.max(rows, cols) * Number.EPSILON): LeastSquaresSolution | null {
  if (wt.length !== rows * cols) throw new RangeError(`matrix has ${wt.length} values, expected ${cols} x ${rows}`);
  if (b.length !== rows) throw new RangeError(`${rows} rows but ${b.length} right-hand values`);
  const { values, vectors } = symmetricEigen(denseScatter(createMatrix(cols, rows, wt)), rows);
  const largest = values[0];
  if (!(largest > 0)) return null;
  let kept = 0;
  while (kept < rows && values[kept] >= GRAM_RESOLVED * largest) kept++;
  const image = new Float64Array(cols);
  for (let j = kept; j < rows; j++) {
    if (Math.abs(values[j]) > UNTOLD_NULL * largest) return null;
    transposedTimes(wt, rows, cols, vectors, j, image);
    if (dot(image, 0, image, 0, cols) > cutoff * cutoff * largest) return null;
  }
  // x = A' z with z = sum of (u . b) / l u over the kept pairs: one product with A' in all,
  // not one per eigenvector.
  const z = new Float64Array(rows);
  for (let j = 0; j < kept; j++) {
    const coefficient = dot(vectors, j * rows, b, 0, rows) / values[j];
    for (let i = 0; i < rows; i++) z[i] += coefficient * vectors[j * rows + i];
  }
  const x = new Float64Array(cols);
  for (let k = 0; k < cols; k++) x[k] = dot(wt, k * rows, z, 0, rows);
  const singularValues = new Float64Array(cols);
  for (let j = 0; j < kept; j++) singularValues[j] = Math.sqrt(values[j]);
  return { x, rank: kept, singularValues };
}

/** out = A' u_j, u_j being row j of `vectors` (rows wide) and `wt` A' (cols x rows). */
function transposedTimes(wt: Float64Array, rows: number, cols: number, vectors: Float64Array, j: number, out: Float64Array): void {
  for (let k = 0; k < cols; k++) out[k] = dot(wt, k * rows, vectors, j * rows, rows);
}

/** e_j for each column whose squared norm (its Gram diagonal) is at most `floor` and that no known direction covers. */
function negligibleColumns(gram: Float64Array, cols: number, floor: number, known: readonly Float64Array[]): Float64Array[] {
  const out: Float64Array[] = [];
  for (let j = 0; j < cols; j++) {
    if (gram[j * cols + j] > floor || known.some((d) => d[j] !== 0)) continue;
    const e = new Float64Array(cols);
    e[j] = 1;
    out.push(e);
  }
  return out;
}

/** I - sum of d d' over the orthonormal directions d (row-major cols x cols). */
function complementProjector(directions: readonly Float64Array[], cols: number): Float64Array {
  const p = new Float64Array(cols * cols);
  for (let j = 0; j < cols; j++) p[j * cols + j] = 1;
  for (const d of directions) for (let j = 0; j < cols; j++) if (d[j] !== 0) for (let k = 0; k < cols; k++) p[j * cols + k] -= d[j] * d[k];
  return p;
}

/**
 * P G P for symmetric P and G. A fit forms it once, n^3 steps: a row of a product a call, and
 * each of its rows' updates a call (rowBlocks.ts's CALL_STEPS).
 */
function sandwich(p: Float64Array, g: Float64Array, n: number): Float64Array {
  const pg = new Float64Array(n * n);
  for (let i = 0; i < n; i++) addProductRow(p, g, n, i, pg);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) addProductRow(pg, p, n, i, out);
  for (let from = 0, step = rowsPerCall(n); from < n; from += step) symmetricRows(out, n, from, Math.min(n, from + step));
  return out;
}

/** Row i of a b (n x n each) added into out's row i, a's zeros skipped. */
function addProductRow(a: Float64Array, b: Float64Array, n: number, i: number, out: Float64Array): void {
  for (let k = 0; k < n; k++) {
    const x = a[i * n + k];
    if (x !== 0) addMultipleOfRow(out, i * n, x, b, k * n, n);
  }
}

/** out[at + j] += x b[from + j], j < n. */
function addMultipleOfRow(out: Float64Array, at: number, x: number, b: Float64Array, from: number, n: number): void {
  for (let j = 0; j < n; j++) out[at + j] += x * b[from + j];
}

/** Rows from..to - 1 and their mirror images the mean of the two, symmetric to the last bit, as the eigen-solver reads one triangle as the other. */
function symmetricRows(out: Float64Array, n: number, from: number, to: number): void {
  for (let i = from; i < to; i++) for (let j = 0; j < i; j++) out[j * n + i] = out[i * n + j] = (out[i * n + j] + out[j * n + i]) / 2;
}

function quadraticForm(g: Float64Array, d: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) if (d[i] !== 0) s += d[i] * dot(g, i * n, d, 0, n);
  return s;
}

function multiply(m: Float64Array, v: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = dot(m, i * n, v, 0, n);
  return out;
}
