import { shuffleInPlace, type Rng } from "../stats/rng.js";
import { foldsFromAssignment, type Fold } from "./fold.js";

/**
 * Stratified k-fold over `rows` (indices into y), as scikit-learn's StratifiedKFold(shuffle=True):
 * fold sizes per class come from dealing the labels round-robin over the folds, sorted by each
 * class's first appearance in `rows` (scikit-learn 1.2 encodes classes in that order before it
 * deals, so the class dealt first takes its remainder rows in the first folds), so every fold's
 * class mix is as even as integers allow; which rows of a class land in which fold is then
 * shuffled with rng. Every row is in exactly one test fold.
 */
export function stratifiedKFold(
  y: Uint32Array,
  rows: Uint32Array,
  nClasses: number,
  k: number,
  rng: Rng,
): Fold[] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`folds must be an integer >= 2, got ${k}`);
  if (rows.length < k) throw new RangeError(`cannot make ${k} folds from ${rows.length} rows`);
  const perClass = new Uint32Array(nClasses);
  const appearance: number[] = [];
  for (const i of rows) if (perClass[y[i]]++ === 0) appearance.push(y[i]);
  // allocation[f * nClasses + c]: rows of class c in fold f, from dealing the labels in order of appearance.
  const allocation = new Uint32Array(k * nClasses);
  let position = 0;
  for (const c of appearance) {
    for (let m = 0; m < perClass[c]; m++, position++) allocation[(position % k) * nClasses + c]++;
  }
  const assignment = new Uint32Array(rows.length);
  const next = new Uint32Array(nClasses);
  const labelsOfClass: Uint32Array[] = [];
  for (let c = 0; c < nClasses; c++) {
    const labels = new Uint32Array(perClass[c]);
    let p = 0;
    for (let f = 0; f < k; f++) for (let m = 0; m < allocation[f * nClasses + c]; m++) labels[p++] = f;
    labelsOfClass.push(shuffleInPlace(labels, rng));
  }
  for (let r = 0; r < rows.length; r++) {
    const c = y[rows[r]];
    assignment[r] = labelsOfClass[c][next[c]++];
  }
  return foldsFromAssignment(rows, assignment, k);
}
