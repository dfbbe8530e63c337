import type { GridRow } from "../evaluate/grid.js";

/** Per partition, with --baseline global: the best global model's --sort value on this partition, and its name. */
export const GLOBAL_BEST_COLUMN = "Global_Best";
export const GLOBAL_MODEL_COLUMN = "Global_Model";

/**
 * A shard's piece carries every global row in full (so that merge may sort them by another
 * column), told apart from the partition's own rows by this column holding "global".
 */
export const BASELINE_ROW_COLUMN = "Baseline";
export const GLOBAL_ROW = "global";

/** The best of the global rows (sorted best first by the caller's sort), as the two columns' cells. */
export function globalCells(sorted: readonly GridRow[], column: string): [number | null, string | null] {
  const best = sorted[0];
  return best === undefined ? [null, null] : [best.mean[column] ?? NaN, best.model];
}
