import type { Matrix } from "./matrix.js";
import { ROW_BLOCK } from "./rowBlocks.js";

/**
 * Per group g (the row's `group` entry; one group of every row when null), the sum of its rows,
 * groups x cols, each sum in row order (as `sums[g][j] += x[i][j]` over the rows would take it),
 * by blocks of rows (rowBlocks.ts). A class's or the table's mean is this over its count.
 */
export function groupSums(X: Matrix, group: Uint32Array | null, groups: number): Float64Array {
  if (group !== null && group.length !== X.rows) throw new RangeError(`${group.length} groups for ${X.rows} rows`);
  const sums = new Float64Array(groups * X.cols);
  for (let from = 0; from < X.rows; from += ROW_BLOCK) addRows(X, group, groups, from, Math.min(X.rows, from + ROW_BLOCK), sums);
  return sums;
}

function addRows(X: Matrix, group: Uint32Array | null, groups: number, from: number, to: number, sums: Float64Array): void {
  const { cols, data } = X;
  for (let i = from; i < to; i++) {
    const g = group === null ? 0 : group[i];
    if (g >= groups) throw new RangeError(`group ${g} of ${groups} at row ${i}`);
    const so = g * cols;
    const o = i * cols;
    for (let j = 0; j < cols; j++) sums[so + j] += data[o + j];
  }
}
