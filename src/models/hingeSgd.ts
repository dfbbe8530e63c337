import type { BinaryColumns } from "../stats/binaryColumns.js";
import type { Matrix } from "../stats/matrix.js";

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
 * With `split` (X's split form X = 1 base^T + E, binaryColumns.ts) the same steps run in
 * O(entries) per row: the weights are kept as w = v + beta base, so that w += step x_i =
 * step (base + e_i) touches only e_i's entries of v and the scalar beta, and
 * w . x_i = v . base + v . e_i + beta (base . base + base . e_i), with v . base carried along
 * (recomputed every epoch, so that its rounding cannot drift) and base . e_i kept per row. On a
 * census-shaped fold that is 13 entries a row instead of 67. Those sums are grouped differently
 * from the dense ones, so the steps agree with them to rounding; without `split`, the products
 * are scikit-learn's WeightVector's, in column order, bit for bit. One loop with a branch on the
 * form rather than two copies of the schedule: the branch costs nothing measurable.
 */
export function hingeSgd(X: Matrix, split: BinaryColumns | null, y: Float64Array, seed: number, alpha: number, maxEpochs: number, tol: number): HingeProblem {
  const { rows, cols, data } = X;
  // Dense: the unscaled weights; split: v.
  const w = new Float64Array(cols);
  const start = split?.start ?? new Int32Array(0);
  const index = split?.index ?? new Int32Array(0);
  const value = split?.value ?? new Float64Array(0);
  const base = split?.base ?? new Float64Array(cols);
  const baseEntries = split === null ? new Float64Array(0) : rowProducts(split);
  const baseBase = dotProduct(base, base);
  let beta = 0;
  let vBase = 0;
  const whole = cols - (cols & 3);
  let scale = 1;
  let intercept = 0;
  // typw = sqrt(1 / sqrt(alpha)); the hinge's dloss(-typw, 1) is -1, so eta0 = typw.
  const typicalWeight = Math.sqrt(1 / Math.sqrt(alpha));
  const optimalInit = 1 / (typicalWeight * alpha);
  const order = Uint32Array.from({ length: rows }, (_, i) => i);
  const swaps = shuffleSwaps(rows, seed);
  let t = 1;
  let bestLoss = Infinity;
  let stale = 0;
  let epoch = 0;
  while (epoch < maxEpochs) {
    epoch++;
    applySwaps(order, swaps);
    let sumLoss = 0;
    for (let s = 0; s < rows; s++) {
      const i = order[s];
      let dot = 0;
      if (split !== null) {
        const to = start[i + 1];
        for (let p = start[i]; p < to; p++) dot += w[index[p]] * value[p];
        dot = vBase + dot + beta * (baseBase + baseEntries[i]);
      } else {
        // Column order, unrolled by 4: the same sums as the plain loop.
        const o = i * cols;
        let j = 0;
        for (; j < whole; j += 4) {
          const at = o + j;
          dot += w[j] * data[at];
          dot += w[j + 1] * data[at + 1];
          dot += w[j + 2] * data[at + 2];
          dot += w[j + 3] * data[at + 3];
        }
        for (; j < cols; j++) dot += w[j] * data[o + j];
      }
      const p = dot * scale + intercept;
      const eta = 1 / (alpha * (optimalInit + t - 1));
      const z = p * y[i];
      if (z <= 1) sumLoss += 1 - z;
      // The hinge's derivative is -y where z <= 1, else 0; the update is -eta times it.
      const update = z <= 1 ? eta * y[i] : 0;
      scale *= Math.max(0, 1 - eta * alpha);
      if (scale < SMALLEST_SCALE) {
        for (let j = 0; j < cols; j++) w[j] *= scale;
        beta *= scale;
        vBase = dotProduct(w, base);
        scale = 1;
      }
      if (update !== 0) {
        const step = update / scale;
        if (split !== null) {
          const to = start[i + 1];
          for (let p = start[i]; p < to; p++) w[index[p]] += value[p] * step;
          vBase += step * baseEntries[i];
          beta += step;
        } else {
          const o = i * cols;
          let j = 0;
          for (; j < whole; j += 4) {
            const at = o + j;
            w[j] += data[at] * step;
            w[j + 1] += data[at + 1] * step;
            w[j + 2] += data[at + 2] * step;
            w[j + 3] += data[at + 3] * step;
          }
          for (; j < cols; j++) w[j] += data[o + j] * step;
        }
        intercept += update;
      }
      t++;
    }
    if (!Number.isFinite(intercept) || !Number.isFinite(beta) || w.some((v) => !Number.isFinite(v))) {
      throw new RangeError(`floating-point overflow at epoch ${epoch}`);
    }
    vBase = dotProduct(w, base);
    stale = sumLoss > bestLoss - tol * rows ? stale + 1 : 0;
    if (sumLoss < bestLoss) bestLoss = sumLoss;
    if (stale >= EPOCHS_WITHOUT_IMPROVEMENT) break;
  }
  for (let j = 0; j < cols; j++) w[j] = (w[j] + beta * base[j]) * scale;
  return { weights: w, intercept, epochs: epoch };
}

/** Per row of the split: base . e_i. */
function rowProducts(split: BinaryColumns): Float64Array {
  const { rows, base, start, index, value } = split;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let p = start[i]; p < start[i + 1]; p++) s += base[index[p]] * value[p];
    out[i] = s;
  }
  return out;
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
  for (let i = 0; i + 1 < n; i++) {
    if (state === 0) state = 1;
    state = (state ^ (state << 13)) >>> 0;
    state = (state ^ (state >>> 17)) >>> 0;
    state = (state ^ (state << 5)) >>> 0;
    swaps[i] = i + ((state & 0x7fffffff) % (n - i));
  }
  return swaps;
}

function applySwaps(order: Uint32Array, swaps: Uint32Array): void {
  for (let i = 0; i < swaps.length; i++) {
    const j = swaps[i];
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
}
