import { levelEntries, offBaseRows } from "./levelEntries.js";
import type { Matrix } from "./matrix.js";
import { rowsPerCall } from "./rowBlocks.js";
import { twoValuedColumns } from "./twoValuedColumns.js";

/**
 * A matrix seen as a base row plus sparse rows, X = 1 base^T + E, as rareColumns.ts writes it, but
 * with every entry of a row, numeric or binary, in one list of (column, value) in column order:
 * for an objective that treats every entry alike (the Huber regressor's), one loop a row. On
 * rareColumns' layout (numeric values, then binary positions, two loops a row) the Huber
 * objective's evaluation took 0.75 ms against 0.50 on a census-shaped fold; kNN, the SVM and
 * logistic regression, whose loops treat the two kinds apart, use rareColumns.ts. Same rule for
 * which columns are binary and their base (twoValuedColumns.ts).
 */
export interface BinaryColumns {
  readonly rows: number;
  readonly cols: number;
  /** The numeric columns, ascending. */
  readonly numeric: Int32Array;
  /** The binary columns, ascending. */
  readonly binary: Int32Array;
  /** Per column: a binary column's common value, 0 for a numeric one. */
  readonly base: Float64Array;
  /** Per column: a binary column's rarer value (its common value if it is constant), NaN for a numeric one. */
  readonly rare: Float64Array;
  /** Row i's entries are start[i]..start[i + 1] - 1 of index and value; its first numeric.length are its numeric columns. */
  readonly start: Int32Array;
  readonly index: Int32Array;
  /** Numeric columns: the value; binary columns: rare - base. */
  readonly value: Float64Array;
}

/**
 * The split of X, or null when it would not pay (E would hold maxDensity of X's entries or more)
 * or X holds a value that is not finite. Ties for the more frequent value go to the value seen
 * first (twoValuedColumns.ts, which finds the columns and stops early on a numeric table).
 */
export function binaryColumns(X: Matrix, maxDensity = 0.5): BinaryColumns | null {
  const { rows, cols, data } = X;
  const columns = twoValuedColumns(X, null, 1, maxDensity * cols);
  if (columns === null) return null;
  const { numeric, binary, groupBase: base, groupRare: rare, entries } = columns;
  const start = new Int32Array(rows + 1);
  const index = new Int32Array(entries);
  const value = new Float64Array(entries);
  const split = { rows, cols, numeric, binary, base, rare, start, index, value };
  let filled = 0;
  if (X.oneHot === undefined || X.oneHot.length === 0) {
    const row = new Int32Array(binary.length);
    for (let from = 0, step = rowsPerCall(cols); from < rows; from += step) filled = fillEntries(data, cols, numeric, binary, base, rare, row, from, Math.min(rows, from + step), filled, start, index, value);
    return split;
  }
  // Each row's binary columns off base (by index in `binary`) from the rows' levels, then the entries.
  const offStart = new Int32Array(rows + 1);
  const off = new Int32Array(entries - numeric.length * rows);
  offBaseRows(levelEntries(X, X.oneHot, binary, base, 1), 0, 0, rows, off, offStart);
  for (let from = 0, step = rowsPerCall(columns.perRow); from < rows; from += step) filled = fillLevelEntries(data, cols, numeric, binary, base, rare, offStart, off, from, Math.min(rows, from + step), filled, start, index, value);
  return split;
}

/**
 * Rows from..to - 1, their entries from index[filled]: the numeric columns' values, then the
 * binary columns found at their rarer value; returns the entries written so far. A few hundred
 * values a call (rowBlocks.ts's CALL_STEPS), as fillLevelEntries: a fit runs each once. Both take
 * arrays, not the split's record (see RareColumns in rareColumns.ts).
 */
function fillEntries(
  data: Float64Array,
  cols: number,
  numeric: Int32Array,
  binary: Int32Array,
  base: Float64Array,
  rare: Float64Array,
  row: Int32Array,
  from: number,
  to: number,
  filled: number,
  start: Int32Array,
  index: Int32Array,
  value: Float64Array,
): number {
  let p = filled;
  for (let i = from; i < to; i++) {
    const o = i * cols;
    for (let n = 0; n < numeric.length; n++) {
      const j = numeric[n];
      index[p] = j;
      value[p++] = data[o + j];
    }
    const found = binaryOffBase(data, o, binary, base, row);
    for (let e = 0; e < found; e++) {
      const j = binary[row[e]];
      index[p] = j;
      value[p++] = rare[j] - base[j];
    }
    start[i + 1] = p;
  }
  return p;
}

/** fillEntries for a matrix with one-hot blocks, each row's binary entries listed in off from offStart (levelEntries.ts's offBaseRows). */
function fillLevelEntries(
  data: Float64Array,
  cols: number,
  numeric: Int32Array,
  binary: Int32Array,
  base: Float64Array,
  rare: Float64Array,
  offStart: Int32Array,
  off: Int32Array,
  from: number,
  to: number,
  filled: number,
  start: Int32Array,
  index: Int32Array,
  value: Float64Array,
): number {
  let p = filled;
  for (let i = from; i < to; i++) {
    const o = i * cols;
    for (let n = 0; n < numeric.length; n++) {
      const j = numeric[n];
      index[p] = j;
      value[p++] = data[o + j];
    }
    for (let e = offStart[i]; e < offStart[i + 1]; e++) {
      const j = binary[off[e]];
      index[p] = j;
      value[p++] = rare[j] - base[j];
    }
    start[i + 1] = p;
  }
  return p;
}

/** The binary columns (by index in `binary`, ascending) of the row at offset o that are off their base, into row; how many. */
function binaryOffBase(data: Float64Array, o: number, binary: Int32Array, base: Float64Array, row: Int32Array): number {
  let n = 0;
  for (let b = 0; b < binary.length; b++) if (data[o + binary[b]] !== base[binary[b]]) row[n++] = b;
  return n;
}
