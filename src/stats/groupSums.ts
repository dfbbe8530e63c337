import type { Matrix } from "./matrix.js";
import { ROW_BLOCK, rowsPerCall } from "./rowBlocks.js";

/**
 * Per group g (the row's `group` entry; one group of every row when null), the sum of its rows,
 * groups x cols, each sum in row order (as `sums[g][j] += x[i][j]` over the rows would take it).
 * A class's or the table's mean is this over its count. A fit sums its rows once: a few rows a
 * call (rowBlocks.ts's CALL_STEPS), and those calls ROW_BLOCK rows a call of addRowBlock, since
 * one loop of a call per few rows (2,930 on a census-shaped fold of 67 columns) was itself long
 * enough to be compiled on the stack.
 */
export function groupSums(X: Matrix, group: Uint32Array | null, groups: number): Float64Array {
  const { rows, cols, data } = X;
  if (group !== null && group.length !== rows) throw new RangeError(`${group.length} groups for ${rows} rows`);
  const sums = new Float64Array(groups * cols);
  for (let from = 0; from < rows; from += ROW_BLOCK) addRowBlock(data, cols, group, groups, from, Math.min(rows, from + ROW_BLOCK), sums);
  return sums;
}

function addRowBlock(data: Float64Array, cols: number, group: Uint32Array | null, groups: number, from: number, to: number, sums: Float64Array): void {
  for (let i = from, step = rowsPerCall(cols); i < to; i += step) addRows(data, cols, group, groups, i, Math.min(to, i + step), sums);
}

function addRows(data: Float64Array, cols: number, group: Uint32Array | null, groups: number, from: number, to: number, sums: Float64Array): void {
  for (let i = from; i < to; i++) {
    const g = group === null ? 0 : group[i];
    if (g >= groups) throw new RangeError(`group ${g} of ${groups} at row ${i}`);
    const so = g * cols;
    const o = i * cols;
    for (let j = 0; j < cols; j++) sums[so + j] += data[o + j];
  }
}
