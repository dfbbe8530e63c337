import { performance } from "node:perf_hooks";
import { featureColumns } from "../data/featureColumns.js";
import { isMissing } from "../data/missing.js";
import { keyId, type PartitionKey } from "../data/partitionKey.js";
import { columnIndex, type Table } from "../data/table.js";
import type { Matrix, ModelId, ModelSpec } from "../models/estimator.js";
import { modelSpec } from "../models/registry.js";
import { fitFeaturePlan } from "../preprocess/featurePlan.js";
import { applyStandardScaler, fitStandardScaler } from "../preprocess/standardScaler.js";
import { hashSeed } from "../stats/hashSeed.js";
import { createRng } from "../stats/rng.js";
import { checkProbabilities } from "./checkProbabilities.js";
import { classCounts, type Fold } from "./fold.js";
import type { GridRow, PartitionResult } from "./grid.js";
import { METRICS, type MetricId } from "./metrics.js";
import { predefinedFolds } from "./predefinedFolds.js";
import { stratifiedKFold } from "./stratifiedKFold.js";
import { stratifiedTrainSplit } from "./stratifiedTrainSplit.js";

/** Everything that changes a table's grid; the same for every partition of a run. */
export interface GridSpec {
  readonly target: string;
  readonly features: readonly string[];
  readonly foldColumn: string | null;
  readonly folds: number;
  readonly trainSize: number;
  readonly seed: number;
  readonly models: readonly ModelId[];
}

export interface ScoreHooks {
  /** Called after each model fit (one model on one fold), for progress displays. */
  onFit?(model: ModelId): void;
}

class TableFailure extends Error {}

function encodeLabels(table: Table, target: string): { y: Uint32Array; classes: string[] } {
  const j = columnIndex(table, target);
  const classes = [...new Set(table.rows.map((row) => row[j]))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const codeOf = new Map(classes.map((label, c) => [label, c]));
  const y = Uint32Array.from(table.rows, (row) => codeOf.get(row[j]) as number);
  return { y, classes };
}

function makeFolds(table: Table, spec: GridSpec, y: Uint32Array, nClasses: number, seed: number, notes: string[]): Fold[] {
  const rows = stratifiedTrainSplit(y, nClasses, spec.trainSize, createRng(hashSeed(seed, "split")));
  if (spec.foldColumn !== null) {
    const j = columnIndex(table, spec.foldColumn);
    const folds = predefinedFolds(
      table.rows.map((row) => row[j]),
      rows,
    );
    if (folds.length < 2) throw new TableFailure(`fold column ${spec.foldColumn} has fewer than 2 distinct values`);
    return folds;
  }
  const counts = classCounts(y, rows, nClasses);
  let smallest = Infinity;
  for (const count of counts) if (count > 0) smallest = Math.min(smallest, count);
  let k = spec.folds;
  if (smallest < k) {
    if (smallest < 2) throw new TableFailure(`a class has ${smallest} row; 2 folds need at least 2 rows per class`);
    notes.push(`the smallest class has ${smallest} rows: using ${smallest} folds instead of ${k}`);
    k = smallest;
  }
  return stratifiedKFold(y, rows, nClasses, k, createRng(hashSeed(seed, "folds")));
}

function meanIgnoringNaN(values: readonly number[]): number {
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (!Number.isNaN(v)) {
      sum += v;
      count++;
    }
  }
  return count === 0 ? NaN : sum / count;
}

function pick(y: Uint32Array, rows: Uint32Array): Uint32Array {
  return Uint32Array.from(rows, (i) => y[i]);
}

/**
 * PyCaret's compare_models for one table: the protocol's folds, preprocessing fitted per fold on
 * training rows (computed once per fold and shared by every model), each model fitted and scored
 * on the held-out rows, metrics averaged over folds. Pure apart from timing: the same table, key
 * and spec give the same grid in any process. Never throws for a bad table: it returns a failed
 * result with the reason.
 */
export function scoreTable(
  table: Table,
  key: PartitionKey,
  spec: GridSpec,
  hooks: ScoreHooks = {},
  // The registry, replaceable so that tests can make one model fail on purpose.
  lookup: (id: ModelId) => ModelSpec = modelSpec,
): PartitionResult {
  const notes: string[] = [];
  const failed = (reason: string): PartitionResult => ({ key, status: "failed", reason, rows: [], notes });
  const targetIndex = columnIndex(table, spec.target);
  const kept = table.rows.filter((row) => !isMissing(row[targetIndex]));
  const usable: Table = { header: table.header, rows: kept };
  if (kept.length === 0) return failed("no rows with a target value");
  const { y, classes } = encodeLabels(usable, spec.target);
  if (classes.length < 2) return failed(`the target ${spec.target} has one class (${classes[0]})`);
  // A regression target would otherwise fail later, obscurely, on "a class has 1 row".
  if (classes.length > 20 && classes.length > kept.length / 2) {
    return failed(`the target ${spec.target} has ${classes.length} distinct values in ${kept.length} rows: it looks continuous, and automl-grid scores classifiers`);
  }
  const seed = hashSeed(spec.seed, keyId(key));

  let folds: Fold[];
  try {
    folds = makeFolds(usable, spec, y, classes.length, seed, notes);
  } catch (error) {
    if (error instanceof TableFailure) return failed(error.message);
    throw error;
  }
  const typed = featureColumns(usable, spec.features);
  for (const column of typed.dropped) notes.push(`column ${column.name} ${column.reason}: dropped`);
  if (typed.columns.length === 0) {
    const why = typed.dropped.map((column) => `${column.name} ${column.reason}`).join("; ");
    return failed(`no usable feature columns${why === "" ? "" : ` (${why})`}`);
  }

  const models = spec.models.map(lookup);
  const perModel = new Map<ModelId, { scores: number[][]; seconds: number[]; error: string | null }>(
    models.map((m) => [m.id, { scores: METRICS.map(() => []), seconds: [], error: null }]),
  );
  const nClasses = classes.length;
  folds.forEach((fold, f) => {
    const plan = fitFeaturePlan(typed.columns, fold.train);
    const plain = { train: plan.transform(fold.train), test: plan.transform(fold.test) };
    let scaled: { train: Matrix; test: Matrix } | null = null;
    const yTrain = pick(y, fold.train);
    const yTest = pick(y, fold.test);
    for (const model of models) {
      const record = perModel.get(model.id)!;
      if (record.error !== null) continue;
      if (model.scaled && scaled === null) {
        const scaler = fitStandardScaler(plain.train);
        scaled = { train: applyStandardScaler(plain.train, scaler), test: applyStandardScaler(plain.test, scaler) };
      }
      const data = model.scaled ? scaled! : plain;
      try {
        const start = performance.now();
        const estimator = model.create(createRng(hashSeed(seed, "model", model.id, String(f))));
        const proba = estimator.fit(data.train, yTrain, nClasses).predictProba(data.test);
        record.seconds.push((performance.now() - start) / 1000);
        // An output that breaks the contract fails the model as a throw would: a metric fed NaNs
        // does not fail, it ranks them by row order.
        const broken = checkProbabilities(proba, fold.test.length, nClasses);
        if (broken !== null) record.error = `${broken} in fold ${f + 1}`;
        else METRICS.forEach((metric, m) => record.scores[m].push(metric.score(yTest, proba, nClasses)));
      } catch (error) {
        record.error = error instanceof Error ? error.message : String(error);
      }
      hooks.onFit?.(model.id);
    }
  });

  const rows: GridRow[] = [];
  const failures: string[] = [];
  for (const model of models) {
    const record = perModel.get(model.id)!;
    if (record.error !== null) {
      notes.push(`${model.name} failed and is left out: ${record.error}`);
      failures.push(`${model.name}: ${record.error}`);
      continue;
    }
    const metrics = Object.fromEntries(
      METRICS.map((metric, m) => [metric.id, meanIgnoringNaN(record.scores[m])]),
    ) as Record<MetricId, number>;
    rows.push({ Model: model.name, ...metrics, TT_Sec: meanIgnoringNaN(record.seconds) });
  }
  // The reasons go in the partition's own reason too: a single table that fails is one line.
  if (rows.length === 0) return failed(`every model failed (${failures.join("; ")})`);
  return { key, status: "ok", reason: "", rows, notes };
}
