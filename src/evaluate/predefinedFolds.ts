import { distinctValues } from "../data/distinctValues.js";
import { compareKeys } from "../data/partitionKey.js";
import { foldsFromAssignment, type Fold } from "./fold.js";

/**
 * Folds given by a column's values, as scikit-learn's PredefinedSplit: each distinct value is
 * one held-out fold, in sorted value order. Values that are all numbers are folds by value, as
 * pandas reads such a column (`1` and `1.0` are one fold).
 */
export function predefinedFolds(values: readonly string[], rows: Uint32Array): Fold[] {
  const folds = distinctValues(
    Array.from(rows, (i) => values[i]),
    (a, b) => compareKeys([a], [b]),
  );
  return foldsFromAssignment(rows, folds.codes, folds.values.length);
}
