/** One cross-validation split: row indices (into the table) to fit on and to score on. */
export interface Fold {
  readonly train: Uint32Array;
  readonly test: Uint32Array;
}

/** Turns a fold number per row into folds; fold numbers run 0..count-1. */
export function foldsFromAssignment(rows: Uint32Array, assignment: Uint32Array, count: number): Fold[] {
  const sizes = foldSizes(assignment, count);
  const folds: Fold[] = [];
  for (let f = 0; f < count; f++) {
    const test = new Uint32Array(sizes[f]);
    const train = new Uint32Array(rows.length - sizes[f]);
    foldRows(rows, assignment, f, train, test);
    folds.push({ train, test });
  }
  return folds;
}

/*
 * The loops over the rows are functions of their own, each ending with its loop: V8 compiles a
 * long loop met in a first call on the stack, and threw that code away where it reached code
 * after the loop that had not run yet (foldsFromAssignment was compiled four times a table).
 */

function foldSizes(assignment: Uint32Array, count: number): Uint32Array {
  const sizes = new Uint32Array(count);
  for (let i = 0; i < assignment.length; i++) sizes[assignment[i]]++;
  return sizes;
}

/** Rows of fold f into test, the others into train, in row order. */
function foldRows(rows: Uint32Array, assignment: Uint32Array, f: number, train: Uint32Array, test: Uint32Array): void {
  let t = 0;
  let r = 0;
  for (let i = 0; i < rows.length; i++) {
    if (assignment[i] === f) test[t++] = rows[i];
    else train[r++] = rows[i];
  }
}

/** Rows per class among the given rows. */
export function classCounts(y: Uint32Array, rows: Uint32Array, nClasses: number): Uint32Array {
  const counts = new Uint32Array(nClasses);
  for (const i of rows) counts[y[i]]++;
  return counts;
}
