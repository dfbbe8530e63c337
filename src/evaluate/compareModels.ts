import { performance } from "node:perf_hooks";
import { featureColumns, type FeatureColumn } from "../data/featureColumns.js";
import { isMissing } from "../data/missing.js";
import { keyId, type PartitionKey } from "../data/partitionKey.js";
import { columnIndex, type Table } from "../data/table.js";
import type { Matrix } from "../stats/matrix.js";
import { fitFeaturePlan } from "../preprocess/featurePlan.js";
import { applyStandardScaler, fitStandardScaler } from "../preprocess/standardScaler.js";
import { hashSeed } from "../stats/hashSeed.js";
import { createRng } from "../stats/rng.js";
import type { Fold } from "./fold.js";
import { foldStatistics } from "./foldStatistics.js";
import type { GridRow, PartitionResult } from "./grid.js";
import { predefinedFolds } from "./predefinedFolds.js";
import type { ResultOptions } from "./resultOptions.js";
import { cannot, lacksData, ROWS_COLUMN, TIME_COLUMN, type Outcome, type Task, type TaskModel } from "./task.js";

/** What a child needs to score one table: the result options that act inside a table, and the feature columns. */
export type GridSpec = Pick<ResultOptions, "task" | "target" | "models" | "folds" | "foldColumn" | "trainSize" | "minRows" | "seed"> & {
  readonly features: readonly string[];
};

export interface ScoreHooks {
  /** Called after each model fit (one model on one fold), for progress displays. */
  onFit?(model: string): void;
}

/** A table ready to cross-validate: its target, its folds and its typed feature columns. */
interface PreparedTable<Y> {
  readonly y: Y;
  readonly folds: readonly Fold[];
  readonly columns: readonly FeatureColumn[];
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
  } else {
    const made = task.folds(y, rows, spec.folds, createRng(hashSeed(seed, "folds")), notes);
    if (!made.ok) return made;
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

/**
 * Every model on every fold. The encoding (and, for the models that want it, the z-scoring) is
 * fitted once per fold on the fold's training rows and shared by all models; each model draws
 * from its own seed (model, fold), so leaving one out changes nothing for the others.
 */
function scoreFolds<Y>(task: Task<Y>, table: PreparedTable<Y>, models: readonly TaskModel<Y>[], seed: number, hooks: ScoreHooks): ModelScores[] {
  const scores: ModelScores[] = models.map(() => ({ columns: [...task.metrics, TIME_COLUMN].map(() => []), error: null }));
  table.folds.forEach((fold, f) => {
    const plan = fitFeaturePlan(table.columns, fold.train);
    const plain = { train: plan.transform(fold.train), test: plan.transform(fold.test) };
    let scaled: { train: Matrix; test: Matrix } | null = null;
    const yTrain = task.take(table.y, fold.train);
    const yTest = task.take(table.y, fold.test);
    models.forEach((model, m) => {
      const record = scores[m];
      if (record.error !== null) return;
      if (model.scaled && scaled === null) {
        const scaler = fitStandardScaler(plain.train);
        scaled = { train: applyStandardScaler(plain.train, scaler), test: applyStandardScaler(plain.test, scaler) };
      }
      const data = model.scaled ? scaled! : plain;
      try {
        const start = performance.now();
        const output = model.fitPredict(data.train, yTrain, data.test, createRng(hashSeed(seed, "model", model.id, String(f))));
        const seconds = (performance.now() - start) / 1000;
        // An output that breaks the contract fails the model as a throw would: a metric fed NaNs
        // does not fail, it ranks them by row order.
        const broken = task.checkOutput(output, fold.test.length, yTest, model.id);
        if (broken !== null) {
          record.error = `${broken} in fold ${f + 1}`;
        } else {
          task.metrics.forEach((metric, c) => record.columns[c].push(metric.score(yTest, output)));
          record.columns[task.metrics.length].push(seconds);
        }
      } catch (error) {
        record.error = error instanceof Error ? error.message : String(error);
      }
      hooks.onFit?.(model.id);
    });
  });
  return scores;
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
  const targetAt = columnIndex(table, spec.target);
  const usable: Table = { header: table.header, rows: table.rows.filter((row) => !isMissing(row[targetAt])) };
  const target = task.target(
    usable.rows.map((row) => row[targetAt]),
    spec.target,
  );
  const facts = { [ROWS_COLUMN]: usable.rows.length, ...(target.ok ? task.describe(target.value) : {}) };
  const refused = (outcome: { reason: string; skip: boolean }): PartitionResult => ({
    key,
    status: outcome.skip ? "skipped" : "failed",
    reason: outcome.reason,
    rows: [],
    notes,
    facts,
  });
  // The user's own floor comes first: a small partition is said to be small, whatever else it lacks.
  if (usable.rows.length < spec.minRows) return refused(lacksData(`${usable.rows.length} rows, fewer than --min-rows ${spec.minRows}`));
  if (!target.ok) return refused(target);
  const seed = hashSeed(spec.seed, keyId(key));
  const prepared = prepareTable(task, usable, target.value, spec, seed, notes);
  if (!prepared.ok) return refused(prepared);
  const models = task.models.filter((model) => spec.models.includes(model.id));
  const scores = scoreFolds(task, prepared.value, models, seed, hooks);
  const columns = [...task.metrics, TIME_COLUMN].map((column) => column.id);
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
  if (rows.length === 0) return refused(cannot(`every model failed (${failures.join("; ")})`));
  return { key, status: "ok", reason: "", rows, notes, facts };
}
