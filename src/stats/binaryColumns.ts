import type { Matrix } from "./matrix.js";

/**
 * A matrix seen as a base row plus sparse rows: X = 1 base^T + E. A column taking at most two
 * distinct values (a z-scored one-hot or 0/1 column) is "binary": base holds its more frequent
 * value, and a row lists it in E only where it takes the other one, with value rare - base. Every
 * other column is "numeric": base 0, listed in every row with its value. So a row of E holds its
 * numeric columns, in column order, then its binary columns at their rarer value, in column
 * order: on one-hot-heavy tables a handful of entries instead of dozens, which is what makes
 * products and distances O(numeric + rare) per row. Found from the values alone, so any two-valued
 * column counts, whatever made it.
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
 * The split of X, or null when it would not pay (E would hold more than maxDensity of X's
 * entries) or X holds a value that is not finite.
 * Ties for the more frequent value go to the value seen first.
 */
export function binaryColumns(X: Matrix, maxDensity = 0.5): BinaryColumns | null {
  const { rows, cols } = X;
  if (rows === 0 || cols === 0) return null;
  const values = twoValues(X, Math.floor(maxDensity * cols));
  if (values === null) return null;
  const { first, second, firstCount, isBinary } = values;
  const numeric: number[] = [];
  const binary: number[] = [];
  const base = new Float64Array(cols);
  const rare = new Float64Array(cols).fill(NaN);
  let entries = 0;
  for (let j = 0; j < cols; j++) {
    if (isBinary[j] === 0) {
      numeric.push(j);
      entries += rows;
      continue;
    }
    binary.push(j);
    const other = Number.isNaN(second[j]) ? first[j] : second[j];
    const firstCommon = firstCount[j] >= rows - firstCount[j];
    base[j] = firstCommon ? first[j] : other;
    rare[j] = firstCommon ? other : first[j];
    entries += firstCommon ? rows - firstCount[j] : firstCount[j];
  }
  if (entries > maxDensity * rows * cols) return null;
  const numericColumns = Int32Array.from(numeric);
  const binaryColumns = Int32Array.from(binary);
  const start = new Int32Array(rows + 1);
  const index = new Int32Array(entries);
  const value = new Float64Array(entries);
  fillEntries(X, numericColumns, binaryColumns, base, rare, start, index, value);
  return { rows, cols, numeric: numericColumns, binary: binaryColumns, base, rare, start, index, value };
}

/**
 * Per column, its first value, a second distinct one (NaN if none), how often the first occurs,
 * and whether it takes at most two values; null if a value is not finite, or as soon as more than
 * `maxNumeric` columns take three values or more (their entries alone would make the split too
 * dense to pay: a numeric table is told after a few rows). Each pass over the rows
 * is a function of its own, so that V8 optimises it whole instead of leaving one loop's OSR code
 * for the next.
 */
function twoValues(X: Matrix, maxNumeric: number): { first: Float64Array; second: Float64Array; firstCount: Float64Array; isBinary: Uint8Array } | null {
  const { rows, cols, data } = X;
  const first = new Float64Array(cols);
  const second = new Float64Array(cols).fill(NaN);
  const firstCount = new Float64Array(cols);
  const isBinary = new Uint8Array(cols).fill(1);
  let numeric = 0;
  for (let j = 0; j < cols; j++) first[j] = data[j];
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = data[o + j];
      if (!Number.isFinite(v)) return null;
      if (isBinary[j] === 0) continue;
      if (v === first[j]) firstCount[j]++;
      else if (Number.isNaN(second[j])) second[j] = v;
      else if (v !== second[j]) {
        isBinary[j] = 0;
        if (++numeric > maxNumeric) return null;
      }
    }
  }
  return { first, second, firstCount, isBinary };
}

/** Row by row: the numeric columns' values, then the binary columns found at their rarer value. */
function fillEntries(
  X: Matrix,
  numeric: Int32Array,
  binary: Int32Array,
  base: Float64Array,
  rare: Float64Array,
  start: Int32Array,
  index: Int32Array,
  value: Float64Array,
): void {
  const { rows, cols, data } = X;
  let p = 0;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let n = 0; n < numeric.length; n++) {
      const j = numeric[n];
      index[p] = j;
      value[p++] = data[o + j];
    }
    for (let b = 0; b < binary.length; b++) {
      const j = binary[b];
      if (data[o + j] !== base[j]) {
        index[p] = j;
        value[p++] = rare[j] - base[j];
      }
    }
    start[i + 1] = p;
  }
}
