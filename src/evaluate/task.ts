import type { TargetSummary } from "../data/readPartitions.js";
import type { Matrix } from "../stats/matrix.js";
import type { Rng } from "../stats/rng.js";
import type { Fold } from "./fold.js";

export type TaskId = "classification" | "regression";

/** A numeric grid column (a metric, or TT_Sec) and which way is better, which decides the sort. */
export interface ColumnSpec {
  readonly id: string;
  readonly greaterIsBetter: boolean;
}

/** Mean seconds per fold to fit and predict: a column of every task, best when smallest. */
export const TIME_COLUMN: ColumnSpec = { id: "TT_Sec", greaterIsBetter: false };

/**
 * A metric, as PyCaret's metric containers and scikit-learn's scorers: its column, its
 * direction, what it reads of a model's output, and how one held-out fold is scored.
 */
export interface MetricSpec<Y> extends ColumnSpec {
  /** "label": classes decided from the scores; "score": the class scores themselves (AUC); "value": predictions. */
  readonly consumes: "label" | "score" | "value";
  /** NaN where the metric is undefined on this fold; the fold is then left out of the mean. */
  score(truth: Y, output: Float64Array): number;
}

/** A model as a task runs it: fitted on a fold's training rows, answering for its held-out rows. */
export interface TaskModel<Y> {
  readonly id: string;
  /** PyCaret's display name, shown in the grid. */
  readonly name: string;
  /** Whether the protocol z-scores the encoded features before this model sees them. */
  readonly scaled: boolean;
  /** Fits on (train, y) and returns its output for `test`: class scores (rows x classes: probabilities or decision values) or predictions. */
  fitPredict(train: Matrix, y: Y, test: Matrix, rng: Rng): Float64Array;
}

/** What the rest of the tool knows of a task without its target type: columns, sort, models. */
export interface TaskInfo {
  readonly id: TaskId;
  /** Metric columns, in grid order. */
  readonly metrics: readonly ColumnSpec[];
  readonly defaultSort: string;
  /** Registry order, which is the grid's order before sorting and breaks sort ties. */
  readonly models: readonly { readonly id: string; readonly name: string }[];
  /**
   * What the task says of a partition's target besides its row count, in grid order: the columns
   * `describe` fills (the classification task's class balance, `Minority`); none for regression.
   */
  readonly targetFacts: readonly string[];
  /**
   * The id of the model every other is measured against (the dummy, which predicts from the
   * training target alone): a grid whose best model does not beat it has learnt nothing.
   */
  readonly baselineModel: string;
  /** Why this task cannot score the file's target at all (a classifier needs two classes), or null. */
  refuseTarget(target: TargetSummary, name: string): string | null;
  /** What the user should hear about a target this task can score but whose grid would mislead, or null. */
  warnTarget(target: TargetSummary, name: string): string | null;
}

/**
 * A value, or the reason there is none (a table that cannot be scored is a value too). `skip`
 * says the table is too small to cross-validate (one class, a class of one row, one row): a fact
 * of the data, which the grid reports as `skipped`, not a fault, which it reports as `failed`.
 */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string; readonly skip: boolean };

/**
 * A table's target, or why it cannot be scored, with what is known of it all the same where the
 * cells could be read (describe's facts: a target with too many classes still has a class balance).
 */
export type TargetOutcome<Y> = Outcome<Y> | { readonly ok: false; readonly reason: string; readonly skip: boolean; readonly facts: Record<string, number> };

/** No value for lack of data: the partition is skipped. */
export function lacksData(reason: string): { readonly ok: false; readonly reason: string; readonly skip: true } {
  return { ok: false, reason, skip: true };
}

/** No value for any other reason: the partition failed. */
export function cannot(reason: string): { readonly ok: false; readonly reason: string; readonly skip: false } {
  return { ok: false, reason, skip: false };
}

/**
 * A learning task as one record (scikit-learn's scorers and PyCaret's containers carry the same
 * facts): how a table's target is read, how rows are split into folds, which models run, how
 * their output is checked and scored. compareModels, the grid, the sort and merge ask the task
 * instead of branching on its name.
 */
export interface Task<Y> extends TaskInfo {
  readonly metrics: readonly MetricSpec<Y>[];
  readonly models: readonly TaskModel<Y>[];
  /** A table's target cells (none missing) as this task's target, or why the table cannot be scored. */
  target(cells: readonly string[], name: string): TargetOutcome<Y>;
  /** The target of the given rows, in their order. */
  take(y: Y, rows: Uint32Array): Y;
  /** The rows kept for cross-validation when trainSize < 1 (sorted), all rows at 1. */
  trainRows(y: Y, trainSize: number, rng: Rng): Uint32Array;
  /**
   * Why `rows` are too few to cross-validate at all (a class of one row, fewer than 2 rows), or
   * null: the rule of every way of folding, k-fold (`folds`) and a --fold-column's folds alike.
   */
  tooFewToFold(y: Y, rows: Uint32Array): string | null;
  /** k folds over `rows`; a task may use fewer folds (with a note) or say why it cannot fold. */
  folds(y: Y, rows: Uint32Array, k: number, rng: Rng, notes: string[]): Outcome<readonly Fold[]>;
  /** Why model `modelId`'s output for `rows` held-out rows cannot be scored, or null when it can. */
  checkOutput(output: Float64Array, rows: number, y: Y, modelId: string): string | null;
  /** Facts about a partition's target, keyed by the task's targetFacts (finite numbers). */
  describe(y: Y): Record<string, number>;
}

/** Every column of a task's grid after Model, in order: its metrics, then TT_Sec. */
export function gridColumns(task: TaskInfo): readonly ColumnSpec[] {
  return [...task.metrics, TIME_COLUMN];
}

/** The rows of a partition that have a target value, before the train split: a column of every task. */
export const ROWS_COLUMN = "Rows";

/** The columns that describe a partition rather than a model, in grid order: Rows, then the task's target facts. */
export function partitionFactColumns(task: TaskInfo): readonly string[] {
  return [ROWS_COLUMN, ...task.targetFacts];
}
