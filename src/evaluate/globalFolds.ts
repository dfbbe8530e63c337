import { featureColumns, type FeatureColumn } from "../data/featureColumns.js";
import { isMissing } from "../data/missing.js";
import type { PartitionKey } from "../data/partitionKey.js";
import { columnIndex, type Table } from "../data/table.js";
import { hashSeed } from "../stats/hashSeed.js";
import { prepareFolds, type FoldScore, type GridSpec } from "./compareModels.js";
import { fitModels, type FittedOutput } from "./fitModels.js";
import type { Fold } from "./fold.js";
import { cannot, type Outcome, type Task, type TaskModel } from "./task.js";

/** What the global baseline needs beyond a partition's spec: the --by columns, which become features. */
export type GlobalSpec = GridSpec & { readonly by: readonly string[] };

/** One partition as the global baseline sees it: its key and all its rows (the run's header). */
export interface GlobalPart {
  readonly key: PartitionKey;
  readonly table: Table;
}

/**
 * Every partition's rows as one table, ready to be scored fold by fold: the global target, the
 * feature columns typed over all rows (the --by columns among them), and, per partition, its
 * own folds (exactly as its grid makes them) in the global table's row numbers; [] for a
 * partition that cannot be folded, whose rows are left out.
 */
export interface GlobalWork<Y> {
  readonly task: Task<Y>;
  readonly y: Y;
  readonly columns: readonly FeatureColumn[];
  readonly models: readonly TaskModel<Y>[];
  readonly seed: number;
  readonly partFolds: readonly (readonly Fold[])[];
  /** Global folds: the most any partition has. */
  readonly folds: number;
  readonly notes: readonly string[];
}

/**
 * Lays the partitions' usable rows end to end and gives each partition the folds its own grid
 * uses (prepareFolds with --min-rows left out, so that a partition too small for its own grid
 * still trains the global models): the same seeds, the same split, the same folds.
 */
export function prepareGlobal<Y>(task: Task<Y>, parts: readonly GlobalPart[], spec: GlobalSpec): Outcome<GlobalWork<Y>> {
  const rows: (readonly string[])[] = [];
  const partFolds: (readonly Fold[])[] = [];
  const header = parts[0]?.table.header ?? [];
  const targetAt = columnIndex({ header, rows: [] }, spec.target);
  for (const part of parts) {
    const { work } = prepareFolds(task, part.table, part.key, { ...spec, minRows: 0 }, []);
    if (!work.ok) {
      partFolds.push([]);
      continue;
    }
    const offset = rows.length;
    for (const row of part.table.rows) if (!isMissing(row[targetAt])) rows.push(row);
    const shift = (indices: Uint32Array): Uint32Array => indices.map((i) => i + offset);
    partFolds.push(work.value.table.folds.map((fold) => ({ train: shift(fold.train), test: shift(fold.test) })));
  }
  const folds = Math.max(0, ...partFolds.map((f) => f.length));
  if (folds === 0) return cannot("no partition can be cross-validated");
  const table: Table = { header, rows };
  const target = task.target(
    rows.map((row) => row[targetAt]),
    spec.target,
  );
  if (!target.ok) return cannot(target.reason);
  const notes: string[] = [];
  const typed = featureColumns(table, [...spec.features, ...spec.by]);
  for (const column of typed.dropped) notes.push(`global baseline: column ${column.name} ${column.reason}: dropped`);
  if (typed.columns.length === 0) return cannot("no usable feature columns over all rows");
  const models = task.models.filter((model) => spec.models.includes(model.id));
  return { ok: true, value: { task, y: target.value, columns: typed.columns, models, seed: hashSeed(spec.seed, "global"), partFolds, folds, notes } };
}

/**
 * Global fold k: its training rows are every partition's training rows of its own fold k (all
 * its cross-validated rows when it has fewer than k + 1 folds), its held-out rows every
 * partition's fold-k held-out rows, so that each partition's held-out rows are scored once, by
 * a model that never saw them. Partitions in order, the held-out rows of each in fold order.
 */
export function globalFold(partFolds: readonly (readonly Fold[])[], k: number): { train: Uint32Array; tests: (Uint32Array | null)[] } {
  const trainParts: Uint32Array[] = [];
  const tests = partFolds.map((folds) => {
    if (folds.length === 0) return null;
    if (k < folds.length) {
      trainParts.push(folds[k].train);
      return folds[k].test;
    }
    trainParts.push(folds[0].train, folds[0].test);
    return null;
  });
  return { train: concatenate(trainParts), tests };
}

/**
 * Every model fitted once on global fold k's training rows (preprocessing fitted there too, as
 * for any fold), then scored on each partition's held-out rows of fold k: per partition, a score
 * per model (TT_Sec the global fit and predict), or null where the partition holds no rows out.
 */
export function scoreGlobalFold<Y>(work: GlobalWork<Y>, k: number, onFit: (model: string) => void = () => undefined): ((FoldScore | null)[] | null)[] {
  const { task, y, columns, models, seed } = work;
  const { train, tests } = globalFold(work.partFolds, k);
  const allTests = concatenate(tests.filter((test): test is Uint32Array => test !== null));
  const outputs = fitModels(columns, train, allTests, task.take(y, train), models, seed, k, onFit);
  return scoreSlices(work, tests, allTests.length, outputs);
}

/** Each partition's slice of every model's output on the fold's held-out rows, checked and scored. */
function scoreSlices<Y>(work: GlobalWork<Y>, tests: readonly (Uint32Array | null)[], total: number, outputs: readonly FittedOutput[]): ((FoldScore | null)[] | null)[] {
  const { task, y, models } = work;
  let start = 0;
  return tests.map((test) => {
    if (test === null) return null;
    const yTest = task.take(y, test);
    const from = start;
    start += test.length;
    return models.map((model, m): FoldScore => {
      const fitted = outputs[m];
      if ("error" in fitted) return { error: fitted.error };
      // Rows x classes for class scores, one value per row for predictions.
      const width = total === 0 ? 1 : fitted.output.length / total;
      const slice = fitted.output.subarray(from * width, (from + test.length) * width);
      const broken = task.checkOutput(slice, test.length, yTest, model.id);
      if (broken !== null) return { error: broken };
      // TT_Sec: the global model's fit and predict, the same for every partition of the fold.
      return { values: [...task.metrics.map((metric) => metric.score(yTest, slice)), fitted.seconds] };
    });
  });
}

/** Index arrays end to end (a loop, not a spread: a large fold has more rows than a call takes arguments). */
function concatenate(parts: readonly Uint32Array[]): Uint32Array {
  const out = new Uint32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
