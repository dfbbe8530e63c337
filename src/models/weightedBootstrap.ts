import type { Rng } from "../stats/rng.js";

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
  let running = 0;
  for (let i = 0; i < n; i++) {
    const w = weight[i];
    if (!(w >= 0 && Number.isFinite(w))) throw new RangeError(`weight ${i} is ${w}: bootstrap weights must be finite and >= 0`);
    running += w;
    cdf[i] = running;
  }
  if (!(running > 0)) throw new RangeError("bootstrap weights sum to 0");
  for (let i = 0; i < n; i++) cdf[i] /= running;
  counts.fill(0);
  for (let d = 0; d < n; d++) {
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
