import type { PartitionKey } from "../data/partitionKey.js";
import type { MetricId } from "./metrics.js";

/** A leaderboard row: the model's display name, its fold-mean metrics and TT_Sec. */
export type GridRow = { readonly Model: string } & { readonly [M in MetricId | "TT_Sec"]: number };

export type SortColumn = MetricId | "TT_Sec";

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
