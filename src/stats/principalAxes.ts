import type { Matrix } from "./matrix.js";
import { rowsPerCall } from "./rowBlocks.js";

export interface PrincipalAxes {
  /** m x cols, row-major: orthonormal directions, those of largest variance first. */
  readonly axes: Float64Array;
  readonly count: number;
  /** Largest |V V^T - I| entry: how far the computed axes are from exactly orthonormal. */
  readonly orthogonalityError: number;
}

/** Rows read for the covariance: the directions only steer pruning, so a sample is enough. */
const SAMPLE_ROWS = 2048;
/** Subspace iterations: enough to separate the leading directions of a real table. */
const ITERATIONS = 12;

/**
 * The m leading principal directions of X's rows (covariance of an evenly spaced sample of at
 * most 2,048 rows, subspace iteration from a fixed start, modified Gram-Schmidt twice per
 * step): deterministic for a given X. Callers must not rely on them being the exact principal
 * directions, only on their being orthonormal to within orthogonalityError.
 */
export function principalAxes(X: Matrix, m: number): PrincipalAxes {
  const { rows, cols, data } = X;
  const count = Math.min(m, cols);
  const stride = Math.max(1, Math.floor(rows / SAMPLE_ROWS));
  const mean = new Float64Array(cols);
  // Each long loop is a function of its own that ends with it: V8 compiles a loop met in a first
  // call on the stack (on-stack replacement), and that code was thrown away where it reached the
  // next loop, which had not run yet: six compilations of this function in a child's first folds.
  // And each halves its sampled rows down to rowsPerCall's (see addSampleRows).
  const sampled = Math.ceil(rows / stride);
  addSampleRows(data, cols, stride, 0, sampled, rowsPerCall(cols), mean);
  for (let j = 0; j < cols; j++) mean[j] /= Math.max(1, sampled);
  const covariance = new Float64Array(cols * cols);
  addSampleScatter(data, cols, stride, 0, sampled, rowsPerCall(cols + (cols * (cols + 1)) / 2), mean, covariance, new Float64Array(cols));
  mirrorLower(covariance, cols);
  // Start from the coordinate axes of largest variance, plus a fixed tilt so that no start is
  // orthogonal to a leading direction.
  const order = Array.from({ length: cols }, (_, j) => j).sort((a, b) => covariance[b * cols + b] - covariance[a * cols + a] || a - b);
  let axes = new Float64Array(count * cols);
  for (let k = 0; k < count; k++) {
    for (let j = 0; j < cols; j++) axes[k * cols + j] = 1e-3 * Math.sin(1 + k * 7.1 + j * 3.3);
    axes[k * cols + order[k]] += 1;
  }
  orthonormalise(axes, count, cols);
  iterateSubspace(covariance, axes, new Float64Array(count * cols), count, cols);
  const error = orthogonalityError(axes, count, cols);
  if (!Number.isFinite(error)) axes = new Float64Array(count * cols).fill(NaN);
  return { axes, count, orthogonalityError: error };
}

/**
 * Adds sampled rows from..to - 1 (sample s is row s * stride) into sum, column by column, in row
 * order. Halved until a part has at most `step` samples (rowBlocks.ts's CALL_STEPS): run once per
 * fit, a loop over every sample, or over blocks of them, was compiled on the stack, and again in
 * a child's second fold; halves have no such loop.
 */
function addSampleRows(data: Float64Array, cols: number, stride: number, from: number, to: number, step: number, sum: Float64Array): void {
  if (to - from > step) {
    const middle = (from + to) >>> 1;
    addSampleRows(data, cols, stride, from, middle, step, sum);
    addSampleRows(data, cols, stride, middle, to, step, sum);
    return;
  }
  for (let i = from * stride; i < to * stride; i += stride) for (let j = 0; j < cols; j++) sum[j] += data[i * cols + j];
}

/** Sampled rows from..to - 1's centred products into the lower triangle of covariance (cols x cols), in row order (halved as addSampleRows). */
function addSampleScatter(data: Float64Array, cols: number, stride: number, from: number, to: number, step: number, mean: Float64Array, covariance: Float64Array, centred: Float64Array): void {
  if (to - from > step) {
    const middle = (from + to) >>> 1;
    addSampleScatter(data, cols, stride, from, middle, step, mean, covariance, centred);
    addSampleScatter(data, cols, stride, middle, to, step, mean, covariance, centred);
    return;
  }
  for (let i = from * stride; i < to * stride; i += stride) {
    for (let j = 0; j < cols; j++) centred[j] = data[i * cols + j] - mean[j];
    for (let j = 0; j < cols; j++) {
      const c = centred[j];
      if (c === 0) continue;
      const row = j * cols;
      for (let l = 0; l <= j; l++) covariance[row + l] += c * centred[l];
    }
  }
}

/** Copies the lower triangle of a cols x cols matrix to its upper one. */
function mirrorLower(covariance: Float64Array, cols: number): void {
  for (let j = 0; j < cols; j++) for (let l = 0; l < j; l++) covariance[l * cols + j] = covariance[j * cols + l];
}

/** ITERATIONS steps of subspace iteration on axes (count x cols), next as scratch. */
function iterateSubspace(covariance: Float64Array, axes: Float64Array, next: Float64Array, count: number, cols: number): void {
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    multiplyAxes(covariance, axes, cols, 0, count * cols, rowsPerCall(cols), next);
    axes.set(next);
    orthonormalise(axes, count, cols);
  }
}

/**
 * Entries from..to - 1 of covariance times the axes (next[k * cols + j] = row j of covariance .
 * axis k), each summed over l in order; halved until a part has at most `step` entries, as
 * addSampleRows: the whole product in one call, run once per fit, was compiled on the stack.
 */
function multiplyAxes(covariance: Float64Array, axes: Float64Array, cols: number, from: number, to: number, step: number, next: Float64Array): void {
  if (to - from > step) {
    const middle = (from + to) >>> 1;
    multiplyAxes(covariance, axes, cols, from, middle, step, next);
    multiplyAxes(covariance, axes, cols, middle, to, step, next);
    return;
  }
  for (let e = from; e < to; e++) {
    const k = Math.floor(e / cols);
    const row = (e - k * cols) * cols;
    const axis = k * cols;
    let s = 0;
    for (let l = 0; l < cols; l++) s += covariance[row + l] * axes[axis + l];
    next[e] = s;
  }
}

/** Largest |V V^T - I| entry of the axes (count x cols). */
function orthogonalityError(axes: Float64Array, count: number, cols: number): number {
  let error = 0;
  for (let a = 0; a < count; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let j = 0; j < cols; j++) s += axes[a * cols + j] * axes[b * cols + j];
      // A vanished axis (rank below m) is all zeros: harmless for a bound, as it adds nothing.
      error = Math.max(error, Math.abs(s - (a === b && s > 0.5 ? 1 : 0)));
    }
  }
  return error;
}

/** Modified Gram-Schmidt, twice (once is not enough to orthonormalise to working precision); a vanishing vector becomes 0. */
function orthonormalise(v: Float64Array, count: number, cols: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k < count; k++) {
      const ko = k * cols;
      for (let p = 0; p < k; p++) {
        const po = p * cols;
        let s = 0;
        for (let j = 0; j < cols; j++) s += v[ko + j] * v[po + j];
        for (let j = 0; j < cols; j++) v[ko + j] -= s * v[po + j];
      }
      let norm = 0;
      for (let j = 0; j < cols; j++) norm += v[ko + j] * v[ko + j];
      norm = Math.sqrt(norm);
      for (let j = 0; j < cols; j++) v[ko + j] = norm > 1e-150 ? v[ko + j] / norm : 0;
    }
  }
}
