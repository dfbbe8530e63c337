import type { CategoricalColumn, FeatureColumn, NumericColumn } from "../data/featureColumns.js";
import { createMatrix, type Matrix, type OneHotBlock } from "../stats/matrix.js";
import { rowsPerCall } from "../stats/rowBlocks.js";

/** Categoricals with more levels than this are frequency-encoded instead of one-hot (the protocol's preprocessing). */
export const MAX_ONE_HOT_LEVELS = 25;

/** How one source column becomes encoded columns; fitted on a fold's training rows only. */
interface ColumnStep {
  readonly width: number;
  /**
   * Writes this column's encoded values for each of `rows` into out (rows x stride, zeroed),
   * at columns offset..offset+width: one step's loop over all rows, rather than a call per step
   * and row, which V8 could only dispatch through a megamorphic call. A one-hot step has none:
   * its columns are written from its block's levels (oneHotBlocks), found once for the matrix.
   */
  readonly fill?: (rows: Uint32Array, out: Float64Array, stride: number, offset: number) => void;
  /** A one-hot step's column that is on for each of `rows` (0..width - 1), or -1 where none is. */
  readonly onColumns?: (rows: Uint32Array) => Int32Array;
}

export interface FeaturePlan {
  /** Number of encoded columns. */
  readonly width: number;
  /** For each encoded column, the index of the feature column it encodes (a one-hot column's categorical). */
  readonly source: readonly number[];
  /** Encodes the given rows of the table into a dense matrix. */
  transform(rows: Uint32Array): Matrix;
}

function numericStep(column: NumericColumn, train: Uint32Array): ColumnStep {
  const values = column.values;
  const count = presentCount(values, train, 0, train.length);
  // A fold whose training rows all lack this column has nothing to impute from; 0 is neutral.
  const mean = count > 0 ? presentSum(values, train, 0, train.length, 0) / count : 0;
  return {
    width: 1,
    fill: (rows, out, stride, offset) => fillNumeric(values, mean, rows, 0, rows.length, out, stride, offset),
  };
}

/*
 * The loops over rows below are functions of their own, each ending with its loop (V8 compiled a
 * long loop during a function's first call, and code after the loop that had not run yet then
 * threw that code away at every later call: bench/deoptLoops.ts found numericStep's, 23 times a
 * fold), each halving its rows until a part has at most ROWS_PER_CALL (rowBlocks.ts's
 * CALL_STEPS): called once per column, a loop over every row was compiled on the stack at the
 * first column, that code served the other columns, and a child compiled it again in its second
 * fold. Halves, unlike a loop over blocks, leave no long loop in a caller either.
 */
const ROWS_PER_CALL = rowsPerCall(1);

/** The values of rows train[from..to - 1] that are not missing, added to sum in row order. */
function presentSum(values: Float64Array, train: Uint32Array, from: number, to: number, sum: number): number {
  if (to - from > ROWS_PER_CALL) {
    const middle = (from + to) >>> 1;
    sum = presentSum(values, train, from, middle, sum);
    return presentSum(values, train, middle, to, sum);
  }
  for (let r = from; r < to; r++) {
    const v = values[train[r]];
    if (v === v) sum += v;
  }
  return sum;
}

function presentCount(values: Float64Array, train: Uint32Array, from: number, to: number): number {
  if (to - from > ROWS_PER_CALL) {
    const middle = (from + to) >>> 1;
    return presentCount(values, train, from, middle) + presentCount(values, train, middle, to);
  }
  let count = 0;
  for (let r = from; r < to; r++) count += +(values[train[r]] === values[train[r]]);
  return count;
}

/** Rows rows[from..to - 1]'s values, a missing one as mean, into out's column `offset`. */
function fillNumeric(values: Float64Array, mean: number, rows: Uint32Array, from: number, to: number, out: Float64Array, stride: number, offset: number): void {
  if (to - from > ROWS_PER_CALL) {
    const middle = (from + to) >>> 1;
    fillNumeric(values, mean, rows, from, middle, out, stride, offset);
    fillNumeric(values, mean, rows, middle, to, out, stride, offset);
    return;
  }
  for (let r = from, at = offset + from * stride; r < to; r++, at += stride) {
    const v = values[rows[r]];
    out[at] = v === v ? v : mean;
  }
}

/** Sets, for rows from..to - 1, the block's column that the row's level turns on (out is zeroed: the others stay 0). */
function fillOneHot(level: Int32Array, first: number, from: number, to: number, out: Float64Array, stride: number): void {
  if (to - from > ROWS_PER_CALL) {
    const middle = (from + to) >>> 1;
    fillOneHot(level, first, from, middle, out, stride);
    fillOneHot(level, first, middle, to, out, stride);
    return;
  }
  for (let r = from, at = first + from * stride; r < to; r++, at += stride) if (level[r] >= 0) out[at + level[r]] = 1;
}

/**
 * Rows rows[from..to - 1]'s table entry, at the slot of their code (a missing one as `mode`), into
 * out's column `offset`. It takes the codes, not a function of the row: a closure made per column
 * and fold, called here, was a call target that the compiled code checked, and the next fold's
 * closure threw that code away.
 */
function fillLookup(table: Float64Array, codes: Int32Array, mode: number, rows: Uint32Array, from: number, to: number, out: Float64Array, stride: number, offset: number): void {
  if (to - from > ROWS_PER_CALL) {
    const middle = (from + to) >>> 1;
    fillLookup(table, codes, mode, rows, from, middle, out, stride, offset);
    fillLookup(table, codes, mode, rows, middle, to, out, stride, offset);
    return;
  }
  for (let r = from, at = offset + from * stride; r < to; r++, at += stride) {
    const code = codes[rows[r]];
    out[at] = table[(code < 0 ? mode : code) + 1];
  }
}

/**
 * Mode imputation then one-hot or frequency encoding. Codes are shifted by one so that -1 (a
 * missing cell left missing when the training rows have no value at all) is an ordinary slot.
 */
function categoricalStep(column: CategoricalColumn, train: Uint32Array): ColumnStep {
  const slots = column.levels.length + 1;
  const present = new Float64Array(slots);
  countSlots(column.codes, train, 0, train.length, present);
  // Mode of present training values; levels are sorted, so the first maximum is the smallest
  // value among ties, as scikit-learn's SimpleImputer(strategy="most_frequent").
  let fill = -1;
  for (let c = 1; c < slots; c++) if (present[c] > (fill < 0 ? 0 : present[fill + 1])) fill = c - 1;
  const counts = new Float64Array(slots);
  for (let c = 1; c < slots; c++) counts[c] = present[c];
  counts[fill + 1] += present[0];
  // A row's slot is then (code < 0 ? fill : code) + 1 (fillLookup, fillLevels).
  const codes = column.codes;
  let levelCount = 0;
  for (let c = 0; c < slots; c++) if (counts[c] > 0) levelCount++;

  if (levelCount <= MAX_ONE_HOT_LEVELS) {
    // Slot order follows sorted levels (with the no-value slot first), as OneHotEncoder's
    // sorted categories; an unseen level has no column and encodes as all zeros.
    const columnOf = new Int32Array(slots).fill(-1);
    let next = 0;
    for (let c = 0; c < slots; c++) if (counts[c] > 0) columnOf[c] = next++;
    return {
      width: levelCount,
      onColumns: (rows) => {
        const level = new Int32Array(rows.length);
        fillLevels(columnOf, codes, fill, rows, 0, rows.length, level);
        return level;
      },
    };
  }
  const frequency = new Float64Array(slots);
  for (let c = 0; c < slots; c++) frequency[c] = counts[c] / train.length;
  return {
    width: 1,
    fill: (rows, out, stride, offset) => fillLookup(frequency, codes, fill, rows, 0, rows.length, out, stride, offset),
  };
}

/** Adds rows train[from..to - 1] to their slot's count (code + 1, so that a missing cell's -1 is slot 0); see presentSum for why by halves. */
function countSlots(codes: Int32Array, train: Uint32Array, from: number, to: number, present: Float64Array): void {
  if (to - from > ROWS_PER_CALL) {
    const middle = (from + to) >>> 1;
    countSlots(codes, train, from, middle, present);
    countSlots(codes, train, middle, to, present);
    return;
  }
  for (let r = from; r < to; r++) present[codes[train[r]] + 1]++;
}

/** Where each one-hot step's columns sit and which of them each of `rows` has on. */
function oneHotBlocks(steps: readonly ColumnStep[], rows: Uint32Array): OneHotBlock[] {
  const blocks: OneHotBlock[] = [];
  let first = 0;
  for (const { width, onColumns } of steps) {
    if (onColumns !== undefined) {
      blocks.push({ first, width, level: onColumns(rows) });
    }
    first += width;
  }
  return blocks;
}

/**
 * The column that each of rows[from..to - 1] has on, columnOf at the slot of its code (a missing
 * one as `mode`); see presentSum for why by halves, fillLookup for why from the codes. A plain
 * loop: Int32Array.from with a mapping callback took 11 ms a block for 20,512 rows.
 */
function fillLevels(columnOf: Int32Array, codes: Int32Array, mode: number, rows: Uint32Array, from: number, to: number, level: Int32Array): void {
  if (to - from > ROWS_PER_CALL) {
    const middle = (from + to) >>> 1;
    fillLevels(columnOf, codes, mode, rows, from, middle, level);
    fillLevels(columnOf, codes, mode, rows, middle, to, level);
    return;
  }
  for (let r = from; r < to; r++) {
    const code = codes[rows[r]];
    level[r] = columnOf[(code < 0 ? mode : code) + 1];
  }
}

/** Fits the protocol's preprocessing (imputation and encoding, not scaling) on a fold's training rows. */
export function fitFeaturePlan(columns: readonly FeatureColumn[], train: Uint32Array): FeaturePlan {
  if (train.length === 0) throw new RangeError("cannot fit a feature plan on zero rows");
  const steps = columns.map((column) =>
    column.kind === "numeric" ? numericStep(column, train) : categoricalStep(column, train),
  );
  const width = steps.reduce((sum, step) => sum + step.width, 0);
  return {
    width,
    source: steps.flatMap((step, c) => new Array<number>(step.width).fill(c)),
    transform(rows) {
      const out = new Float64Array(rows.length * width);
      let offset = 0;
      for (const step of steps) {
        step.fill?.(rows, out, width, offset);
        offset += step.width;
      }
      const blocks = oneHotBlocks(steps, rows);
      for (const { first, level } of blocks) fillOneHot(level, first, 0, level.length, out, width);
      return createMatrix(rows.length, width, out, blocks);
    },
  };
}
