import { shuffleInPlace, type Rng } from "../stats/rng.js";
import { foldsFromAssignment, type Fold } from "./fold.js";

/**
 * Shuffled k-fold over `rows`, as scikit-learn's KFold(shuffle=True): the first n % k folds hold
 * floor(n / k) + 1 rows, the others floor(n / k); which rows land in which fold is drawn with rng.
 * Every row is in exactly one test fold. For targets without classes (regression).
 */
export function kFold(rows: Uint32Array, k: number, rng: Rng): Fold[] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`folds must be an integer >= 2, got ${k}`);
  if (rows.length < k) throw new RangeError(`cannot make ${k} folds from ${rows.length} rows`);
  const n = rows.length;
  const labels = new Uint32Array(n);
  const base = Math.floor(n / k);
  const larger = n % k;
  let position = 0;
  for (let f = 0; f < k; f++) {
    const size = base + (f < larger ? 1 : 0);
    labels.fill(f, position, position + size);
    position += size;
  }
  return foldsFromAssignment(rows, shuffleInPlace(labels, rng), k);
}
