import type { Matrix } from "../stats/matrix.js";
import { twoValuedColumns } from "../stats/twoValuedColumns.js";

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
 * O(entries) per row: the weights are kept as w = v + beta base, so that w += step x_i =
 * step (base + e_i) touches only e_i's entries of v and the scalar beta, and
 * w . x_i = v . base + v . e_i + beta (base . base + base . e_i), with v . base carried along
 * (recomputed every epoch, so that its rounding cannot drift) and base . e_i kept per row. On a
 * census-shaped fold that is 13 entries a row instead of 67. Those sums are grouped differently
 * from the dense ones, so the steps agree with them to rounding; without `split`, the products
 * are scikit-learn's WeightVector's, in column order, bit for bit. One loop with a branch on the
 * form rather than two copies of the schedule: the branch costs nothing measurable.
 */
export function hingeSgd(X: Matrix, split: RareColumns | null, y: Float64Array, seed: number, alpha: number, maxEpochs: number, tol: number): HingeProblem {
  const { rows, cols, data } = X;
  // Dense: the unscaled weights; split: v.
  const w = new Float64Array(cols);
  const numeric = split?.numeric ?? new Int32Array(0);
  const numericValues = split?.numericValues ?? new Float64Array(0);
  const start = split?.start ?? new Int32Array(0);
  const rare = split?.columns ?? new Int32Array(0);
  const delta = split?.delta ?? new Float64Array(0);
  const base = split?.base ?? new Float64Array(cols);
  const baseEntries = split?.baseEntries ?? new Float64Array(0);
  const numericCount = numeric.length;
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
        // Numeric columns, then the binary ones at their rarer value, each ascending.
        const o = i * numericCount;
        for (let q = 0; q < numericCount; q++) dot += w[numeric[q]] * numericValues[o + q];
        const to = start[i + 1];
        for (let p = start[i]; p < to; p++) dot += w[rare[p]] * delta[rare[p]];
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
          const o = i * numericCount;
          for (let q = 0; q < numericCount; q++) w[numeric[q]] += numericValues[o + q] * step;
          const to = start[i + 1];
          for (let p = start[i]; p < to; p++) w[rare[p]] += delta[rare[p]] * step;
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

/**
 * X = 1 base^T + E, kept small: E's numeric columns copied row by row (reading them from X, a
 * row's few cache lines each, took twice as long on a census-shaped fold), and of its binary
 * columns (binaryColumns.ts's rule: two values, base the more frequent) a row lists only those at
 * their rarer value, whose entry is delta_j = rare_j - base_j, the same for every row.
 */
export interface RareColumns {
  readonly numeric: Int32Array;
  /** rows x numeric.length: the numeric columns' values. */
  readonly numericValues: Float64Array;
  /** Row i's binary entries are columns[start[i]..start[i + 1] - 1], ascending. */
  readonly start: Int32Array;
  readonly columns: Int32Array;
  /** Per column: a binary column's more frequent value, 0 for a numeric one. */
  readonly base: Float64Array;
  /** Per column: rare - base for a binary column, 0 for a numeric one. */
  readonly delta: Float64Array;
  /** Per row: base . e_i. */
  readonly baseEntries: Float64Array;
}

/**
 * X's split for hingeSgd, or null when a row would keep half its values or more (the dense rows
 * are then as cheap) or X holds a value that is not finite.
 */
export function rareColumns(X: Matrix): RareColumns | null {
  const { rows, cols, data } = X;
  const two = twoValuedColumns(X, null, 1, cols / 2);
  if (two === null) return null;
  const { numeric, binary, groupBase: base, groupRare } = two;
  const delta = new Float64Array(cols);
  for (const j of binary) delta[j] = groupRare[j] - base[j];
  const start = new Int32Array(rows + 1);
  const columns = new Int32Array(Math.round((two.perRow - numeric.length) * rows));
  const baseEntries = new Float64Array(rows);
  const numericValues = new Float64Array(rows * numeric.length);
  let p = 0;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let q = 0; q < numeric.length; q++) numericValues[i * numeric.length + q] = data[o + numeric[q]];
    let s = 0;
    for (let q = 0; q < binary.length; q++) {
      const j = binary[q];
      if (data[o + j] === base[j]) continue;
      columns[p++] = j;
      s += base[j] * delta[j];
    }
    baseEntries[i] = s;
    start[i + 1] = p;
  }
  return { numeric, numericValues, start, columns, base, delta, baseEntries };
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
