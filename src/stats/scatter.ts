import { denseScatter } from "./gram.js";
import type { Matrix } from "./matrix.js";
import { groupRows } from "./groupRows.js";
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
