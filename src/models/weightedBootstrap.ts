import type { Rng } from "../stats/rng.js";
import { rowsPerCall } from "../stats/rowBlocks.js";

/**
 * A weighted bootstrap of n rows from n, kept as per-row draw counts in `counts`: NumPy's
 * RandomState.choice(n, size=n, replace=True, p=weight), which scikit-learn's AdaBoostRegressor
 * draws every round. As there, the cumulative weights are divided by their total and each uniform
 * draw u picks the first row whose cumulative share exceeds u (searchsorted, side="right"), so a
 * row of weight 0 is never drawn. `cdf` is scratch of length n.
 */
export function weightedBootstrap(weight: Float64Array, rng: Rng, counts: Float64Array, cdf: Float64Array): void {
  const n = weight.length;
  if (counts.length !== n || cdf.length !== n) throw new RangeError(`${n} weights but ${counts.length} counts and ${cdf.length} scratch values`);
  // Each pass, once per boosting round, a block of rows per call (rowBlocks.ts's CALL_STEPS).
  const step = rowsPerCall(1);
  let running = 0;
  for (let from = 0; from < n; from += step) running = cumulativeRange(weight, from, Math.min(n, from + step), cdf, running);
  if (!(running > 0)) throw new RangeError("bootstrap weights sum to 0");
  for (let from = 0; from < n; from += step) divideRange(cdf, from, Math.min(n, from + step), running);
  counts.fill(0);
  // A draw's binary search takes about log2(n) steps.
  drawRange(cdf, rng, n, rowsPerCall(Math.ceil(Math.log2(n + 1))), counts);
}

/** The running sum of weights [from, to) after `runningBefore`, into cdf; returns the sum after them. */
function cumulativeRange(weight: Float64Array, from: number, to: number, cdf: Float64Array, runningBefore: number): number {
  let running = runningBefore;
  for (let i = from; i < to; i++) {
    const w = weight[i];
    if (!(w >= 0 && Number.isFinite(w))) throw new RangeError(`weight ${i} is ${w}: bootstrap weights must be finite and >= 0`);
    running += w;
    cdf[i] = running;
  }
  return running;
}

function divideRange(cdf: Float64Array, from: number, to: number, total: number): void {
  for (let i = from; i < to; i++) cdf[i] /= total;
}

/** `draws` draws from the cdf, counted into counts, halved down to `most` draws a call (a loop over blocks of a few draws would itself run long). */
function drawRange(cdf: Float64Array, rng: Rng, draws: number, most: number, counts: Float64Array): void {
  if (draws > most) {
    const half = draws >>> 1;
    drawRange(cdf, rng, half, most, counts);
    drawRange(cdf, rng, draws - half, most, counts);
    return;
  }
  const n = cdf.length;
  for (let d = 0; d < draws; d++) {
    const u = rng.next();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]++;
  }
}
