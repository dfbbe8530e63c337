import { shuffleInPlace, type Rng } from "../stats/rng.js";

/**
 * The rows kept for cross-validation when --train-size < 1, stratified as scikit-learn's
 * train_test_split(stratify=y, train_size=f): the train size is floor(f * n), shared among
 * classes in proportion (largest remainders first, ties to the lower class), each class's rows
 * drawn by a seeded shuffle. Returned sorted, so downstream order never depends on the draw.
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
  const quotas = byClass.map((rows) => Math.floor((rows.length * nTrain) / n));
  let left = nTrain - quotas.reduce((a, b) => a + b, 0);
  const order = byClass
    .map((rows, c) => ({ c, remainder: (rows.length * nTrain) / n - quotas[c] }))
    .sort((a, b) => b.remainder - a.remainder || a.c - b.c);
  for (const { c } of order) {
    if (left === 0) break;
    if (quotas[c] < byClass[c].length) {
      quotas[c]++;
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
