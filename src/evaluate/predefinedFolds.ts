import { compareKeys } from "../data/partitionKey.js";
import { foldsFromAssignment, type Fold } from "./fold.js";

/**
 * Folds given by a column's values, as scikit-learn's PredefinedSplit: each distinct value is
 * one held-out fold, in sorted value order.
 */
export function predefinedFolds(values: readonly string[], rows: Uint32Array): Fold[] {
  const distinct = [...new Set(Array.from(rows, (i) => values[i]))].sort((a, b) => compareKeys([a], [b]));
  const foldOf = new Map(distinct.map((value, f) => [value, f]));
  const assignment = Uint32Array.from(rows, (i) => foldOf.get(values[i]) as number);
  return foldsFromAssignment(rows, assignment, distinct.length);
}
