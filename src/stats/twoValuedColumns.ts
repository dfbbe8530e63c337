import type { Matrix, OneHotBlock } from "./matrix.js";
import { rowsPerCall } from "./rowBlocks.js";

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
 * columns alone reach maxPerRow. The columns of X's one-hot blocks are two-valued by
 * construction: they are counted from the rows' levels, not read value by value.
 */
export function twoValuedColumns(X: Matrix, group: Uint32Array | null, groups: number, maxPerRow: number): TwoValuedColumns | null {
  const { rows, cols: p, data } = X;
  if (rows === 0 || p === 0) return null;
  const blocks = X.oneHot ?? [];
  const first = data.slice(0, p);
  const second = new Float64Array(p).fill(NaN);
  const isBinary = new Uint8Array(p).fill(1);
  const firstCount = new Float64Array(groups * p);
  const counts = new Float64Array(groups);
  const scanned = columnsOutside(blocks, p);
  let numericCount = 0;
  for (let from = 0, step = rowsPerCall(scanned.length); from < rows; from += step) {
    numericCount = scanRows(data, p, group, groups, scanned, from, Math.min(rows, from + step), maxPerRow, numericCount, first, second, isBinary, firstCount, counts);
    if (numericCount < 0) return null;
  }
  for (const block of blocks) countBlock(X, block, group, groups, second, firstCount, counts);
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

/**
 * Reads rows from..to - 1 of the columns `scanned` (those outside X's one-hot blocks, ascending)
 * into the counts: per column its first value seen and the other one (NaN until seen), isBinary
 * 1 while it has shown at most two values, per group and column the rows at its first value,
 * per group its rows. Returns the numeric columns found so far, or -1 when a value is not finite
 * or they reach maxPerRow. A few hundred values a call (rowBlocks.ts's CALL_STEPS), as each loop
 * over the rows here: a fit runs them once. They take arrays and numbers, not a record of them
 * (see RareColumns in rareColumns.ts).
 */
function scanRows(
  data: Float64Array,
  p: number,
  group: Uint32Array | null,
  groups: number,
  scanned: Int32Array,
  from: number,
  to: number,
  maxPerRow: number,
  numericSoFar: number,
  first: Float64Array,
  second: Float64Array,
  isBinary: Uint8Array,
  firstCount: Float64Array,
  counts: Float64Array,
): number {
  const width = scanned.length;
  let numericCount = numericSoFar;
  for (let i = from; i < to; i++) {
    const g = group === null ? 0 : group[i];
    if (g >= groups) throw new RangeError(`group ${g} of ${groups} at row ${i}`);
    counts[g]++;
    const o = i * p;
    const so = g * p;
    for (let q = 0; q < width; q++) {
      const j = scanned[q];
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

/** The columns of a p-column matrix outside the given blocks (ascending, not overlapping). */
function columnsOutside(blocks: readonly OneHotBlock[], p: number): Int32Array {
  const inBlock = blocks.reduce((sum, block) => sum + block.width, 0);
  const outside = new Int32Array(p - inBlock);
  let at = 0;
  let j = 0;
  for (const { first, width } of blocks) {
    while (j < first) outside[at++] = j++;
    j = first + width;
  }
  while (j < p) outside[at++] = j++;
  return outside;
}

/** Per column of a one-hot block, its value at a row that has it on and at one that has it off (NaN where no row does). */
export function blockValues(X: Matrix, block: OneHotBlock): { readonly on: Float64Array; readonly off: Float64Array } {
  const { rows, cols: p, data } = X;
  const { first: c0, width, level } = block;
  const onRow = new Int32Array(width).fill(-1);
  let seen = 0;
  const level0 = level[0];
  let otherRow = -1;
  for (let i = 0; i < rows && (seen < width || otherRow < 0); i++) {
    const k = level[i];
    if (otherRow < 0 && k !== level0) otherRow = i;
    if (k >= 0 && onRow[k] < 0) {
      onRow[k] = i;
      seen++;
    }
  }
  const on = new Float64Array(width).fill(NaN);
  const off = new Float64Array(width).fill(NaN);
  for (let k = 0; k < width; k++) {
    const offRow = level0 !== k ? 0 : otherRow;
    if (onRow[k] >= 0) on[k] = data[onRow[k] * p + c0 + k];
    if (offRow >= 0) off[k] = data[offRow * p + c0 + k];
  }
  return { on, off };
}

/**
 * A one-hot block's counts, as scanRows would find them: per column, its other value if any row
 * holds one, and per group the rows at row 0's value.
 */
function countBlock(X: Matrix, block: OneHotBlock, group: Uint32Array | null, groups: number, second: Float64Array, firstCount: Float64Array, counts: Float64Array): void {
  const { rows, cols: p } = X;
  const { first: c0, width, level } = block;
  const onCount = new Float64Array(groups * width);
  for (let from = 0, step = rowsPerCall(1); from < rows; from += step) countLevels(level, group, width, from, Math.min(rows, from + step), onCount);
  const { on, off } = blockValues(X, block);
  const level0 = level[0];
  for (let k = 0; k < width; k++) {
    const j = c0 + k;
    // NaN where no row has the column on (or off): then, as when both are equal, one value.
    const two = !Number.isNaN(on[k]) && !Number.isNaN(off[k]) && on[k] !== off[k];
    if (two) second[j] = level0 === k ? off[k] : on[k];
    for (let g = 0; g < groups; g++) {
      const onInGroup = onCount[g * width + k];
      firstCount[g * p + j] = !two ? counts[g] : level0 === k ? onInGroup : counts[g] - onInGroup;
    }
  }
}

/** Adds rows from..to - 1 to the rows per group at each level of a block (group null: one group). */
function countLevels(level: Int32Array, group: Uint32Array | null, width: number, from: number, to: number, onCount: Float64Array): void {
  for (let i = from; i < to; i++) if (level[i] >= 0) onCount[(group === null ? 0 : group[i]) * width + level[i]]++;
}
