/** One cross-validation split: row indices (into the table) to fit on and to score on. */
export interface Fold {
  readonly train: Uint32Array;
  readonly test: Uint32Array;
}

/** Turns a fold number per row into folds; fold numbers run 0..count-1. */
export function foldsFromAssignment(rows: Uint32Array, assignment: Uint32Array, count: number): Fold[] {
  const sizes = new Uint32Array(count);
  for (const f of assignment) sizes[f]++;
  const folds: Fold[] = [];
  for (let f = 0; f < count; f++) {
    const test = new Uint32Array(sizes[f]);
    const train = new Uint32Array(rows.length - sizes[f]);
    let t = 0;
    let r = 0;
    for (let i = 0; i < rows.length; i++) {
      if (assignment[i] === f) test[t++] = rows[i];
      else train[r++] = rows[i];
    }
    folds.push({ train, test });
  }
  return folds;
}

/** Rows per class among the given rows. */
export function classCounts(y: Uint32Array, rows: Uint32Array, nClasses: number): Uint32Array {
  const counts = new Uint32Array(nClasses);
  for (const i of rows) counts[y[i]]++;
  return counts;
}
