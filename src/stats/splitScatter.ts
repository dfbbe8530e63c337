import type { Matrix } from "./matrix.js";
import { ROW_BLOCK } from "./rowBlocks.js";
import { twoValuedColumns } from "./twoValuedColumns.js";

/**
 * Per group g, the scatter matrix sum over g's rows of (x - shift_g)(x - shift_g)^T (full and
 * symmetric, groups x cols x cols in all), in O(cols + entries^2) per row instead of O(cols^2),
 * when X is one-hot heavy; null when that would not pay (SCATTERED_COST) or X holds a value
 * that is not finite.
 *
 * The split form of binaryColumns.ts, per group: a column taking at most two values over X is
 * "binary", and within group g it is written as g's more frequent value b_gj plus an entry
 * x_j - b_gj on the rows at the other value; every other column is "numeric" and always an entry,
 * x_j - shift_gj. So, shifted, a row of g is c + e with c_j = b_gj - shift_gj for a binary column
 * and 0 for a numeric one, and the scatter is
 *   m c c^T + c s^T + s c^T + sum over rows of e e^T     (m rows, s their sum of e),
 * the last term from each row's entries pairwise. Why per group and not one base for X: with the
 * group's own majority as b_gj, an entry marks at most half of g's rows, so every term above is
 * at most about twice the result and rounding stays at a few ulps of it; with X's majority, a
 * level that nearly every row of a class holds (common when the class is what it predicts)
 * would cancel m c^2 against 2 c s and lose a digit per factor 10 of its frequency. Numeric
 * columns are centred row by row, as the dense sums centre them, so their block is the in-order
 * sum of the same products, bit for bit; the rest agrees with denseScatter to rounding only.
 */
export function splitScatters(X: Matrix, group: Uint32Array | null, groups: number, shifts: Float64Array | null): Float64Array | null {
  const { rows, cols: p } = X;
  if (group !== null && group.length !== rows) throw new RangeError(`${group.length} groups for ${rows} rows`);
  if (shifts !== null && shifts.length !== groups * p) throw new RangeError(`${shifts.length} shifts for ${groups} x ${p}`);
  if (rows === 0 || p === 0) return null;
  const columns = twoValuedColumns(X, group, groups, p / Math.sqrt(SCATTERED_COST));
  if (columns === null) return null;
  const { numeric, binary, groupBase, counts } = columns;
  const pp = p * p;
  // Numeric entries first, then binary ones, each ascending: in the order of `position` a row's
  // entries ascend, so each row fills the lower triangle of the permuted matrix without a test
  // per pair; it is put back in column order at the end.
  const position = new Int32Array(p);
  numeric.forEach((j, at) => (position[j] = at));
  binary.forEach((j, at) => (position[j] = numeric.length + at));
  const permuted = new Float64Array(groups * pp);
  const sums = new Float64Array(groups * p);
  const accumulator: Accumulator = { X, group, shifts, numeric, binary, groupBase, permuted, sums, entryValue: new Float64Array(p), entryPosition: new Int32Array(p) };
  for (let at = 0; at < numeric.length; at++) accumulator.entryPosition[at] = at;
  for (let from = 0; from < rows; from += ROW_BLOCK) accumulateRows(accumulator, from, Math.min(rows, from + ROW_BLOCK));
  const out = new Float64Array(groups * pp);
  const c = new Float64Array(p);
  for (let g = 0; g < groups; g++) {
    const so = g * p;
    const go = g * pp;
    for (const j of binary) c[j] = shifts === null ? groupBase[so + j] : groupBase[so + j] - shifts[so + j];
    const m = counts[g];
    for (let j = 0; j < p; j++) {
      const pj = position[j];
      for (let l = 0; l <= j; l++) {
        const pl = position[l];
        const products = pj >= pl ? permuted[go + pj * p + pl] : permuted[go + pl * p + pj];
        const v = products + c[j] * sums[so + l] + sums[so + j] * c[l] + m * c[j] * c[l];
        out[go + j * p + l] = v;
        out[go + l * p + j] = v;
      }
    }
  }
  return out;
}

interface Accumulator {
  readonly X: Matrix;
  readonly group: Uint32Array | null;
  readonly shifts: Float64Array | null;
  readonly numeric: Int32Array;
  readonly binary: Int32Array;
  readonly groupBase: Float64Array;
  /** groups x cols x cols, by position: the products of the rows' entries, lower triangle. */
  readonly permuted: Float64Array;
  /** groups x cols: the rows' entries summed. */
  readonly sums: Float64Array;
  /** One row's entries and their positions, numeric ones first (positions 0.. fixed). */
  readonly entryValue: Float64Array;
  readonly entryPosition: Int32Array;
}

/** Adds rows from..to - 1 to their groups' products and sums. */
function accumulateRows(accumulator: Accumulator, from: number, to: number): void {
  const { X, group, shifts, numeric, binary, groupBase, permuted, sums, entryValue, entryPosition } = accumulator;
  const { cols: p, data } = X;
  const pp = p * p;
  const numericCount = numeric.length;
  const binaryCount = binary.length;
  for (let i = from; i < to; i++) {
    const g = group === null ? 0 : group[i];
    const o = i * p;
    const so = g * p;
    for (let at = 0; at < numericCount; at++) {
      const j = numeric[at];
      const v = shifts === null ? data[o + j] : data[o + j] - shifts[so + j];
      entryValue[at] = v;
      sums[so + j] += v;
    }
    let n = numericCount;
    for (let at = 0; at < binaryCount; at++) {
      const j = binary[at];
      const x = data[o + j];
      if (x === groupBase[so + j]) continue;
      const v = x - groupBase[so + j];
      entryValue[n] = v;
      entryPosition[n++] = numericCount + at;
      sums[so + j] += v;
    }
    const go = g * pp;
    for (let a = 0; a < n; a++) {
      const va = entryValue[a];
      const row = go + entryPosition[a] * p;
      for (let b = 0; b <= a; b++) permuted[row + entryPosition[b]] += va * entryValue[b];
    }
  }
}

/**
 * What a product costs scattered into the triangle against one formed in a dense tile (about 5
 * on the census-shaped fold: 5-6 ms for 13 entries a row against 23 ms for 67 columns), so the
 * split pays while its entries a row, squared, times this stay below cols squared.
 */
const SCATTERED_COST = 5;
