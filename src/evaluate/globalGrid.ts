import type { FoldScore } from "./compareModels.js";
import { foldStatistics } from "./foldStatistics.js";
import type { GridRow } from "./grid.js";
import { gridColumns, type TaskInfo } from "./task.js";

/** One global fold's answer: per partition, every model's score, or null where the partition held no rows out. */
export type GlobalFoldScores = readonly (readonly (FoldScore | null)[] | null)[];

/**
 * Each partition's global rows from the global folds' scores: per model (in `models` order), the
 * mean and deviation of each column over the folds that held this partition's rows out, as a
 * partition's own grid averages its folds. A model that failed on one of those folds has no row.
 */
export function globalRows(task: TaskInfo, models: readonly string[], folds: readonly GlobalFoldScores[], partitions: number): GridRow[][] {
  const columns = gridColumns(task).map((column) => column.id);
  return Array.from({ length: partitions }, (_, p) =>
    models.flatMap((model, m) => {
      const values: number[][] = columns.map(() => []);
      let scored = 0;
      for (const fold of folds) {
        const score = fold[p]?.[m] ?? null;
        if (score === null) continue;
        if ("error" in score) return [];
        score.values.forEach((value, c) => values[c].push(value));
        scored++;
      }
      if (scored === 0) return [];
      const stats = values.map(foldStatistics);
      return [{ model, mean: Object.fromEntries(columns.map((id, c) => [id, stats[c].mean])), sd: Object.fromEntries(columns.map((id, c) => [id, stats[c].sd])) }];
    }),
  );
}
