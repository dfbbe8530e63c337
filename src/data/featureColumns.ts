import { isMissing } from "./missing.js";
import { isNumericCell } from "./numberCell.js";
import { columnIndex, type Table } from "./table.js";
import { byCodePoints } from "./codePointOrder.js";

export interface NumericColumn {
  readonly kind: "numeric";
  readonly name: string;
  /** NaN where the cell is missing. */
  readonly values: Float64Array;
}

export interface CategoricalColumn {
  readonly kind: "categorical";
  readonly name: string;
  /** Distinct present values, in code-point order (as NumPy sorts OneHotEncoder's categories); codes index into this. */
  readonly levels: readonly string[];
  /** -1 where the cell is missing. */
  readonly codes: Int32Array;
}

export type FeatureColumn = NumericColumn | CategoricalColumn;

export interface DroppedColumn {
  readonly name: string;
  readonly reason: string;
}

export interface TypedFeatures {
  readonly columns: readonly FeatureColumn[];
  readonly dropped: readonly DroppedColumn[];
}

/**
 * The protocol's column types (README, "The protocol"), for one table: a column is numeric when every present value is a number,
 * else categorical. A column with no values, or a categorical whose present values are all
 * distinct (an identifier such as a passenger's name, or a mostly missing column whose few
 * values differ), carries no signal and is dropped.
 */
export function featureColumns(table: Table, names: readonly string[]): TypedFeatures {
  const columns: FeatureColumn[] = [];
  const dropped: DroppedColumn[] = [];
  const rows = table.rows;
  const n = rows.length;
  for (const name of names) {
    const j = columnIndex(table, name);
    const present = presentCells(rows, j);
    if (present === 0) {
      dropped.push({ name, reason: "has no values" });
      continue;
    }
    if (allNumeric(rows, j)) {
      columns.push({ kind: "numeric", name, values: numericValues(rows, j) });
      continue;
    }
    const distinct = distinctCells(rows, j);
    if (present >= 2 && distinct.size === present) {
      // Mostly missing, a column's few values are often all distinct too (Ames' PoolQC in a
      // neighbourhood): dropped by the same rule, but it is no identifier, and the note says so.
      dropped.push({ name, reason: 2 * present > n ? "is an identifier (every value is distinct)" : "has every value distinct, in under half the rows (too sparse to learn from)" });
      continue;
    }
    const levels = [...distinct].sort(byCodePoints);
    const codeOf = new Map(levels.map((level, code) => [level, code]));
    columns.push({ kind: "categorical", name, levels, codes: cellCodes(rows, j, codeOf) });
  }
  return { columns, dropped };
}

/*
 * Each loop over the rows is a function of its own, ending with its loop: V8 compiles a long
 * loop met in a first call on the stack (OSR), and that code was thrown away wherever it reached
 * code after the loop that had not run yet; with every column's four loops in featureColumns,
 * it was compiled whole nine times for one census-shaped table.
 */

/** Column j's cells that are not missing. */
function presentCells(rows: readonly (readonly string[])[], j: number): number {
  let present = 0;
  for (let i = 0; i < rows.length; i++) if (!isMissing(rows[i][j])) present++;
  return present;
}

/** Whether every present cell of column j is a number. */
function allNumeric(rows: readonly (readonly string[])[], j: number): boolean {
  for (let i = 0; i < rows.length; i++) {
    const cell = rows[i][j];
    if (!isMissing(cell) && !isNumericCell(cell)) return false;
  }
  return true;
}

function numericValues(rows: readonly (readonly string[])[], j: number): Float64Array {
  const values = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const cell = rows[i][j];
    values[i] = isMissing(cell) ? NaN : Number(cell);
  }
  return values;
}

function distinctCells(rows: readonly (readonly string[])[], j: number): Set<string> {
  const distinct = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    const cell = rows[i][j];
    if (!isMissing(cell)) distinct.add(cell);
  }
  return distinct;
}

function cellCodes(rows: readonly (readonly string[])[], j: number, codeOf: ReadonlyMap<string, number>): Int32Array {
  const codes = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const cell = rows[i][j];
    codes[i] = isMissing(cell) ? -1 : (codeOf.get(cell) as number);
  }
  return codes;
}
