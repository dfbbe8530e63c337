import { shuffleInPlace, type Rng } from "../stats/rng.js";

/**
 * The rows kept for cross-validation when --train-size < 1, stratified as scikit-learn's
 * train_test_split(stratify=y, train_size=f): the train size is floor(f * n), shared among
 * classes in proportion (scikit-learn's _approximate_mode: largest remainders first, computed
 * as count / n * nTrain in its order of operations; among classes of equal remainder, those that
 * get a spare row are drawn at random, as scikit-learn draws them), each class's rows drawn by a
 * seeded shuffle. Returned sorted, so downstream order never depends on the draw.
 */
export function stratifiedTrainSplit(
  y: Uint32Array,
  nClasses: number,
  trainSize: number,
  rng: Rng,
): Uint32Array {
  const n = y.length;
  if (trainSize >= 1) return Uint32Array.from({ length: n }, (_, i) => i);
  const nTrain = Math.floor(trainSize * n);
  const byClass: number[][] = Array.from({ length: nClasses }, () => []);
  for (let i = 0; i < n; i++) byClass[y[i]].push(i);
  const continuous = byClass.map((rows) => (rows.length / n) * nTrain);
  const quotas = continuous.map(Math.floor);
  let left = nTrain - quotas.reduce((a, b) => a + b, 0);
  const remainders = [...new Set(continuous.map((value, c) => value - quotas[c]))].sort((a, b) => b - a);
  for (const remainder of remainders) {
    if (left <= 0) break;
    const tied = Uint32Array.from(continuous.flatMap((value, c) => (value - quotas[c] === remainder ? [c] : [])));
    // Only a tie that leaves some classes without a spare row needs the draw.
    if (tied.length > left) shuffleInPlace(tied, rng);
    for (let t = 0; t < tied.length && left > 0; t++) {
      quotas[tied[t]]++;
      left--;
    }
  }
  const train: number[] = [];
  byClass.forEach((rows, c) => {
    const shuffled = shuffleInPlace(Uint32Array.from(rows), rng);
    for (let m = 0; m < quotas[c]; m++) train.push(shuffled[m]);
  });
  return Uint32Array.from(train).sort();
}
