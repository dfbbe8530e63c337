import type { PartitionKey } from "../data/partitionKey.js";

/**
 * A leaderboard row: the model's display name and, for every grid column of the task (its
 * metrics, then TT_Sec), the mean over folds and the standard deviation over folds (numpy's
 * std, ddof 0, as PyCaret's "Std" row); NaN where no fold defined the column.
 */
export interface GridRow {
  readonly model: string;
  readonly mean: Readonly<Record<string, number>>;
  readonly sd: Readonly<Record<string, number>>;
}

export type PartitionStatus = "ok" | "failed";

/** The outcome of one table (one partition): a value, never an exception. */
export interface PartitionResult {
  readonly key: PartitionKey;
  readonly status: PartitionStatus;
  /** Why the partition failed; empty when ok. */
  readonly reason: string;
  /** One row per model that could be scored, in registry order (sorting is the report's job). */
  readonly rows: readonly GridRow[];
  /** Things the user should hear about on stderr (dropped columns, fewer folds, failed models). */
  readonly notes: readonly string[];
}
