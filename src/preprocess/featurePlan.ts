import type { CategoricalColumn, FeatureColumn, NumericColumn } from "../data/featureColumns.js";
import { createMatrix, type Matrix, type OneHotBlock } from "../stats/matrix.js";

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
  /** A one-hot step's column that is on for `row` (0..width - 1), or -1 when none is. */
  readonly onColumn?: (row: number) => number;
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
  const count = presentCount(values, train);
  // A fold whose training rows all lack this column has nothing to impute from; 0 is neutral.
  const mean = count > 0 ? presentSum(values, train) / count : 0;
  return {
    width: 1,
    fill: (rows, out, stride, offset) => fillNumeric(values, mean, rows, out, stride, offset),
  };
}

/*
 * The loops below are functions of their own, each ending with its loop: V8 compiles a long loop
 * during a function's first call, and code after the loop that had not run yet then threw that
 * code away at every later call (bench/deoptLoops.ts found numericStep's, 23 times a fold).
 */

/** The values of `train` rows that are not missing, summed in row order. */
function presentSum(values: Float64Array, train: Uint32Array): number {
  let sum = 0;
  for (let r = 0; r < train.length; r++) {
    const v = values[train[r]];
    if (v === v) sum += v;
  }
  return sum;
}

function presentCount(values: Float64Array, train: Uint32Array): number {
  let count = 0;
  for (let r = 0; r < train.length; r++) count += +(values[train[r]] === values[train[r]]);
  return count;
}

function fillNumeric(values: Float64Array, mean: number, rows: Uint32Array, out: Float64Array, stride: number, offset: number): void {
  for (let r = 0, at = offset; r < rows.length; r++, at += stride) {
    const v = values[rows[r]];
    out[at] = v === v ? v : mean;
  }
}

/** Sets, for each row, the block's column that its level turns on (out is zeroed: the others stay 0). */
function fillOneHot(block: OneHotBlock, out: Float64Array, stride: number): void {
  const { first, level } = block;
  for (let r = 0, at = first; r < level.length; r++, at += stride) if (level[r] >= 0) out[at + level[r]] = 1;
}

function fillLookup(table: Float64Array, slot: (row: number) => number, rows: Uint32Array, out: Float64Array, stride: number, offset: number): void {
  for (let r = 0, at = offset; r < rows.length; r++, at += stride) out[at] = table[slot(rows[r])];
}

/**
 * Mode imputation then one-hot or frequency encoding. Codes are shifted by one so that -1 (a
 * missing cell left missing when the training rows have no value at all) is an ordinary slot.
 */
function categoricalStep(column: CategoricalColumn, train: Uint32Array): ColumnStep {
  const slots = column.levels.length + 1;
  const present = slotCounts(column.codes, train, slots);
  // Mode of present training values; levels are sorted, so the first maximum is the smallest
  // value among ties, as scikit-learn's SimpleImputer(strategy="most_frequent").
  let fill = -1;
  for (let c = 1; c < slots; c++) if (present[c] > (fill < 0 ? 0 : present[fill + 1])) fill = c - 1;
  const counts = new Float64Array(slots);
  for (let c = 1; c < slots; c++) counts[c] = present[c];
  counts[fill + 1] += present[0];
  const codes = column.codes;
  const imputed = (row: number): number => {
    const code = codes[row];
    return (code < 0 ? fill : code) + 1;
  };
  let levelCount = 0;
  for (let c = 0; c < slots; c++) if (counts[c] > 0) levelCount++;

  if (levelCount <= MAX_ONE_HOT_LEVELS) {
    // Slot order follows sorted levels (with the no-value slot first), as OneHotEncoder's
    // sorted categories; an unseen level has no column and encodes as all zeros.
    const columnOf = new Int32Array(slots).fill(-1);
    let next = 0;
    for (let c = 0; c < slots; c++) if (counts[c] > 0) columnOf[c] = next++;
    const onColumn = (row: number): number => columnOf[imputed(row)];
    return {
      width: levelCount,
      onColumn,
    };
  }
  const frequency = new Float64Array(slots);
  for (let c = 0; c < slots; c++) frequency[c] = counts[c] / train.length;
  return {
    width: 1,
    fill: (rows, out, stride, offset) => fillLookup(frequency, imputed, rows, out, stride, offset),
  };
}

/** Training rows per slot (code + 1, so that a missing cell's -1 is slot 0); see presentSum for why a function of its own. */
function slotCounts(codes: Int32Array, train: Uint32Array, slots: number): Float64Array {
  const present = new Float64Array(slots);
  for (let r = 0; r < train.length; r++) present[codes[train[r]] + 1]++;
  return present;
}

/** Where each one-hot step's columns sit and which of them each of `rows` has on. */
function oneHotBlocks(steps: readonly ColumnStep[], rows: Uint32Array): OneHotBlock[] {
  const blocks: OneHotBlock[] = [];
  let first = 0;
  for (const { width, onColumn } of steps) {
    if (onColumn !== undefined) {
      blocks.push({ first, width, level: onColumns(onColumn, rows) });
    }
    first += width;
  }
  return blocks;
}

/**
 * The column each of `rows` has on (see presentSum for why a function of its own). A plain loop:
 * Int32Array.from with a mapping callback took 11 ms a block for 20,512 rows.
 */
function onColumns(onColumn: (row: number) => number, rows: Uint32Array): Int32Array {
  const level = new Int32Array(rows.length);
  for (let r = 0; r < rows.length; r++) level[r] = onColumn(rows[r]);
  return level;
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
      for (const block of blocks) fillOneHot(block, out, width);
      return createMatrix(rows.length, width, out, blocks);
    },
  };
}
