import type { Matrix } from "./matrix.js";
import { ROW_BLOCK } from "./rowBlocks.js";

/**
 * The columns of X that take at most two values ("binary": one-hot levels, 0/1 flags, z-scored or
 * not) and, per group of rows, which of the two is the more frequent there; the split forms'
 * rule (the first value seen wins a tie), per group. A row of group g is then its group's base
 * values plus an entry per numeric column and per binary column at its group's rarer value.
 */
export interface TwoValuedColumns {
  /** The other columns, ascending. */
  readonly numeric: Int32Array;
  /** The two-valued columns, ascending. */
  readonly binary: Int32Array;
  /** groups x cols: a binary column's more frequent value within the group; 0 for a numeric one. */
  readonly groupBase: Float64Array;
  /** groups x cols: a binary column's other value within the group (its base if it is constant); NaN for a numeric one. */
  readonly groupRare: Float64Array;
  /** Rows per group. */
  readonly counts: Float64Array;
  /** Entries in all (numeric values and binary columns off their group's base). */
  readonly entries: number;
  /** Entries a row, on average. */
  readonly perRow: number;
}

/**
 * The two-valued columns of X and each group's majority value in them (group null: one group of
 * every row), or null when a row would hold `maxPerRow` entries or more on average (a split that
 * would not pay) or X holds a value that is not finite. It stops reading as soon as the numeric
 * columns alone reach maxPerRow.
 */
export function twoValuedColumns(X: Matrix, group: Uint32Array | null, groups: number, maxPerRow: number): TwoValuedColumns | null {
  const { rows, cols: p, data } = X;
  if (rows === 0 || p === 0) return null;
  const first = data.slice(0, p);
  const second = new Float64Array(p).fill(NaN);
  const isBinary = new Uint8Array(p).fill(1);
  const firstCount = new Float64Array(groups * p);
  const counts = new Float64Array(groups);
  let numericCount = 0;
  for (let from = 0; from < rows; from += ROW_BLOCK) {
    numericCount = scanRows(X, group, groups, from, Math.min(rows, from + ROW_BLOCK), maxPerRow, numericCount, { first, second, isBinary, firstCount, counts });
    if (numericCount < 0) return null;
  }
  const numeric: number[] = [];
  const binary: number[] = [];
  const groupBase = new Float64Array(groups * p);
  const groupRare = new Float64Array(groups * p).fill(NaN);
  let entries = 0;
  for (let j = 0; j < p; j++) {
    if (isBinary[j] === 0) {
      numeric.push(j);
      entries += rows;
      continue;
    }
    binary.push(j);
    const other = Number.isNaN(second[j]) ? first[j] : second[j];
    for (let g = 0; g < groups; g++) {
      const atFirst = firstCount[g * p + j];
      const firstCommon = atFirst >= counts[g] - atFirst;
      groupBase[g * p + j] = firstCommon ? first[j] : other;
      groupRare[g * p + j] = firstCommon ? other : first[j];
      entries += firstCommon ? counts[g] - atFirst : atFirst;
    }
  }
  const perRow = entries / rows;
  if (perRow >= maxPerRow) return null;
  return { numeric: Int32Array.from(numeric), binary: Int32Array.from(binary), groupBase, groupRare, counts, entries, perRow };
}

interface ScanCounts {
  /** Per column: the first value seen, and the other one (NaN until seen). */
  readonly first: Float64Array;
  readonly second: Float64Array;
  /** Per column: 1 while it has shown at most two values. */
  readonly isBinary: Uint8Array;
  /** groups x cols: rows of the group at the column's first value. */
  readonly firstCount: Float64Array;
  readonly counts: Float64Array;
}

/**
 * Reads rows from..to - 1 into the counts; returns the numeric columns found so far, or -1 when
 * a value is not finite or they reach maxPerRow.
 */
function scanRows(X: Matrix, group: Uint32Array | null, groups: number, from: number, to: number, maxPerRow: number, numericSoFar: number, scan: ScanCounts): number {
  const { cols: p, data } = X;
  const { first, second, isBinary, firstCount, counts } = scan;
  let numericCount = numericSoFar;
  for (let i = from; i < to; i++) {
    const g = group === null ? 0 : group[i];
    if (g >= groups) throw new RangeError(`group ${g} of ${groups} at row ${i}`);
    counts[g]++;
    const o = i * p;
    const so = g * p;
    for (let j = 0; j < p; j++) {
      const v = data[o + j];
      if (!Number.isFinite(v)) return -1;
      if (isBinary[j] === 0) continue;
      if (v === first[j]) firstCount[so + j]++;
      else if (Number.isNaN(second[j])) second[j] = v;
      else if (v !== second[j]) {
        isBinary[j] = 0;
        if (++numericCount >= maxPerRow) return -1;
      }
    }
  }
  return numericCount;
}
