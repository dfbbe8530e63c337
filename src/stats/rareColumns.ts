import { levelEntries, offBaseEntries, type LevelEntries } from "./levelEntries.js";
import type { Matrix } from "./matrix.js";
import { ROW_BLOCK } from "./rowBlocks.js";
import { twoValuedColumns } from "./twoValuedColumns.js";

/**
 * A matrix seen as a base row plus sparse rows, X = 1 base^T + E, kept small and in the order hot
 * loops read it (hingeSgd's epochs, the logistic and Huber objectives' passes, kNN's pattern
 * trie). A column taking at most two distinct values (a z-scored one-hot or 0/1 column) is
 * "binary", its base its more frequent value (the value seen first on a tie); every other column
 * is "numeric", base 0. The columns are renumbered by position, numeric ones first, each group
 * ascending, so that a row's numeric values sit in one short record beside base . e_i, and of its
 * binary columns a row lists only the positions at their rarer value, whose entry is
 * delta = rare - base, the same for every row: on one-hot-heavy tables a handful of entries a
 * row instead of dozens. Any two-valued column counts, whatever made it; the columns of X's
 * one-hot blocks are known to be, and their entries come from the rows' levels. Fewer arrays in
 * the loop matter: with a separate index array for the numeric columns and one for base . e_i,
 * V8 ran out of registers and the SGD's epoch took a quarter longer.
 */
export interface RareColumns {
  /** The column at each position: the numeric columns, then the binary ones, each ascending. */
  readonly column: Int32Array;
  readonly numericCount: number;
  /** rows x (1 + numericCount): per row, base . e_i, then its numeric columns' values. */
  readonly rowValues: Float64Array;
  /** Row i's binary entries are the positions entries[start[i]..start[i + 1] - 1], ascending. */
  readonly start: Int32Array;
  readonly entries: Int32Array;
  /** By position: a binary column's more frequent value, 0 for a numeric one. */
  readonly base: Float64Array;
  /** By position: rare - base for a binary column, 0 for a numeric one. */
  readonly delta: Float64Array;
  /** By position: a binary column's rarer value (its base if it is constant), NaN for a numeric one. */
  readonly rare: Float64Array;
  /** base . base. */
  readonly baseBase: number;
}

/**
 * X's split, or null when a row would keep half its values or more (the dense rows are then as
 * cheap) or X holds a value that is not finite.
 */
export function rareColumns(X: Matrix): RareColumns | null {
  const { rows, cols } = X;
  const two = twoValuedColumns(X, null, 1, cols / 2);
  if (two === null) return null;
  const { numeric, binary, groupBase, groupRare } = two;
  const numericCount = numeric.length;
  const column = Int32Array.from([...numeric, ...binary]);
  const base = Float64Array.from(column, (j) => groupBase[j]);
  const delta = Float64Array.from(column, (j, at) => (at < numericCount ? 0 : groupRare[j] - groupBase[j]));
  const rare = Float64Array.from(column, (j) => groupRare[j]);
  const start = new Int32Array(rows + 1);
  const entries = new Int32Array(two.entries - numericCount * rows);
  const width = 1 + numericCount;
  const rowValues = new Float64Array(rows * width);
  const split = { column, numericCount, rowValues, start, entries, base, delta, rare, baseBase: base.reduce((sum, v) => sum + v * v, 0) };
  let filled = 0;
  if (X.oneHot === undefined || X.oneHot.length === 0) {
    for (let from = 0; from < rows; from += ROW_BLOCK) filled = fillRows(X, split, from, Math.min(rows, from + ROW_BLOCK), filled);
    return split;
  }
  const segments = levelEntries(X, X.oneHot, binary, groupBase, 1);
  for (let from = 0; from < rows; from += ROW_BLOCK) filled = fillRowsByLevel(X, split, segments, from, Math.min(rows, from + ROW_BLOCK), filled);
  return split;
}

/** Writes rows from..to - 1 of the split, their binary entries from entries[filled]; returns the entries written so far. */
function fillRows(X: Matrix, split: RareColumns, from: number, to: number, filled: number): number {
  const { cols, data } = X;
  const { column, numericCount, rowValues, start, entries, base, delta } = split;
  const width = 1 + numericCount;
  let p = filled;
  for (let i = from; i < to; i++) {
    const o = i * cols;
    for (let q = 0; q < numericCount; q++) rowValues[i * width + 1 + q] = data[o + column[q]];
    let s = 0;
    for (let at = numericCount; at < cols; at++) {
      if (data[o + column[at]] === base[at]) continue;
      entries[p++] = at;
      s += base[at] * delta[at];
    }
    rowValues[i * width] = s;
    start[i + 1] = p;
  }
  return p;
}

/** fillRows for a matrix with one-hot blocks: the same entries, a block's found from the row's level (levelEntries.ts). */
function fillRowsByLevel(X: Matrix, split: RareColumns, segments: LevelEntries, from: number, to: number, filled: number): number {
  const { cols, data } = X;
  const { column, numericCount, rowValues, start, entries, base, delta } = split;
  const width = 1 + numericCount;
  let p = filled;
  for (let i = from; i < to; i++) {
    const o = i * cols;
    for (let q = 0; q < numericCount; q++) rowValues[i * width + 1 + q] = data[o + column[q]];
    const rowStart = p;
    // A binary column's position is numericCount + its index among the binary columns.
    p = offBaseEntries(segments, i, 0, numericCount, entries, p);
    let s = 0;
    for (let e = rowStart; e < p; e++) s += base[entries[e]] * delta[entries[e]];
    rowValues[i * width] = s;
    start[i + 1] = p;
  }
  return p;
}

/**
 * Rows 0, stride, 2 stride, ... of a split, as a split of those rows (the positions, bases and
 * deltas kept: a column two-valued over all rows is so over any of them, and listing a numeric
 * column that happens to be two-valued in the sample is still exact).
 */
export function everyNthRow(split: RareColumns, stride: number): RareColumns {
  const { column, numericCount, base, delta, rare, baseBase } = split;
  const sampledStart = sampledStarts(split.start, stride);
  const sampledEntries = new Int32Array(sampledStart[sampledStart.length - 1]);
  const sampledValues = new Float64Array((sampledStart.length - 1) * (1 + numericCount));
  copySampledRows(split, stride, sampledStart, sampledEntries, sampledValues);
  // Written out as rareColumns' literal, in its order, so that both have one map: a spread of
  // the split had another, and the objective's passes, holding either, were compiled again.
  return { column, numericCount, rowValues: sampledValues, start: sampledStart, entries: sampledEntries, base, delta, rare, baseBase };
}

/**
 * The sampled rows' entry offsets. Each loop over the rows is a function of its own, ending with
 * its loop: V8 compiles a long loop met in a first call on the stack, and threw that code away
 * where it reached code after the loop that had not run yet.
 */
function sampledStarts(start: Int32Array, stride: number): Int32Array {
  const sampled = Math.ceil((start.length - 1) / stride);
  const sampledStart = new Int32Array(sampled + 1);
  for (let s = 0; s < sampled; s++) sampledStart[s + 1] = sampledStart[s] + start[s * stride + 1] - start[s * stride];
  return sampledStart;
}

function copySampledRows(split: RareColumns, stride: number, sampledStart: Int32Array, sampledEntries: Int32Array, sampledValues: Float64Array): void {
  const { numericCount, rowValues, start, entries } = split;
  const width = 1 + numericCount;
  for (let s = 0; s < sampledStart.length - 1; s++) {
    const i = s * stride;
    sampledEntries.set(entries.subarray(start[i], start[i + 1]), sampledStart[s]);
    sampledValues.set(rowValues.subarray(i * width, (i + 1) * width), s * width);
  }
}
