import type { PartitionKey } from "../data/partitionKey.js";
import { rowsText } from "../data/rowText.js";
import { gridFromFolds, refusedResult, type GridSpec } from "../evaluate/compareModels.js";
import type { PartitionResult } from "../evaluate/grid.js";
import { withTask } from "../evaluate/tasks.js";
import { MAX_ATTEMPTS, runChildPool, type UnitSource } from "./childPool.js";
import { FoldCollector } from "./foldCollector.js";
import type { FoldAnswer, WorkRequest } from "./messages.js";

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
  /** Partitions of at least this many rows are scored fold by fold across the pool (default: splitThreshold). */
  readonly splitRows?: number;
  onFit?(): void;
  onDone?(result: PartitionResult): void;
}

/** Below this many rows a partition is never split: its folds cost less than the messages. */
const MIN_SPLIT_ROWS = 1000;

export { AbortedError } from "./childPool.js";

/**
 * The row count from which a partition is split into one unit per fold: with W workers, a
 * partition holding more than 1 / (2W) of all rows would leave workers idle while it alone runs
 * (one partition without --by is the extreme case); smaller ones balance well whole, largest
 * first, and cost no extra message or preparation. Never splits for one worker.
 */
export function splitThreshold(rows: readonly number[], workers: number): number {
  if (workers < 2) return Infinity;
  const total = rows.reduce((sum, n) => sum + n, 0);
  return Math.max(MIN_SPLIT_ROWS, total / (2 * workers));
}

/** One unit of work: a whole partition (fold null) or one fold of a split partition. */
interface Unit {
  readonly partition: number;
  readonly fold: number | null;
  readonly attempt: number;
}

/**
 * Scores partitions on a pool of child processes. Largest partitions go first (shortest
 * makespan); a partition large enough to leave workers idle is cut into one unit per fold, which
 * any child may score, and the parent assembles its grid from the folds (gridFromFolds) exactly
 * as a child would have. Since seeds come from the key, the model and the fold, neither the
 * schedule nor the cut ever changes a result. A child is sent a split partition's rows once and
 * keeps it prepared for its next folds. A child that dies has its unit retried once on a fresh
 * child, then the partition is reported as failed; a child's own error message fails the
 * partition. Resolves with results in job order.
 */
export async function scorePartitions(jobs: readonly PartitionJob[], options: PoolOptions): Promise<PartitionResult[]> {
  const results: (PartitionResult | undefined)[] = new Array(jobs.length);
  // Rows are kept until their partition's result is in (a retry needs them), then released.
  const lines: (readonly string[])[] = jobs.map((job) => job.lines);
  const sizes = jobs.map((job) => job.lines.length);
  const splitRows = options.splitRows ?? splitThreshold(sizes, options.workers);
  const nominalFolds = options.spec.folds;
  const split = new Map<number, FoldCollector>();
  const queue: Unit[] = [];
  for (const index of jobs.map((_, index) => index).sort((a, b) => sizes[b] - sizes[a] || a - b)) {
    if (sizes[index] >= splitRows) {
      split.set(index, new FoldCollector(nominalFolds));
      for (let fold = 0; fold < nominalFolds; fold++) queue.push({ partition: index, fold, attempt: 1 });
    } else {
      queue.push({ partition: index, fold: null, attempt: 1 });
    }
  }
  let remaining = jobs.length;

  const finish = (index: number, result: PartitionResult): void => {
    if (results[index] !== undefined) return;
    results[index] = result;
    lines[index] = [];
    split.delete(index);
    for (let u = queue.length - 1; u >= 0; u--) if (queue[u].partition === index) queue.splice(u, 1);
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
  const foldDone = (index: number, fold: number, answer: FoldAnswer): void => {
    const collector = split.get(index);
    if (collector === undefined) return; // the partition already failed or finished
    if (!answer.ok) return finish(index, refusedResult(jobs[index].key, answer, answer.notes, answer.facts));
    const { added, droppedFrom, complete } = collector.add(fold, answer);
    queue.unshift(...added.map((f): Unit => ({ partition: index, fold: f, attempt: 1 })));
    if (droppedFrom !== null) {
      for (let u = queue.length - 1; u >= 0; u--) {
        const unit = queue[u];
        if (unit.partition === index && unit.fold !== null && unit.fold >= droppedFrom) queue.splice(u, 1);
      }
    }
    if (complete !== null) finish(index, withTask(options.spec.task, (task) => gridFromFolds(task, jobs[index].key, options.spec, complete, [...collector.notes], collector.facts)));
  };

  const source: UnitSource<Unit> = {
    pending: () => queue.length,
    take: () => queue.shift(),
    request(unit, id, memory): WorkRequest {
      const job = jobs[unit.partition];
      const common = { id, attempt: unit.attempt, key: job.key, header: options.header, spec: options.spec };
      if (unit.fold === null) {
        memory.held = null;
        return { type: "score", ...common, rows: rowsText(lines[unit.partition]) };
      }
      // A child keeps the split partition it was last sent: its rows go to it once.
      const name = `partition ${unit.partition}`;
      const rows = memory.held === name ? null : rowsText(lines[unit.partition]);
      memory.held = name;
      return { type: "fold", ...common, partition: unit.partition, rows, fold: unit.fold };
    },
    answered(unit, answer) {
      if (answer.type === "result") finish(unit.partition, answer.result);
      else if (answer.type === "error") finish(unit.partition, failed(unit.partition, answer.message));
      else if (answer.type === "fold" && unit.fold !== null) foldDone(unit.partition, unit.fold, answer.answer);
    },
    died(unit, how) {
      if (results[unit.partition] !== undefined) return;
      if (unit.attempt < MAX_ATTEMPTS) queue.unshift({ ...unit, attempt: unit.attempt + 1 });
      else finish(unit.partition, failed(unit.partition, `worker process died twice (${how})`));
    },
    complete: () => remaining === 0,
    onFit: options.onFit,
  };
  await runChildPool(options.workers, source, options.signal);
  return results as PartitionResult[];
}
