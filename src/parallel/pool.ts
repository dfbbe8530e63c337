import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { PartitionKey } from "../data/partitionKey.js";
import { rowsText } from "../data/rowText.js";
import { gridFromFolds, refusedResult, type FoldScore, type GridSpec, type PartitionFacts } from "../evaluate/compareModels.js";
import type { PartitionResult } from "../evaluate/grid.js";
import { withTask } from "../evaluate/tasks.js";
import type { FoldAnswer, WorkerMessage, WorkRequest } from "./messages.js";

const WORKER = fileURLToPath(new URL("./worker.js", import.meta.url));

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

/** Tries per unit of work: the first, and one retry on a fresh child if a child dies. */
const MAX_ATTEMPTS = 2;

/** Below this many rows a partition is never split: its folds cost less than the messages. */
const MIN_SPLIT_ROWS = 1000;

export class AbortedError extends Error {
  constructor(readonly reason: string) {
    super(`aborted (${reason})`);
  }
}

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

/** A split partition's folds as they come back; its fold count is known from the first answer. */
interface SplitState {
  folds: number;
  known: boolean;
  readonly answers: (readonly (FoldScore | null)[] | undefined)[];
  received: number;
  notes: readonly string[];
  facts: PartitionFacts;
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
export function scorePartitions(jobs: readonly PartitionJob[], options: PoolOptions): Promise<PartitionResult[]> {
  const results: (PartitionResult | undefined)[] = new Array(jobs.length);
  // Rows are kept until their partition's result is in (a retry needs them), then released.
  const lines: (readonly string[])[] = jobs.map((job) => job.lines);
  const sizes = jobs.map((job) => job.lines.length);
  const splitRows = options.splitRows ?? splitThreshold(sizes, options.workers);
  const nominalFolds = options.spec.folds;
  const split = new Map<number, SplitState>();
  const queue: Unit[] = [];
  for (const index of jobs.map((_, index) => index).sort((a, b) => sizes[b] - sizes[a] || a - b)) {
    if (sizes[index] >= splitRows) {
      // A fold column's folds are counted once a child has read the partition; until then the
      // --folds count stands in, and the first answer adds or drops units.
      split.set(index, { folds: nominalFolds, known: false, answers: [], received: 0, notes: [], facts: {} });
      for (let fold = 0; fold < nominalFolds; fold++) queue.push({ partition: index, fold, attempt: 1 });
    } else {
      queue.push({ partition: index, fold: null, attempt: 1 });
    }
  }
  const children = new Set<ChildProcess>();
  let remaining = jobs.length;
  let nextUnitId = 0;

  return new Promise<PartitionResult[]>((resolve, reject) => {
    let settled = false;
    const stopAll = (): void => {
      for (const child of children) child.kill("SIGKILL");
      children.clear();
    };
    const finish = (index: number, result: PartitionResult): void => {
      if (results[index] !== undefined) return;
      results[index] = result;
      lines[index] = [];
      split.delete(index);
      for (let u = queue.length - 1; u >= 0; u--) if (queue[u].partition === index) queue.splice(u, 1);
      options.onDone?.(result);
      remaining--;
      if (remaining === 0 && !settled) {
        settled = true;
        options.signal?.removeEventListener("abort", onAbort);
        stopAll();
        resolve(results as PartitionResult[]);
      }
    };
    const failed = (index: number, reason: string, notes: readonly string[] = []): PartitionResult => ({
      key: jobs[index].key,
      status: "failed",
      reason,
      rows: [],
      notes: [...notes],
    });
    const foldDone = (index: number, fold: number, answer: FoldAnswer): void => {
      const state = split.get(index);
      if (state === undefined) return; // the partition already failed or finished
      if (!answer.ok) return finish(index, refusedResult(jobs[index].key, answer, answer.notes, answer.facts));
      if (!state.known) {
        state.known = true;
        state.notes = answer.notes;
        state.facts = answer.facts;
        if (answer.folds > state.folds) {
          const more: Unit[] = [];
          for (let f = state.folds; f < answer.folds; f++) more.push({ partition: index, fold: f, attempt: 1 });
          queue.unshift(...more);
        } else {
          for (let u = queue.length - 1; u >= 0; u--) {
            const unit = queue[u];
            if (unit.partition === index && unit.fold !== null && unit.fold >= answer.folds) queue.splice(u, 1);
          }
        }
        state.folds = answer.folds;
        state.received = state.answers.slice(0, answer.folds).filter((scores) => scores !== undefined).length;
      }
      if (fold >= state.folds || state.answers[fold] !== undefined) return;
      state.answers[fold] = answer.scores;
      state.received++;
      if (state.received < state.folds) return;
      const folds = state.answers.slice(0, state.folds) as (readonly (FoldScore | null)[])[];
      finish(index, withTask(options.spec.task, (task) => gridFromFolds(task, jobs[index].key, options.spec, folds, [...state.notes], state.facts)));
    };
    const onAbort = (): void => {
      if (settled) return;
      settled = true;
      stopAll();
      reject(new AbortedError(String(options.signal?.reason ?? "abort")));
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });
    if (options.signal?.aborted) return onAbort();
    if (jobs.length === 0) {
      settled = true;
      return resolve([]);
    }

    const startChild = (): void => {
      const child = fork(WORKER, [], { serialization: "advanced", stdio: ["ignore", "ignore", "inherit", "ipc"] });
      children.add(child);
      let current: (Unit & { readonly id: number }) | null = null;
      // The split partition whose rows this child holds (it keeps one), or -1.
      let held = -1;
      const next = (): void => {
        const unit = queue.shift() ?? null;
        if (unit === null) {
          current = null;
          children.delete(child);
          child.disconnect();
          return;
        }
        current = { ...unit, id: nextUnitId++ };
        const job = jobs[unit.partition];
        const common = { id: current.id, attempt: unit.attempt, key: job.key, header: options.header, spec: options.spec };
        let request: WorkRequest;
        if (unit.fold === null) {
          held = -1;
          request = { type: "score", ...common, rows: rowsText(lines[unit.partition]) };
        } else {
          const rows = held === unit.partition ? null : rowsText(lines[unit.partition]);
          held = unit.partition;
          request = { type: "fold", ...common, partition: unit.partition, rows, fold: unit.fold };
        }
        child.send(request);
      };
      child.on("message", (message: WorkerMessage) => {
        if (settled || current === null || message.id !== current.id) return;
        if (message.type === "fit") {
          options.onFit?.();
          return;
        }
        const { partition, fold } = current;
        current = null;
        if (message.type === "result") finish(partition, message.result);
        else if (message.type === "error") finish(partition, failed(partition, message.message));
        else if (message.type === "fold" && fold !== null) foldDone(partition, fold, message.answer);
        if (!settled) next();
      });
      child.on("exit", (code, signal) => {
        children.delete(child);
        if (settled || current === null) return;
        const { partition, fold, attempt } = current;
        current = null;
        const how = signal !== null ? `signal ${signal}` : `exit code ${code}`;
        if (results[partition] === undefined) {
          if (attempt < MAX_ATTEMPTS) queue.unshift({ partition, fold, attempt: attempt + 1 });
          else finish(partition, failed(partition, `worker process died twice (${how})`));
        }
        if (!settled && queue.length > 0) startChild();
      });
      child.on("error", (error) => {
        if (settled) return;
        settled = true;
        stopAll();
        reject(error);
      });
      next();
    };
    const count = Math.max(1, Math.min(options.workers, queue.length));
    for (let w = 0; w < count; w++) startChild();
  });
}
