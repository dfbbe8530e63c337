import type { Matrix } from "../stats/matrix.js";
import { principalAxes } from "../stats/principalAxes.js";
import { rareColumns } from "../stats/rareColumns.js";
import { rowsPerCall } from "../stats/rowBlocks.js";
import { binaryNeighbours } from "./binaryNeighbours.js";
import { TREE_AXES, treeNeighbours, type ProjectedRows } from "./projectionTree.js";

/** Why the classifier and the regressor refuse to fit on fewer rows than k, in scikit-learn's terms. */
export function tooFewRows(rows: number, k: number): string {
  return `${rows} training row${rows === 1 ? "" : "s"}, fewer than n_neighbors=${k} (scikit-learn refuses it too)`;
}

/**
 * Brute-force euclidean k-nearest-neighbour search, shared by the kNN classifier and regressor:
 * for each query row, the indices of its k nearest training rows (k at most the training rows),
 * nearest first, as scikit-learn's kneighbors(algorithm="brute") orders them. Exact distance ties
 * go to the lower training index (scikit-learn leaves their order unspecified). Returns
 * query.rows x k indices, row-major.
 *
 * Tables of mostly two-valued columns (one-hot blocks) take a search that works on their sparse
 * form (binaryNeighbours.ts), other wide enough tables a pruned search (prunedNeighbours), large
 * narrow ones a k-d tree over their columns (columnTreeNeighbours); all find the same neighbours
 * as the plain scan below, bit for bit, while computing few of the distances.
 */
export function nearestNeighbours(train: Matrix, query: Matrix, k: number): Int32Array {
  const { rows: n, cols } = train;
  if (query.cols !== cols) throw new RangeError(`fitted on ${cols} features, got ${query.cols}`);
  if (!(Number.isInteger(k) && k >= 1 && k <= n)) throw new RangeError(`k must be an integer in 1..${n}, got ${k}`);
  const found = searchNeighbours(train, query, k);
  const unranked = found.indexOf(-1);
  // Every distance from that row was infinite (or NaN): no row is nearer than another, and a
  // vote over index -1 would be read as a class.
  if (unranked >= 0) throw new RangeError(`held-out row ${Math.floor(unranked / k)} is at an infinite distance from every training row: feature values of about 1e154 or more overflow a squared distance`);
  return found;
}

function searchNeighbours(train: Matrix, query: Matrix, k: number): Int32Array {
  const { rows: n, cols } = train;
  if (n < MIN_PRUNED_ROWS || query.rows < QUERIES_PER_COLUMN * cols) return scannedNeighbours(train, query, k);
  const split = rareColumns(train);
  if (split !== null) return binaryNeighbours(train, split, query, k);
  if (cols <= TREE_AXES) return n * query.rows >= COLUMN_TREE_PAIRS ? columnTreeNeighbours(train, query, k) : scannedNeighbours(train, query, k);
  return cols >= MIN_PRUNED_COLUMNS ? prunedNeighbours(train, query, k) : scannedNeighbours(train, query, k);
}

/**
 * Pairs (training rows x queries) from which the column tree beats the scan on a narrow table:
 * 20,000 x 2,222 gaussian rows of 3 or 8 columns 28 against 177 ms, 149 against 348; 4,000 x 444
 * of 5 or 8 (the 8 on a grid of ties) 6.6 against 12.6, 19.9 against 13.7; below, a millisecond either way.
 */
const COLUMN_TREE_PAIRS = 10_000_000;

/** Below these the bound costs about what it saves. */
const MIN_PRUNED_COLUMNS = 12;
const MIN_PRUNED_ROWS = 256;
/**
 * The pruned searches' setup grows with the columns (principal axes: rows x cols^2; the trie's
 * patterns) and, on thousands of columns, their bounds rule out almost nothing, while the scan
 * costs queries x rows x cols: with fewer than this many queries per column the scan is the
 * faster route (a fold of 466 x 3,453 one-hot columns: 17 s through the trie, 0.3 s scanned).
 */
const QUERIES_PER_COLUMN = 4;

/** Every distance, four queries at a time. */
export function scannedNeighbours(train: Matrix, query: Matrix, k: number): Int32Array {
  const { rows: n, cols, data: trainData } = train;
  const out = new Int32Array(query.rows * k);
  const queryData = query.data;
  const distances = new Float64Array(BLOCK * n);
  const bestDistance = new Float64Array(k);
  const bestIndex = new Int32Array(k);
  for (let q0 = 0; q0 < query.rows; q0 += BLOCK) {
    const block = Math.min(BLOCK, query.rows - q0);
    if (block === BLOCK) squaredDistances4(trainData, n, cols, queryData, q0 * cols, distances);
    else for (let b = 0; b < block; b++) squaredDistances1(trainData, n, cols, queryData, (q0 + b) * cols, distances, b * n);
    for (let b = 0; b < block; b++) {
      keepNearest(distances, b * n, n, bestDistance, bestIndex);
      out.set(bestIndex, (q0 + b) * k);
    }
  }
  return out;
}

/**
 * The k nearest of one query's n distances at distances[offset..], k = bestDistance.length. A
 * function of its own, called per query: the scan's loop over every query and training row in
 * one call was compiled on the stack (rowBlocks.ts's CALL_STEPS).
 */
function keepNearest(distances: Float64Array, offset: number, n: number, bestDistance: Float64Array, bestIndex: Int32Array): void {
  const k = bestDistance.length;
  // The k best so far, kept sorted by (distance, index): insertion into a tiny array beats a heap for k = 5.
  bestDistance.fill(Infinity);
  bestIndex.fill(-1);
  for (let i = 0; i < n; i++) {
    const d = distances[offset + i];
    if (d >= bestDistance[k - 1]) continue;
    let p = k - 1;
    while (p > 0 && bestDistance[p - 1] > d) {
      bestDistance[p] = bestDistance[p - 1];
      bestIndex[p] = bestIndex[p - 1];
      p--;
    }
    bestDistance[p] = d;
    bestIndex[p] = i;
  }
}

/**
 * Queries are scored four at a time against each training row: every training value is loaded
 * once for four distances: 9.4 ms instead of 18.4 ms for 280 queries against 2,520 x 26 rows.
 * Each distance still sums its columns in order, so the values equal the one-at-a-time ones bit for bit.
 */
const BLOCK = 4;

function squaredDistances4(train: Float64Array, n: number, cols: number, query: Float64Array, q: number, out: Float64Array): void {
  const q1 = q + cols;
  const q2 = q1 + cols;
  const q3 = q2 + cols;
  for (let i = 0; i < n; i++) {
    const io = i * cols;
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    for (let j = 0; j < cols; j++) {
      const t = train[io + j];
      let x = query[q + j] - t;
      d0 += x * x;
      x = query[q1 + j] - t;
      d1 += x * x;
      x = query[q2 + j] - t;
      d2 += x * x;
      x = query[q3 + j] - t;
      d3 += x * x;
    }
    out[i] = d0;
    out[n + i] = d1;
    out[2 * n + i] = d2;
    out[3 * n + i] = d3;
  }
}

function squaredDistances1(train: Float64Array, n: number, cols: number, query: Float64Array, q: number, out: Float64Array, at: number): void {
  for (let i = 0; i < n; i++) {
    const io = i * cols;
    let d = 0;
    for (let j = 0; j < cols; j++) {
      const x = query[q + j] - train[io + j];
      d += x * x;
    }
    out[at + i] = d;
  }
}

const AXES = TREE_AXES;

/**
 * The same neighbours as scannedNeighbours, bit for bit, computing few distances: a k-d tree over
 * the rows' projections on the training rows' 8 leading principal directions (treeNeighbours).
 * The squared distance between projections never exceeds the true squared distance (the
 * directions are orthonormal), once loosened by rounding margins: shrink for the relative errors
 * of the sums and of the axes' orthogonality, eps times the rows' squared norms for the
 * projections' absolute errors (|v.x computed - v.x| <= gamma_cols |x|), both with a factor 2 to
 * spare. On z-scored real tables the 5th neighbour is close and most rows lie far along the
 * leading directions, so whole boxes of rows fall to one bound.
 */
export function prunedNeighbours(train: Matrix, query: Matrix, k: number, useKernel = true): Int32Array {
  const { cols } = train;
  const { axes, count: m, orthogonalityError } = principalAxes(train, AXES);
  if (m < AXES) return scannedNeighbours(train, query, k);
  const unit = 2 ** -53;
  const eps = 16 * m * (cols + 4) * unit;
  const shrink = 1 - 8 * (cols + m + 8) * unit - 4 * m * orthogonalityError;
  const residualError = 8 * (m + 1) * (cols + 8) * unit + 8 * m * orthogonalityError;
  const projected = (X: Matrix): ProjectedRows => {
    const projection = project(X, axes, m);
    const norms = squaredNorms(X);
    return { rows: X.rows, cols, data: X.data, projection, slack: norms.map((v) => eps * v), ...residualNorms(norms, projection, m, residualError) };
  };
  return treeNeighbours(projected(train), projected(query), k, shrink, useKernel);
}

/**
 * Per row, an interval holding the norm of its residual r = x - Px (P the orthogonal projector
 * on the axes' span): |r|^2 = |x|^2 - |Px|^2, computed as |x|^2 less the squared projections,
 * is known to within `error` |x|^2 (the sums' rounding, the projections' absolute errors, and
 * the axes' distance from orthonormal, by which the squared projections differ from |Px|^2),
 * and each end is widened by 4 units for its square root. Then |r_x - r_q| >= the gap between
 * the two intervals, and |x - q|^2 = |P(x - q)|^2 + |r_x - r_q|^2: the gap's square adds to the
 * projections' bound (credit.csv fold: 296 rows a query that the projections alone cannot rule
 * out at the final k-th distance, 122 with the residuals).
 */
function residualNorms(norms: Float64Array, projection: Float64Array, m: number, error: number): { residualLow: Float64Array; residualHigh: Float64Array } {
  const rows = norms.length;
  const residualLow = new Float64Array(rows);
  const residualHigh = new Float64Array(rows);
  residualIntervals(norms, projection, m, error, 0, rows, rowsPerCall(m + 4), residualLow, residualHigh);
  return { residualLow, residualHigh };
}

/** Rows from..to - 1 of residualNorms (halved as projectRows). */
function residualIntervals(norms: Float64Array, projection: Float64Array, m: number, error: number, from: number, to: number, step: number, residualLow: Float64Array, residualHigh: Float64Array): void {
  if (to - from > step) {
    const middle = (from + to) >>> 1;
    residualIntervals(norms, projection, m, error, from, middle, step, residualLow, residualHigh);
    residualIntervals(norms, projection, m, error, middle, to, step, residualLow, residualHigh);
    return;
  }
  const widen = 4 * 2 ** -53;
  for (let i = from; i < to; i++) {
    let projected = 0;
    for (let a = 0; a < m; a++) projected += projection[i * m + a] * projection[i * m + a];
    const squared = norms[i] - projected;
    const margin = error * norms[i];
    // NaN (an overflowing row) leaves both ends NaN, and no gap is ever found with them.
    residualLow[i] = Math.sqrt(Math.max(0, squared - margin)) * (1 - widen);
    residualHigh[i] = Math.sqrt(squared + margin) * (1 + widen);
  }
}

/**
 * The same neighbours as scannedNeighbours, bit for bit, for a table of at most TREE_AXES columns:
 * the k-d tree over the columns themselves (zeros past them), so a row's bound is its distance
 * summed in the scan's order, exact (no projection, no slack), shrunk only by the margin the
 * tree's own sums keep. A scan costs queries x rows there (150,000 rows of 3 columns: 5 s a fold).
 */
export function columnTreeNeighbours(train: Matrix, query: Matrix, k: number, useKernel = true): Int32Array {
  const { cols } = train;
  const shrink = 1 - 8 * (cols + TREE_AXES + 8) * 2 ** -53;
  const padded = (X: Matrix): Float64Array => {
    const out = new Float64Array(X.rows * TREE_AXES);
    padRows(X.data, cols, 0, X.rows, rowsPerCall(TREE_AXES), out);
    return out;
  };
  // The columns are the coordinates: nothing is left outside them, every residual is 0.
  const rows = { rows: train.rows, cols, data: train.data, projection: padded(train), slack: new Float64Array(train.rows), residualLow: new Float64Array(train.rows), residualHigh: new Float64Array(train.rows) };
  const queries = { rows: query.rows, cols, data: query.data, projection: padded(query), slack: new Float64Array(query.rows), residualLow: new Float64Array(query.rows), residualHigh: new Float64Array(query.rows) };
  return treeNeighbours(rows, queries, k, shrink, useKernel);
}

/** Rows from..to - 1 of a table of cols columns, each followed by zeros up to TREE_AXES (halved as projectRows). */
function padRows(data: Float64Array, cols: number, from: number, to: number, step: number, out: Float64Array): void {
  if (to - from > step) {
    const middle = (from + to) >>> 1;
    padRows(data, cols, from, middle, step, out);
    padRows(data, cols, middle, to, step, out);
    return;
  }
  for (let i = from; i < to; i++) for (let j = 0; j < cols; j++) out[i * TREE_AXES + j] = data[i * cols + j];
}

/** Rows x AXES projections (zeros past the m axes there are), each summed over columns in order. */
function project(X: Matrix, axes: Float64Array, m: number): Float64Array {
  const { rows, cols, data } = X;
  const out = new Float64Array(rows * m);
  projectRows(data, cols, axes, m, 0, rows, rowsPerCall(m * cols), out);
  return out;
}

/**
 * Rows from..to - 1 of project, halved until a part has at most `step` rows (rowBlocks.ts's
 * CALL_STEPS): run once per fit and side, a loop over every row was compiled on the stack, and
 * again in a child's second fold; so was a loop over blocks of rows (7,560 blocks of 2 rows on a
 * credit.csv fold), which halves do without. squaredNorms, residualNorms and columnTreeNeighbours's padding
 * are halved for the same reason.
 */
function projectRows(data: Float64Array, cols: number, axes: Float64Array, m: number, from: number, to: number, step: number, out: Float64Array): void {
  if (to - from > step) {
    const middle = (from + to) >>> 1;
    projectRows(data, cols, axes, m, from, middle, step, out);
    projectRows(data, cols, axes, m, middle, to, step, out);
    return;
  }
  for (let i = from; i < to; i++) {
    for (let a = 0; a < m; a++) {
      let s = 0;
      for (let j = 0; j < cols; j++) s += axes[a * cols + j] * data[i * cols + j];
      out[i * m + a] = s;
    }
  }
}

function squaredNorms(X: Matrix): Float64Array {
  const { rows, cols, data } = X;
  const out = new Float64Array(rows);
  rowSquaredNorms(data, cols, 0, rows, rowsPerCall(cols), out);
  return out;
}

function rowSquaredNorms(data: Float64Array, cols: number, from: number, to: number, step: number, out: Float64Array): void {
  if (to - from > step) {
    const middle = (from + to) >>> 1;
    rowSquaredNorms(data, cols, from, middle, step, out);
    rowSquaredNorms(data, cols, middle, to, step, out);
    return;
  }
  for (let i = from; i < to; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += data[i * cols + j] * data[i * cols + j];
    out[i] = s;
  }
}
