import { denseScatter } from "./gram.js";
import type { Matrix } from "./matrix.js";
import { rowsPerCall } from "./rowBlocks.js";
import { splitScatters } from "./splitScatter.js";

/**
 * Per group g (0..groups-1, the row's `group` entry; one group of every row when null), the
 * scatter matrix sum over g's rows of (x - shift_g)(x - shift_g)^T, full and symmetric, as
 * groups x cols x cols (row-major); `shifts` is groups x cols, zeros when null. The one kernel
 * behind the Gram matrices of the ridge models, the discriminant analyses and Bayesian ridge.
 * On one-hot-heavy matrices it runs on their split form (splitScatters, equal to rounding), else
 * densely by tiles (denseScatter, the in-order sums bit for bit).
 */
export function groupScatters(X: Matrix, group: Uint32Array | null, groups: number, shifts: Float64Array | null): Float64Array {
  const { rows, cols } = X;
  if (group !== null && group.length !== rows) throw new RangeError(`${group.length} groups for ${rows} rows`);
  if (shifts !== null && shifts.length !== groups * cols) throw new RangeError(`${shifts.length} shifts for ${groups} x ${cols}`);
  const split = splitScatters(X, group, groups, shifts);
  if (split !== null) return split;
  const out = new Float64Array(groups * cols * cols);
  groupRows(group, groups, rows).forEach((rowList, g) => {
    const shift = shifts === null ? null : shifts.subarray(g * cols, (g + 1) * cols);
    out.set(denseScatter(X, rowList, shift), g * cols * cols);
  });
  return out;
}

/** Each group's rows, ascending; null (every row) for a single group of all rows. Both passes a few rows a call (rowBlocks.ts's CALL_STEPS). */
function groupRows(group: Uint32Array | null, groups: number, rows: number): (Uint32Array | null)[] {
  if (group === null) return Array.from({ length: groups }, (_, g) => (g === 0 ? null : new Uint32Array(0)));
  const counts = new Uint32Array(groups);
  const step = rowsPerCall(1);
  for (let from = 0; from < rows; from += step) countGroups(group, groups, from, Math.min(rows, from + step), counts);
  const lists = Array.from(counts, (n) => new Uint32Array(n));
  const filled = new Uint32Array(groups);
  for (let from = 0; from < rows; from += step) listGroups(group, from, Math.min(rows, from + step), lists, filled);
  return lists;
}

function countGroups(group: Uint32Array, groups: number, from: number, to: number, counts: Uint32Array): void {
  for (let i = from; i < to; i++) {
    if (group[i] >= groups) throw new RangeError(`group ${group[i]} of ${groups} at row ${i}`);
    counts[group[i]]++;
  }
}

function listGroups(group: Uint32Array, from: number, to: number, lists: readonly Uint32Array[], filled: Uint32Array): void {
  for (let i = from; i < to; i++) lists[group[i]][filled[group[i]]++] = i;
}
