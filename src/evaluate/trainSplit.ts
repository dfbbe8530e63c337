import { shuffleInPlace, type Rng } from "../stats/rng.js";

/**
 * The rows kept for cross-validation when --train-size < 1, as scikit-learn's
 * train_test_split(train_size=f) without stratification: floor(f * n) rows drawn by a seeded
 * shuffle. Returned sorted, so downstream order never depends on the draw.
 */
export function trainSplit(n: number, trainSize: number, rng: Rng): Uint32Array {
  const all = Uint32Array.from({ length: n }, (_, i) => i);
  if (trainSize >= 1) return all;
  return shuffleInPlace(all, rng).slice(0, Math.floor(trainSize * n)).sort();
}
