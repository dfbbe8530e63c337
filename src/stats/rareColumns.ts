import { levelEntries, offBaseRows } from "./levelEntries.js";
import type { Matrix } from "./matrix.js";
import { rowsPerCall } from "./rowBlocks.js";
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
 *
 * The loops that read a split take its arrays and numbers as arguments, not the record: a record
 * made by an object literal changes its map's fields when the literal runs a second time (in the
 * next fit), and V8 threw away the code compiled against the first (the SGD's splitPass, compiled
 * in a child's first fold, was compiled again, on the stack, in its second). The same holds for
 * the other records these loops read (LevelEntries, the schedule of an SGD).
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
  const { rows, cols, data } = X;
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
  if (X.oneHot === undefined || X.oneHot.length === 0) {
    let filled = 0;
    for (let from = 0, step = rowsPerCall(cols); from < rows; from += step) filled = fillRows(data, cols, column, numericCount, base, delta, from, Math.min(rows, from + step), filled, rowValues, start, entries);
    return split;
  }
  // A binary column's position is numericCount + its index among the binary columns.
  offBaseRows(levelEntries(X, X.oneHot, binary, groupBase, 1), 0, numericCount, rows, entries, start);
  const step = rowsPerCall(two.perRow);
  for (let from = 0; from < rows; from += step) fillRowValues(data, cols, column, numericCount, base, delta, from, Math.min(rows, from + step), start, entries, rowValues);
  return split;
}

/**
 * Writes rows from..to - 1 of the split, their binary entries from entries[filled]; returns the
 * entries written so far. A few hundred values a call (rowBlocks.ts's CALL_STEPS), as each loop
 * over the rows here: a fit runs them once.
 */
function fillRows(
  data: Float64Array,
  cols: number,
  column: Int32Array,
  numericCount: number,
  base: Float64Array,
  delta: Float64Array,
  from: number,
  to: number,
  filled: number,
  rowValues: Float64Array,
  start: Int32Array,
  entries: Int32Array,
): number {
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

/**
 * For a matrix with one-hot blocks, whose rows' entries (start, entries) offBaseRows found from
 * their levels: rows from..to - 1's values in rowValues, as fillRows writes them.
 */
function fillRowValues(
  data: Float64Array,
  cols: number,
  column: Int32Array,
  numericCount: number,
  base: Float64Array,
  delta: Float64Array,
  from: number,
  to: number,
  start: Int32Array,
  entries: Int32Array,
  rowValues: Float64Array,
): void {
  const width = 1 + numericCount;
  for (let i = from; i < to; i++) {
    const o = i * cols;
    for (let q = 0; q < numericCount; q++) rowValues[i * width + 1 + q] = data[o + column[q]];
    let s = 0;
    for (let e = start[i]; e < start[i + 1]; e++) s += base[entries[e]] * delta[entries[e]];
    rowValues[i * width] = s;
  }
}

/**
 * Rows 0, stride, 2 stride, ... of a split, as a split of those rows (the positions, bases and
 * deltas kept: a column two-valued over all rows is so over any of them, and listing a numeric
 * column that happens to be two-valued in the sample is still exact).
 */
export function everyNthRow(split: RareColumns, stride: number): RareColumns {
  const { column, numericCount, base, delta, rare, baseBase, rowValues, start, entries } = split;
  const rows = start.length - 1;
  const sampled = Math.ceil(rows / stride);
  const sampledStart = new Int32Array(sampled + 1);
  for (let from = 0, step = rowsPerCall(1); from < sampled; from += step) addSampledStarts(start, stride, from, Math.min(sampled, from + step), sampledStart);
  const sampledEntries = new Int32Array(sampledStart[sampled]);
  const width = 1 + numericCount;
  const sampledValues = new Float64Array(sampled * width);
  const step = rowsPerCall(width + entries.length / Math.max(1, rows));
  for (let from = 0; from < sampled; from += step) copySampledRows(rowValues, width, start, entries, stride, from, Math.min(sampled, from + step), sampledStart, sampledEntries, sampledValues);
  // Written out as rareColumns' literal, in its order, so that both have one map: a spread of
  // the split had another, and the objective's passes, holding either, were compiled again.
  return { column, numericCount, rowValues: sampledValues, start: sampledStart, entries: sampledEntries, base, delta, rare, baseBase };
}

/** The entry offsets of sampled rows from..to - 1 (rows s stride), each after the one before. */
function addSampledStarts(start: Int32Array, stride: number, from: number, to: number, sampledStart: Int32Array): void {
  for (let s = from; s < to; s++) sampledStart[s + 1] = sampledStart[s] + start[s * stride + 1] - start[s * stride];
}

/** Sampled rows from..to - 1's entries and values (width a row), from rows s stride of the split. */
function copySampledRows(
  rowValues: Float64Array,
  width: number,
  start: Int32Array,
  entries: Int32Array,
  stride: number,
  from: number,
  to: number,
  sampledStart: Int32Array,
  sampledEntries: Int32Array,
  sampledValues: Float64Array,
): void {
  for (let s = from; s < to; s++) {
    const i = s * stride;
    let at = sampledStart[s];
    for (let e = start[i]; e < start[i + 1]; e++) sampledEntries[at++] = entries[e];
    for (let q = 0; q < width; q++) sampledValues[s * width + q] = rowValues[i * width + q];
  }
}
