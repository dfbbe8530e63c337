import { shuffleInPlace, type Rng } from "../stats/rng.js";
import { foldsFromAssignment, type Fold } from "./fold.js";

/**
 * Stratified k-fold over `rows` (indices into y), as scikit-learn's StratifiedKFold(shuffle=True):
 * fold sizes per class come from dealing the class-sorted labels round-robin over the folds, so
 * every fold's class mix is as even as integers allow; which rows of a class land in which fold
 * is then shuffled with rng. Every row is in exactly one test fold.
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
  for (const i of rows) perClass[y[i]]++;
  // allocation[f * nClasses + c]: rows of class c in fold f, from dealing sorted labels.
  const allocation = new Uint32Array(k * nClasses);
  let position = 0;
  for (let c = 0; c < nClasses; c++) {
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
