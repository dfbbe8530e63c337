import { featureColumns, type FeatureColumn } from "../data/featureColumns.js";
import { isMissing } from "../data/missing.js";
import { keyId, type PartitionKey } from "../data/partitionKey.js";
import { columnIndex, type Table } from "../data/table.js";
import { hashSeed } from "../stats/hashSeed.js";
import { createRng } from "../stats/rng.js";
import type { Fold } from "./fold.js";
import { fitModel, foldFeatures, warmUpFit, type FoldFeatures } from "./fitModels.js";
import { foldStatistics } from "./foldStatistics.js";
import type { GridRow, PartitionResult } from "./grid.js";
import { predefinedFolds } from "./predefinedFolds.js";
import type { ResultOptions } from "./resultOptions.js";
import { cannot, gridColumns, lacksData, ROWS_COLUMN, type Outcome, type Task, type TaskInfo, type TaskModel } from "./task.js";

/** What a child needs to score one table: the result options that act inside a table, and the feature columns. */
export type GridSpec = Pick<ResultOptions, "task" | "target" | "models" | "folds" | "foldColumn" | "trainSize" | "minRows" | "seed"> & {
  readonly features: readonly string[];
};

export interface ScoreHooks {
  /** Called after each model fit (one model on one fold), for progress displays. */
  onFit?(model: string): void;
  /**
   * Asked before each model fit: true has the model fitted first on a sample of the fold's rows,
   * outside its timing (fitModels.ts's warmUpFit). A child process answers true once per model.
   */
  warmUp?(model: string): boolean;
}

/** A table ready to cross-validate: its target, its folds and its typed feature columns. */
interface PreparedTable<Y> {
  readonly y: Y;
  readonly folds: readonly Fold[];
  readonly columns: readonly FeatureColumn[];
}

/**
 * A reason for too few rows to fold, saying so when the --train-size split made them few: the
 * row's Rows and Minority count the whole partition, the folds only the rows the split keeps.
 */
function afterSplit(reason: string, spec: GridSpec, kept: number, all: number): string {
  return kept < all ? `${reason} (the --train-size ${spec.trainSize} split keeps ${kept} of ${all} rows)` : reason;
}

/** The protocol's split, folds and column types for a table whose target was read. */
function prepareTable<Y>(task: Task<Y>, usable: Table, y: Y, spec: GridSpec, seed: number, notes: string[]): Outcome<PreparedTable<Y>> {
  const rows = task.trainRows(y, spec.trainSize, createRng(hashSeed(seed, "split")));
  let folds: readonly Fold[];
  if (spec.foldColumn !== null) {
    const foldAt = columnIndex(usable, spec.foldColumn);
    folds = predefinedFolds(
      usable.rows.map((row) => row[foldAt]),
      rows,
    );
    // The partition's rows all lie in one fold: too little data to cross-validate, as one row is.
    if (folds.length < 2) return lacksData(`fold column ${spec.foldColumn} has fewer than 2 distinct values`);
    // A class of one row, as k-fold refuses it: the fold holding it out trains without it.
    const tooFew = task.tooFewToFold(y, rows);
    if (tooFew !== null) return lacksData(afterSplit(tooFew, spec, rows.length, usable.rows.length));
  } else {
    const made = task.folds(y, rows, spec.folds, createRng(hashSeed(seed, "folds")), notes);
    if (!made.ok) return made.skip ? lacksData(afterSplit(made.reason, spec, rows.length, usable.rows.length)) : made;
    folds = made.value;
  }
  const typed = featureColumns(usable, spec.features);
  for (const column of typed.dropped) notes.push(`column ${column.name} ${column.reason}: dropped`);
  if (typed.columns.length === 0) {
    const why = typed.dropped.map((column) => `${column.name} ${column.reason}`).join("; ");
    return cannot(`no usable feature columns${why === "" ? "" : ` (${why})`}`);
  }
  return { ok: true, value: { y, folds, columns: typed.columns } };
}

/** Per model: each metric's value on each fold (metrics in task order, then TT_Sec), or why it failed. */
interface ModelScores {
  readonly columns: number[][];
  error: string | null;
}

/** One model on one fold: its metric values (task order, then TT_Sec), or why it failed there. */
export type FoldScore = { readonly values: readonly number[] } | { readonly error: string };

/** What is known of a partition's data (Rows and the task's target facts), whatever becomes of it. */
export type PartitionFacts = Readonly<Record<string, number>>;

/**
 * A table ready to be scored fold by fold, in any process and in any order: each fold's work
 * depends only on the table, the key's seed and the fold's number (the unit the pool schedules).
 */
export interface FoldWork<Y> {
  readonly task: Task<Y>;
  readonly table: PreparedTable<Y>;
  readonly models: readonly TaskModel<Y>[];
  readonly seed: number;
}

/** A table's preparation: its facts, and its fold work or why it cannot be cross-validated. */
export interface Preparation<Y> {
  readonly facts: PartitionFacts;
  readonly work: Outcome<FoldWork<Y>>;
}

/** The spec's models, in registry order: the order of every fold's scores. */
export function chosenModels<M extends { readonly id: string }>(task: { readonly models: readonly M[] }, spec: Pick<GridSpec, "models">): readonly M[] {
  return task.models.filter((model) => spec.models.includes(model.id));
}

/**
 * Reads the target, applies --min-rows, splits, folds and types the columns of one table, ready
 * for scoreFold; notes collects what stderr should hear.
 */
export function prepareFolds<Y>(task: Task<Y>, table: Table, key: PartitionKey, spec: GridSpec, notes: string[]): Preparation<Y> {
  const targetAt = columnIndex(table, spec.target);
  const usable: Table = { header: table.header, rows: table.rows.filter((row) => !isMissing(row[targetAt])) };
  const target = task.target(
    usable.rows.map((row) => row[targetAt]),
    spec.target,
  );
  const facts = { [ROWS_COLUMN]: usable.rows.length, ...(target.ok ? task.describe(target.value) : "facts" in target ? target.facts : {}) };
  // The user's own floor comes first: a small partition is said to be small, whatever else it lacks.
  if (usable.rows.length < spec.minRows) return { facts, work: lacksData(`${usable.rows.length} row${usable.rows.length === 1 ? "" : "s"}, fewer than --min-rows ${spec.minRows}`) };
  if (!target.ok) return { facts, work: target };
  const seed = hashSeed(spec.seed, keyId(key));
  const prepared = prepareTable(task, usable, target.value, spec, seed, notes);
  if (!prepared.ok) return { facts, work: prepared };
  return { facts, work: { ok: true, value: { task, table: prepared.value, models: chosenModels(task, spec), seed } } };
}

/** The result of a table that is not scored: skipped for lack of data, else failed. */
export function refusedResult(key: PartitionKey, outcome: { readonly reason: string; readonly skip: boolean }, notes: readonly string[], facts?: PartitionFacts): PartitionResult {
  return { key, status: outcome.skip ? "skipped" : "failed", reason: outcome.reason, rows: [], notes: [...notes], ...(facts === undefined ? {} : { facts }) };
}

/** Fold f's encoded rows, which every model scored on the fold shares (a child keeps them between units of one fold). */
export function workFeatures<Y>(work: FoldWork<Y>, f: number): FoldFeatures {
  const fold = work.table.folds[f];
  return foldFeatures(work.table.columns, fold.train, fold.test);
}

/**
 * Every model on fold f (null for a model skipped because `skip` says so), fitted as fitModel
 * fits it, its output checked and scored on the fold's held-out rows. `features`, when given,
 * are fold f's (workFeatures).
 */
export function scoreFold<Y>(work: FoldWork<Y>, f: number, hooks: ScoreHooks = {}, skip: readonly boolean[] = [], features?: FoldFeatures): (FoldScore | null)[] {
  const { task, table, models, seed } = work;
  const fold = table.folds[f];
  if (models.every((_, m) => skip[m] === true)) return models.map(() => null);
  const shared = features ?? workFeatures(work, f);
  const yTrain = task.take(table.y, fold.train);
  const yTest = task.take(table.y, fold.test);
  return models.map((model, m): FoldScore | null => {
    if (skip[m] === true) return null;
    if (hooks.warmUp?.(model.id) === true) warmUpFit(table.columns, fold.train, fold.test, (rows) => task.take(table.y, rows), model, seed, f);
    const result = fitModel(shared, yTrain, model, seed, f);
    hooks.onFit?.(model.id);
    if ("error" in result) return result;
    // An output that breaks the contract fails the model as a throw would: a metric fed NaNs
    // does not fail, it ranks them by row order.
    const broken = task.checkOutput(result.output, fold.test.length, yTest, model.id);
    if (broken !== null) return { error: `${broken} in fold ${f + 1}` };
    return { values: [...task.metrics.map((metric) => metric.score(yTest, result.output)), result.seconds] };
  });
}

/**
 * Per model, its folds' scores in fold order up to its first failure, which is its reason: the
 * same whether the folds ran here one after the other or on several processes.
 */
function modelScores(task: TaskInfo, models: number, folds: readonly (readonly (FoldScore | null)[])[]): ModelScores[] {
  return Array.from({ length: models }, (_, m) => {
    const record: ModelScores = { columns: gridColumns(task).map(() => []), error: null };
    for (const fold of folds) {
      const score = fold[m];
      if (score === null) break;
      if ("error" in score) {
        record.error = score.error;
        break;
      }
      score.values.forEach((value, c) => record.columns[c].push(value));
    }
    return record;
  });
}

/** Every fold in turn; a model that failed on a fold is not fitted on the later ones. */
function scoreFolds<Y>(work: FoldWork<Y>, hooks: ScoreHooks): (FoldScore | null)[][] {
  const skip = work.models.map(() => false);
  return work.table.folds.map((_, f) => {
    const scores = scoreFold(work, f, hooks, skip);
    scores.forEach((score, m) => {
      if (score !== null && "error" in score) skip[m] = true;
    });
    return scores;
  });
}

/**
 * PyCaret's compare_models for one table under one task: the protocol's folds, preprocessing
 * fitted per fold on training rows, each model fitted and scored on the held-out rows, columns
 * averaged over folds. Pure apart from timing: the same table, key and spec give the same grid in
 * any process. Never throws for a bad table: it returns a skipped result (too little data to
 * cross-validate) or a failed one, with the reason.
 */
export function scoreTable<Y>(task: Task<Y>, table: Table, key: PartitionKey, spec: GridSpec, hooks: ScoreHooks = {}): PartitionResult {
  const notes: string[] = [];
  const { facts, work } = prepareFolds(task, table, key, spec, notes);
  if (!work.ok) return refusedResult(key, work, notes, facts);
  return gridFromFolds(task, key, spec, scoreFolds(work.value, hooks), notes, facts);
}

/**
 * A table's grid from its folds' scores (fold by fold, each model in spec order, as scoreFold
 * gives them), with the notes and facts of its preparation: what scoreTable returns, whichever
 * processes scored the folds.
 */
export function gridFromFolds<Y>(
  task: Task<Y>,
  key: PartitionKey,
  spec: GridSpec,
  folds: readonly (readonly (FoldScore | null)[])[],
  notes: string[],
  facts: PartitionFacts,
): PartitionResult {
  const models = chosenModels(task, spec);
  const scores = modelScores(task, models.length, folds);
  const columns = gridColumns(task).map((column) => column.id);
  const rows: GridRow[] = [];
  const failures: string[] = [];
  models.forEach((model, m) => {
    const { columns: values, error } = scores[m];
    if (error !== null) {
      notes.push(`${model.name} failed and is left out: ${error}`);
      failures.push(`${model.name}: ${error}`);
      return;
    }
    const stats = values.map(foldStatistics);
    rows.push({
      model: model.name,
      mean: Object.fromEntries(columns.map((id, c) => [id, stats[c].mean])),
      sd: Object.fromEntries(columns.map((id, c) => [id, stats[c].sd])),
    });
  });
  // The reasons go in the partition's own reason too: a single table that fails is one line.
  if (rows.length === 0) return refusedResult(key, cannot(`every model failed (${failures.join("; ")})`), notes, facts);
  return { key, status: "ok", reason: "", rows, notes, facts };
}
