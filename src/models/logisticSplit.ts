import type { Objective } from "../stats/lbfgs.js";
import type { TwiceDifferentiable } from "../stats/newton.js";
import type { RareColumns } from "../stats/rareColumns.js";
import { rowsPerCall } from "../stats/rowBlocks.js";
import { sigmoidLink, type Link } from "./logisticLinks.js";
import { logisticSplitKernel } from "./logisticSplitKernel.js";

/**
 * logisticRegression.ts's objective on the split form X = 1 base^T + E (rareColumns.ts): the same
 * function (sum of log-losses + ||W||^2 / 2C, intercepts not penalised), each pass over the rows
 * in O(numeric + rare) per row instead of O(cols). The weights are in the split's position order
 * (numeric columns, then binary ones; each of the K blocks ends with its intercept), so that a
 * row's numeric values meet a contiguous run of weights; inColumnOrder puts a solution back.
 * Margins: X w = base.w + E w, a binary entry adding w_P delta_P; gradient: X^T r = base (sum
 * of r) + E^T r. On a census-shaped fold (20,500 x 67, 7 numeric columns, 13 entries a row) a pass
 * reads a fifth of the values. Rounding differs from the dense sums, so the fit stops at the same
 * gradient tolerance at the same optimum, not at the same bits.
 */
export function splitLogisticObjective(split: RareColumns, y: Int32Array, K: number, lambda: number, link: Link, z = new Float64Array((split.start.length - 1) * K)): Objective {
  const { numericCount, rowValues, start, entries, base, delta } = split;
  const cols = base.length;
  // Per class: intercept + base . w.
  const offset = new Float64Array(K);
  // K x positions: w_P delta_P, what a binary entry adds to a margin.
  const stepWeight = new Float64Array(K * cols);
  // K x positions: the residuals summed over the rows at a binary position's rarer value.
  const rareSum = new Float64Array(K * cols);
  return (w, grad) => splitLoss(numericCount, rowValues, start, entries, base, delta, y, K, lambda, link, offset, stepWeight, rareSum, w, z, grad);
}

/**
 * splitLogisticObjective at w, its gradient into grad. At module level and on the split's arrays,
 * as logisticRegression.ts's logisticLoss and for its reasons (see RareColumns); the passes over
 * the rows by blocks, a few hundred steps a call (rowBlocks.ts's CALL_STEPS): a Newton fit
 * runs each only a few times.
 */
function splitLoss(
  numericCount: number,
  rowValues: Float64Array,
  start: Int32Array,
  entries: Int32Array,
  base: Float64Array,
  delta: Float64Array,
  y: Int32Array,
  K: number,
  lambda: number,
  link: Link,
  offset: Float64Array,
  stepWeight: Float64Array,
  rareSum: Float64Array,
  w: Float64Array,
  z: Float64Array,
  grad: Float64Array,
): number {
  const rows = start.length - 1;
  const cols = base.length;
  const width = cols + 1;
  const step = rowsPerCall(K * (numericCount + entries.length / Math.max(1, rows)));
  marginOffsets(base, delta, K, w, offset, stepWeight);
  if (K === 1) for (let from = 0; from < rows; from += step) binaryMargins(numericCount, rowValues, start, entries, offset[0], stepWeight, w, from, Math.min(rows, from + step), z);
  else for (let from = 0; from < rows; from += step) margins(numericCount, rowValues, start, entries, K, width, offset, stepWeight, w, from, Math.min(rows, from + step), z);
  const loss = link(z, y, K);
  grad.fill(0);
  rareSum.fill(0);
  if (K === 1) for (let from = 0; from < rows; from += step) binaryResidualSums(numericCount, rowValues, start, entries, cols, z, from, Math.min(rows, from + step), grad, rareSum);
  else for (let from = 0; from < rows; from += step) residualSums(numericCount, rowValues, start, entries, K, width, z, from, Math.min(rows, from + step), grad, rareSum);
  return penalisedGradient(numericCount, base, delta, K, lambda, w, grad, rareSum, loss, grad);
}

/**
 * The loss plus the L2 term, and the gradient into grad, from the passes' sums: per class, in
 * sums the numeric positions' sums of r x and at cols the sum of r, in rareSum the binary
 * positions' sums of r (sums may be grad itself).
 */
function penalisedGradient(numericCount: number, base: Float64Array, delta: Float64Array, K: number, lambda: number, w: Float64Array, sums: Float64Array, rareSum: Float64Array, lossBefore: number, grad: Float64Array): number {
  const cols = base.length;
  const width = cols + 1;
  let loss = lossBefore;
  for (let k = 0; k < K; k++) {
    const go = k * width;
    const total = sums[go + cols];
    for (let at = 0; at < cols; at++) {
      const v = w[go + at];
      loss += 0.5 * lambda * v * v;
      const own = at < numericCount ? sums[go + at] : delta[at] * rareSum[k * cols + at];
      grad[go + at] = base[at] * total + own + lambda * v;
    }
    grad[go + cols] = total;
  }
  return loss;
}

/** Per class, intercept + base . w into offset, and w_P delta_P into stepWeight (K x positions). */
function marginOffsets(base: Float64Array, delta: Float64Array, K: number, w: Float64Array, offset: Float64Array, stepWeight: Float64Array): void {
  const cols = base.length;
  const width = cols + 1;
  for (let k = 0; k < K; k++) {
    const wo = k * width;
    let s = w[wo + cols];
    for (let at = 0; at < cols; at++) {
      s += base[at] * w[wo + at];
      stepWeight[k * cols + at] = delta[at] * w[wo + at];
    }
    offset[k] = s;
  }
}

/** Rows from..to - 1 of z (rows x K) = X W + intercepts, from marginOffsets' sums. */
function margins(
  numericCount: number,
  rowValues: Float64Array,
  start: Int32Array,
  entries: Int32Array,
  K: number,
  width: number,
  offset: Float64Array,
  stepWeight: Float64Array,
  w: Float64Array,
  from: number,
  to: number,
  z: Float64Array,
): void {
  const cols = width - 1;
  const stride = 1 + numericCount;
  for (let i = from; i < to; i++) {
    const vo = i * stride + 1;
    const from = start[i];
    const to = start[i + 1];
    for (let k = 0; k < K; k++) {
      const wo = k * width;
      const so = k * cols;
      let s = offset[k];
      for (let q = 0; q < numericCount; q++) s += rowValues[vo + q] * w[wo + q];
      for (let e = from; e < to; e++) s += stepWeight[so + entries[e]];
      z[i * K + k] = s;
    }
  }
}

/**
 * margins for one class, four rows at a time: their numeric sums side by side, each row's terms
 * still added in margins' order (the same bits), so that four independent chains of additions
 * overlap where one row's chain waited on each addition (bank.csv's split, 7 numeric values and
 * 4.7 entries a row: 103 to 79 us a pass).
 */
function binaryMargins(
  numericCount: number,
  rowValues: Float64Array,
  start: Int32Array,
  entries: Int32Array,
  offset: number,
  stepWeight: Float64Array,
  w: Float64Array,
  from: number,
  to: number,
  z: Float64Array,
): void {
  const stride = 1 + numericCount;
  let i = from;
  for (; i + 4 <= to; i += 4) {
    const v0 = i * stride + 1;
    const v1 = v0 + stride;
    const v2 = v1 + stride;
    const v3 = v2 + stride;
    let s0 = offset;
    let s1 = offset;
    let s2 = offset;
    let s3 = offset;
    for (let q = 0; q < numericCount; q++) {
      const wq = w[q];
      s0 += rowValues[v0 + q] * wq;
      s1 += rowValues[v1 + q] * wq;
      s2 += rowValues[v2 + q] * wq;
      s3 += rowValues[v3 + q] * wq;
    }
    for (let e = start[i], end = start[i + 1]; e < end; e++) s0 += stepWeight[entries[e]];
    for (let e = start[i + 1], end = start[i + 2]; e < end; e++) s1 += stepWeight[entries[e]];
    for (let e = start[i + 2], end = start[i + 3]; e < end; e++) s2 += stepWeight[entries[e]];
    for (let e = start[i + 3], end = start[i + 4]; e < end; e++) s3 += stepWeight[entries[e]];
    z[i] = s0;
    z[i + 1] = s1;
    z[i + 2] = s2;
    z[i + 3] = s3;
  }
  for (; i < to; i++) {
    const vo = i * stride + 1;
    let s = offset;
    for (let q = 0; q < numericCount; q++) s += rowValues[vo + q] * w[q];
    for (let e = start[i], end = start[i + 1]; e < end; e++) s += stepWeight[entries[e]];
    z[i] = s;
  }
}

/**
 * residualSums for one class, four rows at a time: each numeric position's sum and the
 * intercept's held in a register across the four rows and added to in row order (the same bits
 * as row by row), one load and store of the gradient entry per four rows instead of per row
 * (bank.csv's split: 118 to 89 us a pass).
 */
function binaryResidualSums(
  numericCount: number,
  rowValues: Float64Array,
  start: Int32Array,
  entries: Int32Array,
  cols: number,
  r: Float64Array,
  from: number,
  to: number,
  grad: Float64Array,
  rareSum: Float64Array,
): void {
  const stride = 1 + numericCount;
  let i = from;
  for (; i + 4 <= to; i += 4) {
    const v0 = i * stride + 1;
    const v1 = v0 + stride;
    const v2 = v1 + stride;
    const v3 = v2 + stride;
    const r0 = r[i];
    const r1 = r[i + 1];
    const r2 = r[i + 2];
    const r3 = r[i + 3];
    for (let q = 0; q < numericCount; q++) {
      let g = grad[q];
      g += r0 * rowValues[v0 + q];
      g += r1 * rowValues[v1 + q];
      g += r2 * rowValues[v2 + q];
      g += r3 * rowValues[v3 + q];
      grad[q] = g;
    }
    for (let e = start[i], end = start[i + 1]; e < end; e++) rareSum[entries[e]] += r0;
    for (let e = start[i + 1], end = start[i + 2]; e < end; e++) rareSum[entries[e]] += r1;
    for (let e = start[i + 2], end = start[i + 3]; e < end; e++) rareSum[entries[e]] += r2;
    for (let e = start[i + 3], end = start[i + 4]; e < end; e++) rareSum[entries[e]] += r3;
    let g = grad[cols];
    g += r0;
    g += r1;
    g += r2;
    g += r3;
    grad[cols] = g;
  }
  for (; i < to; i++) {
    const vo = i * stride + 1;
    const ri = r[i];
    for (let q = 0; q < numericCount; q++) grad[q] += ri * rowValues[vo + q];
    for (let e = start[i], end = start[i + 1]; e < end; e++) rareSum[entries[e]] += ri;
    grad[cols] += ri;
  }
}

/**
 * From the residuals r (rows x K) of rows from..to - 1: added into grad, per class, the numeric
 * positions' sums of r x and the intercept's sum of r; into rareSum, per binary position, the
 * sum of r over its rows.
 */
function residualSums(
  numericCount: number,
  rowValues: Float64Array,
  start: Int32Array,
  entries: Int32Array,
  K: number,
  width: number,
  r: Float64Array,
  from: number,
  to: number,
  grad: Float64Array,
  rareSum: Float64Array,
): void {
  const cols = width - 1;
  const stride = 1 + numericCount;
  for (let i = from; i < to; i++) {
    const vo = i * stride + 1;
    const from = start[i];
    const to = start[i + 1];
    for (let k = 0; k < K; k++) {
      const ri = r[i * K + k];
      const go = k * width;
      const so = k * cols;
      for (let q = 0; q < numericCount; q++) grad[go + q] += ri * rowValues[vo + q];
      for (let e = from; e < to; e++) rareSum[so + entries[e]] += ri;
      grad[go + cols] += ri;
    }
  }
}

/**
 * The binary objective with its Hessian X~^T D X~ + lambda I (X~ = [X 1], intercept not
 * penalised), in position order, formed from the split: with b = [base, 1] and E~ = [E 0],
 *   X~^T D X~ = (sum of d) b b^T + b u^T + u b^T + E~^T D E~,   u = E~^T d.
 * E~^T D E~ row by row, in O(numeric^2 + rare x numeric + rare^2) per row: between numeric
 * positions the products d x_q x_r; between a binary position P and a numeric one d x_q, and
 * between binary positions d, both scaled by the deltas once at the end, as every entry of a
 * binary position holds the same delta. A row's positions ascend (numeric, then its binary ones
 * in order), so its pairs fill the lower triangle directly.
 */
export function splitBinaryObjective(split: RareColumns, y: Int32Array, lambda: number, useKernel = true): TwiceDifferentiable {
  const { numericCount, rowValues, start, entries, base, delta } = split;
  const width = base.length + 1;
  const rows = start.length - 1;
  const cost = hessianCost(numericCount, entries.length / rows);
  // The passes in WebAssembly kernels (logisticSplitKernel.ts), the same bits; useKernel false,
  // or rows too many for a kernel's memory, run the JavaScript passes below.
  const kernel = useKernel ? logisticSplitKernel(split, y) : null;
  if (kernel !== null) {
    const offset = new Float64Array(1);
    return {
      evaluate: (w, grad) => {
        marginOffsets(base, delta, 1, w, offset, kernel.stepWeight);
        kernel.margins(offset[0], w);
        const loss = sigmoidLink(kernel.z, y, 1);
        kernel.residualSums();
        return penalisedGradient(numericCount, base, delta, 1, lambda, w, kernel.sums, kernel.rareSum, loss, grad);
      },
      hessianCost: cost,
      hessian: (out) => assembleHessian(numericCount, base, delta, kernel.inner, kernel.u, kernel.rowProducts(), lambda, out),
    };
  }
  const residual = new Float64Array(rows);
  const evaluate = splitLogisticObjective(split, y, 1, lambda, sigmoidLink, residual);
  const inner = new Float64Array(width * width);
  // Four rows' d x at a time (rowProducts).
  const weighted = new Float64Array(4 * numericCount);
  const u = new Float64Array(width);
  return {
    evaluate,
    hessianCost: cost,
    hessian: (out) => splitHessian(numericCount, rowValues, start, entries, base, delta, residual, y, lambda, inner, weighted, u, out),
  };
}

/** splitBinaryObjective's Hessian into out, from the residuals of the point last evaluated; at module level, as splitLoss. */
function splitHessian(
  numericCount: number,
  rowValues: Float64Array,
  start: Int32Array,
  entries: Int32Array,
  base: Float64Array,
  delta: Float64Array,
  residual: Float64Array,
  y: Int32Array,
  lambda: number,
  inner: Float64Array,
  weighted: Float64Array,
  u: Float64Array,
  out: Float64Array,
): void {
  const rows = start.length - 1;
  const width = base.length + 1;
  const step = rowsPerCall(rowProductCount(numericCount, entries.length / rows));
  inner.fill(0);
  u.fill(0);
  let total = 0;
  for (let from = 0; from < rows; from += step) total = rowProducts(numericCount, rowValues, start, entries, width, residual, y, from, Math.min(rows, from + step), total, inner, weighted, u);
  assembleHessian(numericCount, base, delta, inner, u, total, lambda, out);
}

/**
 * The Hessian (lower triangle and the intercept's row, position order) from rowProducts' sums.
 * A module-level function rather than in the objective's closure: each fold's objective is a new
 * closure, and its loop was compiled again (on the stack, then whole) in every fold; a
 * module-level function keeps its code from fold to fold.
 */
function assembleHessian(numericCount: number, base: Float64Array, delta: Float64Array, inner: Float64Array, u: Float64Array, total: number, lambda: number, out: Float64Array): void {
  const cols = base.length;
  const width = cols + 1;
  // u = E~^T d: a numeric position sums d x (rowProducts), a binary one d times its delta (its diagonal).
  for (let at = numericCount; at < cols; at++) u[at] = delta[at] * inner[at * width + at];
  out[cols * width + cols] = total;
  for (let j = 0; j < cols; j++) {
    const scaleJ = j < numericCount ? 1 : delta[j];
    for (let l = 0; l <= j; l++) {
      const scaleL = l < numericCount ? 1 : delta[l];
      out[j * width + l] = scaleJ * scaleL * inner[j * width + l] + total * base[j] * base[l] + base[j] * u[l] + u[j] * base[l];
    }
    out[j * width + j] += lambda;
    // The intercept's row: b_j = 1 there.
    out[cols * width + j] = total * base[j] + u[j];
  }
}

/**
 * Adds rows from..to - 1 into inner (lower triangle, position order), the per-row sums of
 * E~^T D E~ before the deltas' scaling, and into u the numeric positions' sums of d x; returns
 * totalBefore plus their d. A function of its own, with everything it reads passed in: as a
 * closure over the objective's arrays V8 reloaded each one from the context inside the loops.
 */
function rowProducts(
  numericCount: number,
  rowValues: Float64Array,
  start: Int32Array,
  entries: Int32Array,
  width: number,
  residual: Float64Array,
  y: Int32Array,
  from: number,
  to: number,
  totalBefore: number,
  inner: Float64Array,
  weighted: Float64Array,
  u: Float64Array,
): number {
  const stride = 1 + numericCount;
  let total = totalBefore;
  let i = from;
  // Four rows at a time: each numeric pair's sum held in a register across them (added to in row
  // order, the same bits), one load and store of it per four rows; then each row's entries.
  for (; i + 4 <= to; i += 4) {
    const v0 = i * stride + 1;
    const v1 = v0 + stride;
    const v2 = v1 + stride;
    const v3 = v2 + stride;
    const p0 = residual[i] + y[i];
    const p1 = residual[i + 1] + y[i + 1];
    const p2 = residual[i + 2] + y[i + 2];
    const p3 = residual[i + 3] + y[i + 3];
    const d0 = p0 * (1 - p0);
    const d1 = p1 * (1 - p1);
    const d2 = p2 * (1 - p2);
    const d3 = p3 * (1 - p3);
    total += d0;
    total += d1;
    total += d2;
    total += d3;
    for (let q = 0; q < numericCount; q++) {
      const x0 = d0 * rowValues[v0 + q];
      const x1 = d1 * rowValues[v1 + q];
      const x2 = d2 * rowValues[v2 + q];
      const x3 = d3 * rowValues[v3 + q];
      weighted[q] = x0;
      weighted[numericCount + q] = x1;
      weighted[2 * numericCount + q] = x2;
      weighted[3 * numericCount + q] = x3;
      let uq = u[q];
      uq += x0;
      uq += x1;
      uq += x2;
      uq += x3;
      u[q] = uq;
      const row = q * width;
      for (let r = 0; r <= q; r++) {
        let g = inner[row + r];
        g += x0 * rowValues[v0 + r];
        g += x1 * rowValues[v1 + r];
        g += x2 * rowValues[v2 + r];
        g += x3 * rowValues[v3 + r];
        inner[row + r] = g;
      }
    }
    rareProducts(numericCount, start, entries, width, i, d0, weighted, 0, inner);
    rareProducts(numericCount, start, entries, width, i + 1, d1, weighted, numericCount, inner);
    rareProducts(numericCount, start, entries, width, i + 2, d2, weighted, 2 * numericCount, inner);
    rareProducts(numericCount, start, entries, width, i + 3, d3, weighted, 3 * numericCount, inner);
  }
  for (; i < to; i++) {
    const p = residual[i] + y[i];
    const d = p * (1 - p);
    total += d;
    const vo = i * stride + 1;
    for (let q = 0; q < numericCount; q++) {
      const dx = d * rowValues[vo + q];
      weighted[q] = dx;
      u[q] += dx;
      const row = q * width;
      for (let r = 0; r <= q; r++) inner[row + r] += dx * rowValues[vo + r];
    }
    rareProducts(numericCount, start, entries, width, i, d, weighted, 0, inner);
  }
  return total;
}

/** Row i's binary entries into inner: with the numeric positions (their d x at weighted[at..]) and pairwise (d). */
function rareProducts(numericCount: number, start: Int32Array, entries: Int32Array, width: number, i: number, d: number, weighted: Float64Array, at: number, inner: Float64Array): void {
  const from = start[i];
  const to = start[i + 1];
  for (let e = from; e < to; e++) {
    const row = entries[e] * width;
    for (let q = 0; q < numericCount; q++) inner[row + q] += weighted[at + q];
    for (let f = from; f <= e; f++) inner[row + entries[f]] += d;
  }
}

/**
 * A Hessian's cost in evaluations of the objective, from what a row costs each: the products of
 * its dense (numeric) values pairwise, of its rare binary positions with them and pairwise,
 * against two passes over its entries and the link (an exp and a log, counted as 16 products).
 */
export function hessianCost(numeric: number, rare: number): number {
  return rowProductCount(numeric, rare) / (2 * (numeric + rare) + 16);
}

/** Products a row adds to the Hessian: its numeric values pairwise, its rare positions with them and pairwise. */
function rowProductCount(numeric: number, rare: number): number {
  return (numeric * (numeric + 1)) / 2 + rare * numeric + (rare * (rare + 1)) / 2;
}

/** A solution in position order (K blocks of positions + intercept) put back in column order. */
export function inColumnOrder(split: RareColumns, x: Float64Array, K: number): Float64Array {
  const { column } = split;
  const width = column.length + 1;
  const out = new Float64Array(x.length);
  for (let k = 0; k < K; k++) {
    for (let at = 0; at < column.length; at++) out[k * width + column[at]] = x[k * width + at];
    out[k * width + width - 1] = x[k * width + width - 1];
  }
  return out;
}
