import type { Matrix } from "./matrix.js";
import { groupRows } from "./groupRows.js";
import { ROW_BLOCK, rowsPerCall } from "./rowBlocks.js";

/**
 * Per group g (the row's `group` entry; one group of every row when null), the sum of its rows,
 * groups x cols, each sum in row order (as `sums[g][j] += x[i][j]` over the rows would take it).
 * A class's or the table's mean is this over its count. A fit sums its rows once: a few rows a
 * call (rowBlocks.ts's CALL_STEPS), and those calls ROW_BLOCK rows a call of addRowBlock, since
 * one loop of a call per few rows (2,930 on a census-shaped fold of 67 columns) was itself long
 * enough to be compiled on the stack. Group by group, each group's rows listed first.
 */
export function groupSums(X: Matrix, group: Uint32Array | null, groups: number): Float64Array {
  const { rows, cols, data } = X;
  if (group !== null && group.length !== rows) throw new RangeError(`${group.length} groups for ${rows} rows`);
  const sums = new Float64Array(groups * cols);
  // Each group's rows listed (groupRows.ts), so that its sums take them four at a time in order.
  const lists = groupRows(group, groups, rows);
  lists.forEach((list, g) => {
    const count = list === null ? rows : list.length;
    const at = sums.subarray(g * cols, (g + 1) * cols);
    for (let from = 0; from < count; from += ROW_BLOCK) addRowBlock(data, cols, list, from, Math.min(count, from + ROW_BLOCK), at);
  });
  return sums;
}

function addRowBlock(data: Float64Array, cols: number, list: Uint32Array | null, from: number, to: number, sums: Float64Array): void {
  for (let k = from, step = 4 * rowsPerCall(4 * cols); k < to; k += step) addRows(data, cols, list, k, Math.min(to, k + step), sums);
}

/**
 * The rows at positions from..to - 1 of the list (of every row when null) into sums: four rows at
 * a time, each column's sum kept in a register across them, the same additions in the same order
 * (a census-shaped fold's 22,793 x 67 sums 2.1 to 1.1 ms).
 */
function addRows(data: Float64Array, cols: number, list: Uint32Array | null, from: number, to: number, sums: Float64Array): void {
  let k = from;
  for (; k + 4 <= to; k += 4) {
    const o0 = (list === null ? k : list[k]) * cols;
    const o1 = (list === null ? k + 1 : list[k + 1]) * cols;
    const o2 = (list === null ? k + 2 : list[k + 2]) * cols;
    const o3 = (list === null ? k + 3 : list[k + 3]) * cols;
    for (let j = 0; j < cols; j++) {
      let s = sums[j];
      s += data[o0 + j];
      s += data[o1 + j];
      s += data[o2 + j];
      s += data[o3 + j];
      sums[j] = s;
    }
  }
  for (; k < to; k++) {
    const o = (list === null ? k : list[k]) * cols;
    for (let j = 0; j < cols; j++) sums[j] += data[o + j];
  }
}
