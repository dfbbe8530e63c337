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

/**
 * ok: scored. skipped: too little data to cross-validate (one class, a class of one row, fewer
 * rows than --min-rows), which is a fact of the data. failed: anything else kept it from a grid
 * (every model failing, a child dying twice, a target that looks continuous).
 */
export type PartitionStatus = "ok" | "skipped" | "failed";

export const PARTITION_STATUSES: readonly PartitionStatus[] = ["ok", "skipped", "failed"];

/** The outcome of one table (one partition): a value, never an exception. */
export interface PartitionResult {
  readonly key: PartitionKey;
  readonly status: PartitionStatus;
  /** Why the partition was skipped or failed; empty when ok. */
  readonly reason: string;
  /**
   * What is known of the partition's data, keyed by column (src/evaluate/task.ts,
   * partitionFactColumns): Rows, and the task's target facts once its target was read. Absent
   * when nothing is known (a child died before saying).
   */
  readonly facts?: Readonly<Record<string, number>>;
  /** One row per model that could be scored, in registry order (sorting is the report's job). */
  readonly rows: readonly GridRow[];
  /**
   * --baseline global: the same models trained on every partition's rows, scored on this
   * partition's held-out rows (src/evaluate/globalFolds.ts), in registry order; absent without
   * the option, empty when no global model could be scored here.
   */
  readonly global?: readonly GridRow[];
  /**
   * --baseline global could not be computed for the run (why): `global` is then empty, and a
   * resumed run computes the baseline again rather than keep the gap.
   */
  readonly globalFailed?: string;
  /** Things the user should hear about on stderr (dropped columns, fewer folds, failed models). */
  readonly notes: readonly string[];
}
