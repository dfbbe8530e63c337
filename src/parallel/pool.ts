import type { PartitionKey } from "../data/partitionKey.js";
import { rowsText } from "../data/rowText.js";
import { chosenModels, gridFromFolds, refusedResult, type FoldScore, type GridSpec } from "../evaluate/compareModels.js";
import type { PartitionResult } from "../evaluate/grid.js";
import { taskInfo, withTask } from "../evaluate/tasks.js";
import { MAX_ATTEMPTS, runChildPool, type SpareChildren, type UnitSource } from "./childPool.js";
import { FoldCollector } from "./foldCollector.js";
import type { FoldAnswer, WorkRequest } from "./messages.js";
import { chooseUnit, type Holding, type UnitPlace } from "./unitChoice.js";

/** A partition to score: its key and its rows, one JSON array text per row (without the header). */
export interface PartitionJob {
  readonly key: PartitionKey;
  readonly lines: readonly string[];
}

export interface PoolOptions {
  readonly workers: number;
  readonly header: readonly string[];
  readonly spec: GridSpec;
  readonly signal?: AbortSignal;
  /** Children already started, taken before any fork. */
  readonly spares?: SpareChildren;
  /** Partitions of at least this many rows are scored model by model and fold by fold across the pool (default: splitThreshold). */
  readonly splitRows?: number;
  onFit?(): void;
  onDone?(result: PartitionResult): void;
}

/** Below this many rows a partition is never split: its folds cost less than the messages. */
const MIN_SPLIT_ROWS = 1000;

export { AbortedError } from "./childPool.js";

/**
 * The row count from which a partition is split into one unit per model and fold: with W workers, a
 * partition holding more than 1 / (2W) of all rows would leave workers idle while it alone runs
 * (one partition without --by is the extreme case); smaller ones balance well whole, largest
 * first, and cost no extra message or preparation. Never splits for one worker.
 */
export function splitThreshold(rows: readonly number[], workers: number): number {
  if (workers < 2) return Infinity;
  const total = rows.reduce((sum, n) => sum + n, 0);
  return Math.max(MIN_SPLIT_ROWS, total / (2 * workers));
}

/** One unit of work: a whole partition (fold and model null) or one model on one fold of a split partition. */
interface Unit extends UnitPlace {
  readonly model: number | null;
  readonly attempt: number;
}

/**
 * Each model's mean fit + predict seconds over the folds answered so far, which orders a fold's
 * units for the scheduler only (never a result). A model not timed yet comes first, so that its
 * time is known early.
 */
class ModelTimes {
  private readonly seconds: Float64Array;
  private readonly counts: Uint32Array;

  constructor(models: number) {
    this.seconds = new Float64Array(models);
    this.counts = new Uint32Array(models);
  }

  add(model: number, score: FoldScore | null | undefined): void {
    if (score === null || score === undefined || !("values" in score)) return;
    const seconds = score.values[score.values.length - 1];
    if (!Number.isFinite(seconds)) return;
    this.seconds[model] += seconds;
    this.counts[model]++;
  }

  expected(model: number | null): number {
    if (model === null) return 0;
    return this.counts[model] === 0 ? Infinity : this.seconds[model] / this.counts[model];
  }
}

/** A split partition's units for one fold: one per model, in spec order. */
function foldUnits(partition: number, fold: number, models: number): Unit[] {
  return Array.from({ length: models }, (_, model) => ({ partition, fold, model, attempt: 1 }));
}

/** Every partition's units, largest partitions first (shortest makespan), a split one's fold by fold. */
function firstUnits(sizes: readonly number[], splitRows: number, folds: number, models: number): Unit[] {
  const order = sizes.map((_, index) => index).sort((a, b) => sizes[b] - sizes[a] || a - b);
  return order.flatMap((partition) =>
    sizes[partition] >= splitRows
      ? Array.from({ length: folds }, (_, fold) => foldUnits(partition, fold, models)).flat()
      : [{ partition, fold: null, model: null, attempt: 1 }],
  );
}

/**
 * Scores partitions on a pool of child processes. Largest partitions go first (shortest
 * makespan); a partition large enough to leave workers idle is cut into one unit per model and
 * fold, which any child may score (chooseUnit keeps a child on the fold it has prepared), and
 * the parent assembles its grid from the folds (gridFromFolds) exactly as a child would have.
 * Since seeds come from the key, the model and the fold, neither the schedule nor the cut ever
 * changes a result. A child is sent a split partition's rows once and keeps it prepared for its
 * next units. A child that dies has its unit retried once on a fresh child, then the partition
 * is reported as failed; a child's own error message fails the partition. Resolves with results
 * in job order.
 */
export async function scorePartitions(jobs: readonly PartitionJob[], options: PoolOptions): Promise<PartitionResult[]> {
  const results: (PartitionResult | undefined)[] = new Array(jobs.length);
  // Rows are kept until their partition's result is in (a retry needs them), then released.
  const lines: (readonly string[])[] = jobs.map((job) => job.lines);
  const sizes = jobs.map((job) => job.lines.length);
  const splitRows = options.splitRows ?? splitThreshold(sizes, options.workers);
  const models = chosenModels(taskInfo(options.spec.task), options.spec).length;
  const queue = firstUnits(sizes, splitRows, options.spec.folds, models);
  const split = new Map<number, FoldCollector>();
  const modelTimes = new ModelTimes(models);
  for (const unit of queue) if (unit.fold !== null && !split.has(unit.partition)) split.set(unit.partition, new FoldCollector(options.spec.folds, models));
  let remaining = jobs.length;
  const dropUnits = (partition: number, fromFold = 0): void => {
    for (let u = queue.length - 1; u >= 0; u--) if (queue[u].partition === partition && (queue[u].fold ?? 0) >= fromFold) queue.splice(u, 1);
  };

  const finish = (index: number, result: PartitionResult): void => {
    if (results[index] !== undefined) return;
    results[index] = result;
    lines[index] = [];
    split.delete(index);
    dropUnits(index);
    options.onDone?.(result);
    remaining--;
  };
  const failed = (index: number, reason: string, notes: readonly string[] = []): PartitionResult => ({
    key: jobs[index].key,
    status: "failed",
    reason,
    rows: [],
    notes: [...notes],
  });
  const foldDone = (index: number, fold: number, model: number, answer: FoldAnswer): void => {
    const collector = split.get(index);
    if (collector === undefined) return; // the partition already failed or finished
    if (!answer.ok) return finish(index, refusedResult(jobs[index].key, answer, answer.notes, answer.facts));
    modelTimes.add(model, answer.scores[model]);
    const { added, droppedFrom, complete } = collector.add(fold, [model], answer);
    queue.unshift(...added.flatMap((f) => foldUnits(index, f, models)));
    if (droppedFrom !== null) dropUnits(index, droppedFrom);
    if (complete !== null) finish(index, withTask(options.spec.task, (task) => gridFromFolds(task, jobs[index].key, options.spec, complete, [...collector.notes], collector.facts)));
  };

  const source: UnitSource<Unit, Holding> = {
    pending: () => queue.length,
    memory: () => ({ partition: null, fold: null }),
    take(mine, others) {
      const u = chooseUnit(queue, mine, others, (unit) => modelTimes.expected(unit.model ?? null));
      return u < 0 ? undefined : queue.splice(u, 1)[0];
    },
    request(unit, id, memory): WorkRequest {
      const job = jobs[unit.partition];
      const common = { id, attempt: unit.attempt, key: job.key, header: options.header, spec: options.spec };
      if (unit.fold === null || unit.model === null) {
        memory.partition = null;
        memory.fold = null;
        return { type: "score", ...common, rows: rowsText(lines[unit.partition]) };
      }
      // A child keeps the split partition it was last sent: its rows go to it once.
      const rows = memory.partition === unit.partition ? null : rowsText(lines[unit.partition]);
      memory.partition = unit.partition;
      memory.fold = unit.fold;
      return { type: "fold", ...common, partition: unit.partition, rows, fold: unit.fold, models: [unit.model] };
    },
    answered(unit, answer) {
      if (answer.type === "result") finish(unit.partition, answer.result);
      else if (answer.type === "error") finish(unit.partition, failed(unit.partition, answer.message));
      else if (answer.type === "fold" && unit.fold !== null && unit.model !== null) foldDone(unit.partition, unit.fold, unit.model, answer.answer);
    },
    died(unit, how) {
      if (results[unit.partition] !== undefined) return;
      if (unit.attempt < MAX_ATTEMPTS) queue.unshift({ ...unit, attempt: unit.attempt + 1 });
      else finish(unit.partition, failed(unit.partition, `worker process died twice (${how})`));
    },
    complete: () => remaining === 0,
    onFit: options.onFit,
  };
  await runChildPool(options.workers, source, options.signal, options.spares);
  return results as PartitionResult[];
}
