import { levelEntries, offBaseEntries, segmentLists, type LevelEntries } from "./levelEntries.js";
import { createMatrix, type Matrix } from "./matrix.js";
import { ROW_BLOCK, rowsPerCall } from "./rowBlocks.js";
import { splitScatterKernel, type SplitScatterKernel } from "./splitScatterKernel.js";
import { twoValuedColumns, type TwoValuedColumns } from "./twoValuedColumns.js";

/**
 * Per group g, the scatter matrix sum over g's rows of (x - shift_g)(x - shift_g)^T (full and
 * symmetric, groups x cols x cols in all), in O(cols + entries^2) per row instead of O(cols^2),
 * when X is one-hot heavy; null when that would not pay (SCATTERED_COST) or X holds a value
 * that is not finite.
 *
 * The split form of rareColumns.ts, per group: a column taking at most two values over X is
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
 * A matrix with one-hot blocks is read once, its blocks' entries from the rows' levels, and its
 * sums taken by a WebAssembly kernel (splitScatterKernel.ts, the same bits: a census-shaped
 * fold's 20,512 x 66 5.3 to 2.9 ms; `useKernel` false, the JavaScript loops); any other
 * once when a first block of rows guesses the columns and majorities right, else twice. A fit
 * makes each pass once, ROW_BLOCK rows a call; a pass that reads a row's columns in its own loop
 * (not in a function a row) takes those rows a few a call (rowBlocks.ts's CALL_STEPS) from a
 * block function, as groupSums.ts does.
 */
export function splitScatters(X: Matrix, group: Uint32Array | null, groups: number, shifts: Float64Array | null, useKernel = true): Float64Array | null {
  const { rows, cols: p, data } = X;
  if (group !== null && group.length !== rows) throw new RangeError(`${group.length} groups for ${rows} rows`);
  if (shifts !== null && shifts.length !== groups * p) throw new RangeError(`${shifts.length} shifts for ${groups} x ${p}`);
  if (rows === 0 || p === 0) return null;
  const maxPerRow = p / Math.sqrt(SCATTERED_COST);
  const shift = shifts ?? new Float64Array(groups * p);
  if (X.oneHot !== undefined && X.oneHot.length > 0) {
    // The true columns and majorities come cheap from the blocks' levels: no guess, one pass.
    const columns = twoValuedColumns(X, group, groups, maxPerRow);
    if (columns === null) return null;
    const levels = levelEntries(X, X.oneHot, columns.binary, columns.groupBase, groups);
    const kernel = !useKernel ? null : splitScatterKernel(groups, columns.numeric.length, columns.binary.length, segmentLists(levels, groups), ROW_BLOCK);
    if (kernel !== null) {
      for (let from = 0; from < rows; from += ROW_BLOCK) {
        const to = Math.min(rows, from + ROW_BLOCK);
        layOutRowsByLevel(X, group, columns, levels, shift, kernel, from, to);
        kernel.add(to - from);
      }
      return assemble(p, groups, columns, kernel, shifts);
    }
    const sums = groupSums(columns, groups);
    const row = rowBuffers(columns);
    for (let from = 0; from < rows; from += ROW_BLOCK) accumulateRowsByLevel(X, group, columns, levels, shift, sums, row, from, Math.min(rows, from + ROW_BLOCK));
    return assemble(p, groups, columns, sums, shifts);
  }
  // The first block's columns and majorities, taken as the whole table's: then one pass reads
  // every row once, checking them as it goes.
  const head = Math.min(rows, ROW_BLOCK);
  const guess = twoValuedColumns(createMatrix(head, p, data.subarray(0, head * p)), group === null ? null : group.subarray(0, head), groups, maxPerRow);
  if (guess === null) return null;
  // Groups (classes) guessed from a block often have a level near half their rows the other way
  // round (the census-shaped folds' income classes did), and summing twice then costs more than
  // the whole table's scan: one pass for a single group only.
  const guessed = group === null ? onePass(X, group, groups, shift, guess) : "guess wrong";
  if (guessed === "not finite") return null;
  if (guessed !== "guess wrong" && !guessed.flipped) return assemble(p, groups, guessed.columns, guessed.sums, shifts);
  // Summed again about the true majorities: known already when only some were the other way round.
  const columns = guessed !== "guess wrong" ? guessed.columns : twoValuedColumns(X, group, groups, maxPerRow);
  if (columns === null) return null;
  const sums = groupSums(columns, groups);
  const row = rowBuffers(columns);
  for (let from = 0; from < rows; from += ROW_BLOCK) accumulateRowBlock(X, group, columns, shift, sums, row, from, Math.min(rows, from + ROW_BLOCK));
  return assemble(p, groups, columns, sums, shifts);
}

/**
 * The sums in one pass over the rows with the first block's columns and group majorities
 * (`guess`), each binary value off its group's guessed base checked on the way: "guess wrong"
 * when a column of the guess turns out to take a third value (the sums are then taken again
 * with the whole table's), "not finite" for a value that is not finite; a group's majority the
 * other way round is swapped in the columns returned and marked `flipped`, as its sums are not
 * about that group's majority. Columns constant in the first block learn their second value as they meet it.
 */
function onePass(X: Matrix, group: Uint32Array | null, groups: number, shift: Float64Array, guess: TwoValuedColumns): OnePass | "guess wrong" | "not finite" {
  const { rows, cols: p } = X;
  const { numeric, binary, groupBase } = guess;
  const check: GuessCheck = { first: X.data.slice(0, p), rare: Float64Array.from(guess.groupRare), counts: new Float64Array(groups) };
  // A constant column's "rare" value is its base until a second one is met: NaN marks it unseen.
  for (let at = 0; at < groups * p; at++) if (check.rare[at] === groupBase[at]) check.rare[at] = NaN;
  const sums = groupSums(guess, groups);
  const row = rowBuffers(guess);
  for (let from = 0; from < rows; from += ROW_BLOCK) {
    const outcome = scanAccumulateRowBlock(X, group, guess, shift, check, sums, row, from, Math.min(rows, from + ROW_BLOCK));
    if (outcome !== "ok") return outcome;
  }
  const groupRare = Float64Array.from(check.rare, (v, at) => (Number.isNaN(v) ? groupBase[at] : v));
  for (const j of numeric) for (let g = 0; g < groups; g++) groupRare[g * p + j] = NaN;
  const base = Float64Array.from(groupBase);
  const nb = binary.length;
  let flipped = false;
  for (let g = 0; g < groups; g++) {
    for (let b = 0; b < nb; b++) {
      const off = sums.pairs[g * nb * nb + b * nb + b];
      if (off <= check.counts[g] - off) continue;
      const at = g * p + binary[b];
      [base[at], groupRare[at]] = [groupRare[at], base[at]];
      flipped = true;
    }
  }
  return { columns: { numeric, binary, groupBase: base, groupRare, counts: check.counts }, sums, flipped };
}

/** The table's columns and majorities, and the sums about the guessed ones; flipped when some majority was the other way round. */
interface OnePass {
  readonly columns: Columns;
  readonly sums: GroupSums;
  readonly flipped: boolean;
}

type Columns = Pick<TwoValuedColumns, "numeric" | "binary" | "groupBase" | "groupRare" | "counts">;

interface GuessCheck {
  /** Per column: its value in row 0. */
  readonly first: Float64Array;
  /** groups x cols: a binary column's other value within the group, NaN while unseen. */
  readonly rare: Float64Array;
  /** Rows per group. */
  readonly counts: Float64Array;
}

function scanAccumulateRowBlock(X: Matrix, group: Uint32Array | null, guess: TwoValuedColumns, shift: Float64Array, check: GuessCheck, sums: GroupSums, row: RowBuffers, from: number, to: number): "ok" | "guess wrong" | "not finite" {
  for (let i = from, step = rowsPerCall(X.cols); i < to; i += step) {
    const outcome = scanAccumulateRows(X, group, guess, shift, check, sums, row, i, Math.min(to, i + step));
    if (outcome !== "ok") return outcome;
  }
  return "ok";
}

/** accumulateRows, the binary values checked against the guess; rows from..to - 1. */
function scanAccumulateRows(X: Matrix, group: Uint32Array | null, guess: TwoValuedColumns, shift: Float64Array, check: GuessCheck, sums: GroupSums, row: RowBuffers, from: number, to: number): "ok" | "guess wrong" | "not finite" {
  const { cols: p, data } = X;
  const { numeric, binary, groupBase } = guess;
  const { values, rare } = row;
  const { rare: rareValue, counts } = check;
  const nn = numeric.length;
  const nb = binary.length;
  for (let i = from; i < to; i++) {
    const g = group === null ? 0 : group[i];
    if (g >= counts.length) throw new RangeError(`group ${g} of ${counts.length} at row ${i}`);
    counts[g]++;
    const o = i * p;
    const so = g * p;
    for (let q = 0; q < nn; q++) {
      const x = data[o + numeric[q]];
      if (!Number.isFinite(x)) return "not finite";
      values[q] = x - shift[so + numeric[q]];
    }
    addNumericProducts(sums, values, g, nn);
    let n = 0;
    for (let b = 0; b < nb; b++) {
      const j = binary[b];
      const x = data[o + j];
      if (x === groupBase[so + j]) continue;
      if (x !== rareValue[so + j]) {
        const outcome = secondValue(check, groupBase, p, j, x, so);
        if (outcome !== "ok") return outcome;
      }
      rare[n++] = b;
    }
    addRareProducts(sums, row, n, g, nn, nb);
  }
  return "ok";
}

/**
 * x, off its group's guessed base in column j, is not the value the guess expects there: the
 * column's second value if none was seen yet (every group's base is then the column's first
 * value, and each learns it as its rare one), else a third one.
 */
function secondValue(check: GuessCheck, groupBase: Float64Array, p: number, j: number, x: number, so: number): "ok" | "guess wrong" | "not finite" {
  if (!Number.isFinite(x)) return "not finite";
  if (!Number.isNaN(check.rare[so + j])) return "guess wrong";
  const groups = check.counts.length;
  for (let g = 0; g < groups; g++) {
    if (groupBase[g * p + j] !== check.first[j]) return "guess wrong";
    check.rare[g * p + j] = x;
  }
  return "ok";
}

function groupSums(columns: Columns, groups: number): GroupSums {
  const nn = columns.numeric.length;
  const nb = columns.binary.length;
  return {
    numericProducts: new Float64Array(groups * nn * nn),
    numericSums: new Float64Array(groups * nn),
    mixed: new Float64Array(groups * nb * nn),
    pairs: new Int32Array(groups * nb * nb),
  };
}

function rowBuffers(columns: Columns): RowBuffers {
  return { values: new Float64Array(columns.numeric.length), rare: new Int32Array(columns.binary.length) };
}

/**
 * Per group, what the rows add, in the layout of logisticSplit.ts's rowProducts: a binary
 * column's entry is the same delta on every row of the group that holds it, so between binary
 * columns only a count of rows is kept, and between a binary column and a numeric one the sum of
 * the numeric values over the rows holding it; the deltas scale them once, in assemble.
 */
interface GroupSums {
  /** groups x nn x nn, lower triangle: the numeric entries' products, summed in row order. */
  readonly numericProducts: Float64Array;
  /** groups x nn: the numeric entries summed. */
  readonly numericSums: Float64Array;
  /** groups x nb x nn: per binary column, the numeric entries summed over the group's rows at its rarer value. */
  readonly mixed: Float64Array;
  /** groups x nb x nb, lower triangle: rows of the group at both binary columns' rarer values (the diagonal: at one's). */
  readonly pairs: Int32Array;
}

interface RowBuffers {
  /** One row's numeric entries. */
  readonly values: Float64Array;
  /** One row's binary columns (by index in `binary`) at their group's rarer value, ascending. */
  readonly rare: Int32Array;
}

function accumulateRowBlock(X: Matrix, group: Uint32Array | null, columns: Columns, shift: Float64Array, sums: GroupSums, row: RowBuffers, from: number, to: number): void {
  for (let i = from, step = rowsPerCall(X.cols); i < to; i += step) accumulateRows(X, group, columns, shift, sums, row, i, Math.min(to, i + step));
}

/** Adds rows from..to - 1 to their groups' sums. */
function accumulateRows(X: Matrix, group: Uint32Array | null, columns: Columns, shift: Float64Array, sums: GroupSums, row: RowBuffers, from: number, to: number): void {
  const { cols: p, data } = X;
  const { numeric, binary, groupBase } = columns;
  const { rare } = row;
  const nn = numeric.length;
  const nb = binary.length;
  for (let i = from; i < to; i++) {
    const g = group === null ? 0 : group[i];
    const o = i * p;
    const so = g * p;
    addNumericRow(X, i, numeric, shift, so, sums, row, g);
    let n = 0;
    for (let b = 0; b < nb; b++) {
      const j = binary[b];
      if (data[o + j] !== groupBase[so + j]) rare[n++] = b;
    }
    addRareProducts(sums, row, n, g, nn, nb);
  }
}

/** accumulateRows for a matrix with one-hot blocks: the same sums, a block's rare columns found from the row's level (levelEntries.ts). */
function accumulateRowsByLevel(X: Matrix, group: Uint32Array | null, columns: Columns, entries: LevelEntries, shift: Float64Array, sums: GroupSums, row: RowBuffers, from: number, to: number): void {
  const { numeric, binary } = columns;
  const { rare } = row;
  const nn = numeric.length;
  const nb = binary.length;
  for (let i = from; i < to; i++) {
    const g = group === null ? 0 : group[i];
    addNumericRow(X, i, numeric, shift, g * X.cols, sums, row, g);
    const n = offBaseEntries(entries, i, g, 0, rare, 0);
    addRareProducts(sums, row, n, g, nn, nb);
  }
}

/**
 * Rows from..to - 1 laid out in the kernel's block: their groups, numeric entries (shifted by
 * their group's shifts) and segment codes (a block's levels as they are; a single binary column's
 * 0 off its group's base, -1 on it).
 */
function layOutRowsByLevel(X: Matrix, group: Uint32Array | null, columns: Columns, entries: LevelEntries, shift: Float64Array, kernel: SplitScatterKernel, from: number, to: number): void {
  const { cols: p, data } = X;
  const { numeric, groupBase } = columns;
  const { values, codes, groups } = kernel;
  const { segmentIndex, segmentBlock, levels, binary } = entries;
  const nn = numeric.length;
  const blockRows = groups.length;
  if (group !== null) groups.set(group.subarray(from, to));
  for (let s = 0; s < segmentIndex.length; s++) {
    const block = segmentBlock[s];
    if (block >= 0) codes.set(levels[block].subarray(from, to), s * blockRows);
    else singleColumnCodes(data, p, binary[segmentIndex[s]], group, groupBase, from, to, codes, s * blockRows);
  }
  for (let i = from; i < to; i++) {
    const r = i - from;
    const o = i * p;
    const so = (group === null ? 0 : group[i]) * p;
    for (let q = 0; q < nn; q++) values[r * nn + q] = data[o + numeric[q]] - shift[so + numeric[q]];
  }
}

/** Column j's codes of rows from..to - 1 into codes from `at`: 0 where a row is off its group's base, -1 where on it. */
function singleColumnCodes(data: Float64Array, p: number, j: number, group: Uint32Array | null, groupBase: Float64Array, from: number, to: number, codes: Int32Array, at: number): void {
  for (let i = from; i < to; i++) codes[at + i - from] = data[i * p + j] !== groupBase[(group === null ? 0 : group[i]) * p + j] ? 0 : -1;
}

/** Row i's numeric entries, shifted by its group's shifts (from so), into row.values and its group's sums. */
function addNumericRow(X: Matrix, i: number, numeric: Int32Array, shift: Float64Array, so: number, sums: GroupSums, row: RowBuffers, g: number): void {
  const { cols: p, data } = X;
  const { values } = row;
  const nn = numeric.length;
  const o = i * p;
  for (let q = 0; q < nn; q++) values[q] = data[o + numeric[q]] - shift[so + numeric[q]];
  addNumericProducts(sums, values, g, nn);
}

/** One row's numeric entries (values) into its group's sums and products, in row order. */
function addNumericProducts(sums: GroupSums, values: Float64Array, g: number, nn: number): void {
  const { numericProducts, numericSums } = sums;
  const no = g * nn;
  const po = g * nn * nn;
  for (let q = 0; q < nn; q++) {
    const v = values[q];
    numericSums[no + q] += v;
    const at = po + q * nn;
    for (let r = 0; r <= q; r++) numericProducts[at + r] += v * values[r];
  }
}

/** One row's n binary columns at their rarer value (row.rare) against its numeric entries and each other. */
function addRareProducts(sums: GroupSums, row: RowBuffers, n: number, g: number, nn: number, nb: number): void {
  const { mixed, pairs } = sums;
  const { values, rare } = row;
  const mo = g * nb * nn;
  const co = g * nb * nb;
  for (let e = 0; e < n; e++) {
    const b = rare[e];
    const at = mo + b * nn;
    for (let q = 0; q < nn; q++) mixed[at + q] += values[q];
    const pairRow = co + b * nb;
    for (let f = 0; f <= e; f++) pairs[pairRow + rare[f]]++;
  }
}

/**
 * Each group's scatter in column order from its sums: with c_j = b_gj - shift_gj for a binary
 * column (0 for a numeric one) and s its entries' sum, m c c^T + c s^T + s c^T + the entries'
 * products, the binary ones scaled by their deltas.
 */
function assemble(p: number, groups: number, columns: Columns, sums: GroupSums, shifts: Float64Array | null): Float64Array {
  const { numeric, binary, groupBase, groupRare, counts } = columns;
  const { numericProducts, numericSums, mixed, pairs } = sums;
  const nn = numeric.length;
  const nb = binary.length;
  // Per column: its index among the numeric columns, or -1 - its index among the binary ones.
  const index = new Int32Array(p);
  numeric.forEach((j, q) => (index[j] = q));
  binary.forEach((j, b) => (index[j] = -1 - b));
  const out = new Float64Array(groups * p * p);
  const c = new Float64Array(p);
  const s = new Float64Array(p);
  const delta = new Float64Array(p);
  for (let g = 0; g < groups; g++) {
    const so = g * p;
    const go = g * p * p;
    const m = counts[g];
    for (let q = 0; q < nn; q++) s[numeric[q]] = numericSums[g * nn + q];
    for (let b = 0; b < nb; b++) {
      const j = binary[b];
      c[j] = shifts === null ? groupBase[so + j] : groupBase[so + j] - shifts[so + j];
      delta[j] = groupRare[so + j] - groupBase[so + j];
      s[j] = delta[j] * pairs[g * nb * nb + b * nb + b];
    }
    for (let j = 0; j < p; j++) {
      const kj = index[j];
      for (let l = 0; l <= j; l++) {
        const kl = index[l];
        let v: number;
        if (kj >= 0 && kl >= 0) v = numericProducts[g * nn * nn + kj * nn + kl];
        else if (kj >= 0) v = delta[l] * mixed[(g * nb - 1 - kl) * nn + kj] + s[j] * c[l];
        else if (kl >= 0) v = delta[j] * mixed[(g * nb - 1 - kj) * nn + kl] + c[j] * s[l];
        else {
          const count = pairs[g * nb * nb + (-1 - kj) * nb + (-1 - kl)];
          v = delta[j] * delta[l] * count + c[j] * s[l] + s[j] * c[l] + m * c[j] * c[l];
        }
        out[go + j * p + l] = v;
        out[go + l * p + j] = v;
      }
    }
  }
  return out;
}

/**
 * What a product costs scattered into the triangle against one formed in a dense tile (about 5
 * on the census-shaped fold: 5-6 ms for 13 entries a row against 23 ms for 67 columns), so the
 * split pays while its entries a row, squared, times this stay below cols squared.
 */
const SCATTERED_COST = 5;
