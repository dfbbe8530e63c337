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
  const n = table.rows.length;
  for (const name of names) {
    const j = columnIndex(table, name);
    let present = 0;
    let numeric = true;
    for (let i = 0; i < n; i++) {
      const cell = table.rows[i][j];
      if (isMissing(cell)) continue;
      present++;
      if (numeric && !isNumericCell(cell)) numeric = false;
    }
    if (present === 0) {
      dropped.push({ name, reason: "has no values" });
      continue;
    }
    if (numeric) {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const cell = table.rows[i][j];
        values[i] = isMissing(cell) ? NaN : Number(cell);
      }
      columns.push({ kind: "numeric", name, values });
      continue;
    }
    const distinct = new Set<string>();
    for (let i = 0; i < n; i++) {
      const cell = table.rows[i][j];
      if (!isMissing(cell)) distinct.add(cell);
    }
    if (present >= 2 && distinct.size === present) {
      // Mostly missing, a column's few values are often all distinct too (Ames' PoolQC in a
      // neighbourhood): dropped by the same rule, but it is no identifier, and the note says so.
      dropped.push({ name, reason: 2 * present > n ? "is an identifier (every value is distinct)" : "has every value distinct, in under half the rows (too sparse to learn from)" });
      continue;
    }
    const levels = [...distinct].sort(byCodePoints);
    const codeOf = new Map(levels.map((level, code) => [level, code]));
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const cell = table.rows[i][j];
      codes[i] = isMissing(cell) ? -1 : (codeOf.get(cell) as number);
    }
    columns.push({ kind: "categorical", name, levels, codes });
  }
  return { columns, dropped };
}
