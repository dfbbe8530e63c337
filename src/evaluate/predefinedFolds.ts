import { isNumericCell } from "../data/numberCell.js";
import { compareKeys } from "../data/partitionKey.js";
import { foldsFromAssignment, type Fold } from "./fold.js";

/**
 * Folds given by a column's values, as scikit-learn's PredefinedSplit: each distinct value is
 * one held-out fold, in sorted value order. Values that are all numbers are folds by value, as
 * pandas reads such a column (`1` and `1.0` are one fold).
 */
export function predefinedFolds(values: readonly string[], rows: Uint32Array): Fold[] {
  const cells = Array.from(rows, (i) => values[i]);
  const same: (cell: string) => string | number = cells.every(isNumericCell) ? Number : String;
  const firstCell = new Map<string | number, string>();
  for (const cell of cells) if (!firstCell.has(same(cell))) firstCell.set(same(cell), cell);
  const distinct = [...firstCell].sort((a, b) => compareKeys([a[1]], [b[1]]));
  const foldOf = new Map(distinct.map(([value], f) => [value, f]));
  const assignment = Uint32Array.from(cells, (cell) => foldOf.get(same(cell)) as number);
  return foldsFromAssignment(rows, assignment, distinct.length);
}
