import type { Matrix } from "../stats/matrix.js";
import type { RareColumns } from "../stats/rareColumns.js";
import { ROW_BLOCK, rowsPerCall } from "../stats/rowBlocks.js";
import { denseHingeKernel, splitHingeKernel, type SplitHingeKernel } from "./hingeKernels.js";

/** scikit-learn's n_iter_no_change. */
const EPOCHS_WITHOUT_IMPROVEMENT = 5;
/** scikit-learn's WeightVector folds its scale into the weights below this. */
const SMALLEST_SCALE = 1e-9;

export interface HingeProblem {
  readonly weights: Float64Array;
  readonly intercept: number;
  readonly epochs: number;
}

/**
 * One binary hinge problem, y in {-1, +1}: scikit-learn's _plain_sgd with learning_rate "optimal"
 * (eta = 1 / (alpha (t0 + t - 1)), t0 chosen so that the first step is 1 / sqrt(sqrt(alpha)) as in
 * Bottou's SGD), the L2 shrink w *= 1 - eta alpha kept as a separate scale (its WeightVector), and
 * its stopping rule on the epoch's summed loss.
 *
 * With `split` (X's split form X = 1 base^T + E, rareColumns) the same steps run in
 * O(entries) per row (splitPass); without it, the products are scikit-learn's WeightVector's, in
 * column order, bit for bit, in a WebAssembly kernel (hingeKernels.ts) that takes densePass's
 * steps in its order.
 */
export function hingeSgd(X: Matrix, split: RareColumns | null, y: Float64Array, seed: number, alpha: number, maxEpochs: number, tol: number, useKernel = true): HingeProblem {
  const { rows, cols, data } = X;
  // The passes run in WebAssembly kernels (hingeKernels.ts), the same steps bit for bit;
  // useKernel false, or rows too large for a kernel's memory, run densePass or splitPass.
  const dense = split === null && useKernel ? denseHingeKernel(data, rows, cols, y) : null;
  const sparse = split !== null && useKernel ? splitHingeKernel(split, y) : null;
  const kernel = dense ?? sparse;
  const w = kernel?.weights ?? new Float64Array(cols);
  // scale, intercept, t, beta, v . base (see SCALE).
  const state = kernel?.state ?? Float64Array.from([1, 0, 1, 0, 0]);
  // typw = sqrt(1 / sqrt(alpha)); the hinge's dloss(-typw, 1) is -1, so eta0 = typw.
  const typicalWeight = Math.sqrt(1 / Math.sqrt(alpha));
  const optimalInit = 1 / (typicalWeight * alpha);
  const order = kernel?.order ?? Uint32Array.from({ length: rows }, (_, i) => i);
  const swaps = shuffleSwaps(rows, seed);
  let bestLoss = Infinity;
  let stale = 0;
  let epoch = 0;
  while (epoch < maxEpochs) {
    epoch++;
    applySwaps(order, swaps);
    const sumLoss =
      dense !== null
        ? dense.epoch(alpha, optimalInit)
        : sparse !== null
        ? splitKernelEpoch(sparse, rows, alpha, optimalInit)
        : split === null
        ? denseEpoch(data, cols, y, order, alpha, optimalInit, w, state)
        : splitEpoch(split.numericCount, split.rowValues, split.start, split.entries, split.delta, split.base, split.baseBase, y, order, alpha, optimalInit, w, state);
    if (!Number.isFinite(state[INTERCEPT]) || !Number.isFinite(state[BETA]) || w.some((v) => !Number.isFinite(v))) {
      throw new RangeError(`floating-point overflow at epoch ${epoch}`);
    }
    stale = sumLoss > bestLoss - tol * rows ? stale + 1 : 0;
    if (sumLoss < bestLoss) bestLoss = sumLoss;
    if (stale >= EPOCHS_WITHOUT_IMPROVEMENT) break;
  }
  const scale = state[SCALE];
  // A copy: the kernel's weights are a view of its whole memory.
  if (split === null) return { weights: Float64Array.from(w, (v) => v * scale), intercept: state[INTERCEPT], epochs: epoch };
  // Back from positions to columns.
  const weights = new Float64Array(cols);
  split.column.forEach((j, at) => (weights[j] = (w[at] + state[BETA] * split.base[at]) * scale));
  return { weights, intercept: state[INTERCEPT], epochs: epoch };
}

/**
 * The SGD's state between passes, beside the unscaled weights (v on the split form): their
 * scale, the intercept, the step count t, and on the split form beta and v . base (by position,
 * see RareColumns), at these indices. The two pass loops copy it into locals and back: one loop
 * per form, because one loop branching on the form ran a third slower (V8 keeps fewer values in
 * registers across the larger body).
 */
const SCALE = 0;
const INTERCEPT = 1;
const STEP = 2;
const BETA = 3;
const V_BASE = 4;

/**
 * One epoch over the dense rows (row-major data, cols wide) in `order`; returns its summed hinge
 * loss. By blocks of rows (rowBlocks.ts: one call per epoch bailed out at every epoch's end, 290
 * times in five census-shaped fits). The epochs and passes take arrays and numbers, not X, the
 * split or a record of the schedule (see RareColumns in rareColumns.ts).
 */
function denseEpoch(data: Float64Array, cols: number, y: Float64Array, order: Uint32Array, alpha: number, optimalInit: number, w: Float64Array, state: Float64Array): number {
  const rows = order.length;
  let sumLoss = 0;
  for (let from = 0; from < rows; from += ROW_BLOCK) sumLoss = densePass(data, cols, y, order, from, Math.min(rows, from + ROW_BLOCK), alpha, optimalInit, w, state, sumLoss);
  return sumLoss;
}

/** splitEpoch in the split form's kernel: its passes by the same blocks of rows, v . base recomputed after each as there. */
function splitKernelEpoch(kernel: SplitHingeKernel, rows: number, alpha: number, optimalInit: number): number {
  let sumLoss = 0;
  for (let from = 0; from < rows; from += ROW_BLOCK) sumLoss = kernel.pass(from, Math.min(rows, from + ROW_BLOCK), alpha, optimalInit, sumLoss);
  return sumLoss;
}

/** denseEpoch on the split form's arrays (RareColumns). */
function splitEpoch(
  numericCount: number,
  rowValues: Float64Array,
  start: Int32Array,
  entries: Int32Array,
  delta: Float64Array,
  base: Float64Array,
  baseBase: number,
  y: Float64Array,
  order: Uint32Array,
  alpha: number,
  optimalInit: number,
  w: Float64Array,
  state: Float64Array,
): number {
  const rows = order.length;
  let sumLoss = 0;
  for (let from = 0; from < rows; from += ROW_BLOCK) sumLoss = splitPass(numericCount, rowValues, start, entries, delta, base, baseBase, y, order, from, Math.min(rows, from + ROW_BLOCK), alpha, optimalInit, w, state, sumLoss);
  return sumLoss;
}

/**
 * Rows order[from..to - 1] of an epoch over the dense rows (row-major data, cols wide); returns
 * the epoch's hinge loss so far, their losses added to lossSoFar one by one, as one loop over the
 * epoch adds them.
 */
function densePass(data: Float64Array, cols: number, y: Float64Array, order: Uint32Array, from: number, to: number, alpha: number, optimalInit: number, w: Float64Array, state: Float64Array, lossSoFar: number): number {
  let scale = state[SCALE];
  let intercept = state[INTERCEPT];
  let t = state[STEP];
  const whole = cols - (cols & 7);
  let sumLoss = lossSoFar;
  for (let s = from; s < to; s++) {
    const i = order[s];
    // Column order, unrolled by 8: the same sums as the plain loop, 20% faster than by 4.
    const o = i * cols;
    let dot = 0;
    let j = 0;
    for (; j < whole; j += 8) {
      const at = o + j;
      dot += w[j] * data[at];
      dot += w[j + 1] * data[at + 1];
      dot += w[j + 2] * data[at + 2];
      dot += w[j + 3] * data[at + 3];
      dot += w[j + 4] * data[at + 4];
      dot += w[j + 5] * data[at + 5];
      dot += w[j + 6] * data[at + 6];
      dot += w[j + 7] * data[at + 7];
    }
    for (; j < cols; j++) dot += w[j] * data[o + j];
    const p = dot * scale + intercept;
    const eta = 1 / (alpha * (optimalInit + t - 1));
    const z = p * y[i];
    if (z <= 1) sumLoss += 1 - z;
    // The hinge's derivative is -y where z <= 1, else 0; the update is -eta times it.
    const update = z <= 1 ? eta * y[i] : 0;
    scale *= Math.max(0, 1 - eta * alpha);
    if (scale < SMALLEST_SCALE) {
      for (let k = 0; k < cols; k++) w[k] *= scale;
      scale = 1;
    }
    if (update !== 0) {
      const step = update / scale;
      j = 0;
      for (; j < whole; j += 8) {
        const at = o + j;
        w[j] += data[at] * step;
        w[j + 1] += data[at + 1] * step;
        w[j + 2] += data[at + 2] * step;
        w[j + 3] += data[at + 3] * step;
        w[j + 4] += data[at + 4] * step;
        w[j + 5] += data[at + 5] * step;
        w[j + 6] += data[at + 6] * step;
        w[j + 7] += data[at + 7] * step;
      }
      for (; j < cols; j++) w[j] += data[o + j] * step;
      intercept += update;
    }
    t++;
  }
  state[SCALE] = scale;
  state[INTERCEPT] = intercept;
  state[STEP] = t;
  return sumLoss;
}

/**
 * Rows order[from..to - 1] of an epoch on the split form (RareColumns' arrays): the weights are
 * kept as w = v + beta base, so that w += step x_i = step (base + e_i) touches only e_i's entries
 * of v and the scalar beta, and w . x_i = v . base + v . e_i + beta (base . base + base . e_i),
 * with v . base carried along (recomputed at the pass's end, so that its rounding cannot drift)
 * and base . e_i kept per row. On a census-shaped fold that is 13 entries a row instead of 67.
 * Those sums are grouped differently from the dense ones, so the steps agree with them to
 * rounding. Returns the epoch's loss so far, as densePass.
 */
function splitPass(
  numericCount: number,
  rowValues: Float64Array,
  start: Int32Array,
  entries: Int32Array,
  delta: Float64Array,
  base: Float64Array,
  baseBase: number,
  y: Float64Array,
  order: Uint32Array,
  from: number,
  to: number,
  alpha: number,
  optimalInit: number,
  w: Float64Array,
  state: Float64Array,
  lossSoFar: number,
): number {
  let scale = state[SCALE];
  let intercept = state[INTERCEPT];
  let t = state[STEP];
  let beta = state[BETA];
  let vBase = state[V_BASE];
  const width = 1 + numericCount;
  let sumLoss = lossSoFar;
  for (let s = from; s < to; s++) {
    const i = order[s];
    // Numeric positions, then the binary ones at their rarer value, each ascending.
    const o = i * width + 1;
    let dot = 0;
    for (let q = 0; q < numericCount; q++) dot += w[q] * rowValues[o + q];
    const first = start[i];
    const end = start[i + 1];
    for (let p = first; p < end; p++) dot += w[entries[p]] * delta[entries[p]];
    const baseEntries = rowValues[o - 1];
    dot = vBase + dot + beta * (baseBase + baseEntries);
    const p = dot * scale + intercept;
    const eta = 1 / (alpha * (optimalInit + t - 1));
    const z = p * y[i];
    if (z <= 1) sumLoss += 1 - z;
    const update = z <= 1 ? eta * y[i] : 0;
    scale *= Math.max(0, 1 - eta * alpha);
    if (scale < SMALLEST_SCALE) {
      for (let k = 0; k < w.length; k++) w[k] *= scale;
      beta *= scale;
      vBase = dotProduct(w, base);
      scale = 1;
    }
    if (update !== 0) {
      const step = update / scale;
      for (let q = 0; q < numericCount; q++) w[q] += rowValues[o + q] * step;
      for (let p = first; p < end; p++) w[entries[p]] += delta[entries[p]] * step;
      vBase += step * baseEntries;
      beta += step;
      intercept += update;
    }
    t++;
  }
  state[SCALE] = scale;
  state[INTERCEPT] = intercept;
  state[STEP] = t;
  state[BETA] = beta;
  state[V_BASE] = dotProduct(w, base);
  return sumLoss;
}

function dotProduct(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}

/**
 * scikit-learn's SequentialDataset.shuffle: Fisher-Yates with j = i + our_rand_r(seed) % (n - i),
 * our_rand_r being its xorshift32 (a zero state becomes 1) reduced mod 2^31. The seed is passed
 * by value, so every epoch replays the same swaps on the previous epoch's order.
 */
export function sklearnShuffle(order: Uint32Array, seed: number): void {
  applySwaps(order, shuffleSwaps(order.length, seed));
}

/**
 * The swaps of sklearnShuffle for n rows: position i trades with swaps[i]. They are the same
 * every epoch, so hingeSgd draws them once instead of a division per row per epoch.
 */
export function shuffleSwaps(n: number, seed: number): Uint32Array {
  const swaps = new Uint32Array(Math.max(0, n - 1));
  let state = seed >>> 0;
  for (let from = 0, step = rowsPerCall(1); from < swaps.length; from += step) state = drawSwaps(n, from, Math.min(swaps.length, from + step), state, swaps);
  return swaps;
}

/**
 * swaps[from..to - 1] from the xorshift state before them; returns the state after them. The
 * swaps' loops run a few hundred rows a call (rowBlocks.ts's CALL_STEPS): a fit draws them once.
 */
function drawSwaps(n: number, from: number, to: number, stateBefore: number, swaps: Uint32Array): number {
  let state = stateBefore;
  for (let i = from; i < to; i++) {
    if (state === 0) state = 1;
    state = (state ^ (state << 13)) >>> 0;
    state = (state ^ (state >>> 17)) >>> 0;
    state = (state ^ (state << 5)) >>> 0;
    swaps[i] = i + ((state & 0x7fffffff) % (n - i));
  }
  return state;
}

function applySwaps(order: Uint32Array, swaps: Uint32Array): void {
  for (let from = 0, step = rowsPerCall(1); from < swaps.length; from += step) swapRows(order, swaps, from, Math.min(swaps.length, from + step));
}

function swapRows(order: Uint32Array, swaps: Uint32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const j = swaps[i];
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
}
