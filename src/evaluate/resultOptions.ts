import type { DecimalMark } from "../data/dialect.js";
import type { TaskId } from "./task.js";

/**
 * The options that change a grid's numbers, resolved (the task chosen, the model list made
 * explicit). Recorded in shard manifests and json metadata: pieces of one run must agree on all
 * of them, and the scoring spec each child receives is cut from them.
 */
export interface ResultOptions {
  readonly task: TaskId;
  readonly target: string;
  readonly by: readonly string[];
  /** Model ids of the task, in registry order. */
  readonly models: readonly string[];
  readonly folds: number;
  readonly foldColumn: string | null;
  readonly trainSize: number;
  /** Partitions with fewer rows (with a target, before the split) are skipped; 0 skips none. */
  readonly minRows: number;
  readonly seed: number;
  readonly ignore: readonly string[];
  /** How the file is read (src/data/dialect.ts): the option as given, "auto" included. */
  readonly delimiter: string;
  readonly encoding: string;
  readonly decimal: DecimalMark;
  /**
   * --baseline global: every partition also scored by the same models trained on all partitions'
   * rows. Absent without it, so that grids and journals made before the option read the same.
   */
  readonly baseline?: "global";
}
