import type { GridRow } from "../evaluate/grid.js";
import type { ColumnSpec, TaskInfo } from "../evaluate/task.js";

/** The per-partition column saying whether the partition's best model beats the task's baseline (the dummy). */
export const BEATS_BASELINE_COLUMN = "Beats_Dummy";

/** The baseline model's display name, which grid rows carry; null if the task's registry lacks it. */
export function baselineName(task: TaskInfo): string | null {
  return task.models.find((model) => model.id === task.baselineModel)?.name ?? null;
}

/**
 * Whether the best of the other models is strictly better than the baseline's row on `column`
 * (by its direction), as the sort ranks them: a NaN never beats anything, and a finite value
 * beats a NaN baseline, since the sort puts NaN last. Better means by more than the rounding of a
 * mean over folds (TIE): fold scores of 0.5, 0.8, 0.8 and of 0.5, 0.9, 0.7 average to 0.7 both,
 * summed to 0.7000000000000001 and 0.6999999999999998. null when the baseline has no row (it was
 * not run, or it failed): there is nothing to compare with. "no" when no other model has a row.
 */
export function beatsBaseline(rows: readonly GridRow[], column: ColumnSpec, baseline: string | null): "yes" | "no" | null {
  const reference = rows.find((row) => row.model === baseline);
  if (reference === undefined) return null;
  const floor = reference.mean[column.id];
  const beats = rows.some((row) => {
    if (row === reference) return false;
    const value = row.mean[column.id];
    if (Number.isNaN(value)) return false;
    if (Number.isNaN(floor)) return true;
    const margin = column.greaterIsBetter ? value - floor : floor - value;
    return margin > TIE * Math.max(Math.abs(value), Math.abs(floor));
  });
  return beats ? "yes" : "no";
}

/** Relative difference below which two means are one value rounded two ways (a few ulps of a sum of folds). */
const TIE = 1e-12;
