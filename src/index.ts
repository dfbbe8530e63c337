import type { Readable } from "node:stream";
import { compareKeys, describeKey, keyId } from "./data/partitionKey.js";
import { inputName } from "./data/readCsv.js";
import { readPartitions, type PartitionedInput, type PartitionRows } from "./data/readPartitions.js";
import type { Shard } from "./data/shard.js";
import { InputError } from "./errors.js";
import type { GridSpec } from "./evaluate/compareModels.js";
import type { PartitionResult } from "./evaluate/grid.js";
import type { ResultOptions } from "./evaluate/resultOptions.js";
import { ROWS_COLUMN, type TaskId, type TaskInfo } from "./evaluate/task.js";
import { scoreGlobalBaseline, type GlobalBaseline } from "./parallel/globalPool.js";
import { scorePartitions, type PartitionJob } from "./parallel/pool.js";
import { SpareChildren } from "./parallel/childPool.js";
import { shardAssignment } from "./data/shard.js";
import { leaderboard, type Leaderboard } from "./report/leaderboard.js";
import type { RunMetadata } from "./report/runMetadata.js";
import { PartitionNotes } from "./partitionNotes.js";
import { resolveOptions } from "./resolveOptions.js";
import { resumeRun, type RunJournal } from "./resumeRun.js";

/**
 * A run as asked for: the result options before the file is seen (the task may be "auto", the
 * models and the sort column may be the task's defaults), and how to run.
 */
export type RunOptions = Omit<ResultOptions, "task" | "models"> & {
  /** A CSV path, or "-" for stdin. */
  readonly input: string;
  readonly task: TaskId | "auto";
  /** null: every model of the task. */
  readonly models: readonly string[] | null;
  readonly exclude: readonly string[];
  /** null: the task's default sort column. */
  readonly sort: string | null;
  readonly top: number;
  readonly workers: number;
  readonly shard: Shard | null;
};

/** What a run reports as it goes; the CLI turns these into stderr lines or a spinner. */
export interface RunEvents {
  note?(message: string): void;
  partitionsFound?(total: number): void;
  fit?(): void;
  partitionDone?(result: PartitionResult, done: number, total: number): void;
}

export interface RunResult {
  readonly task: TaskInfo;
  /** Why --task auto chose the task (null when --task named it). */
  readonly taskReason: string | null;
  readonly results: readonly PartitionResult[];
  readonly board: Leaderboard;
  /** What json and jsonl record of the run (and what merge checks). */
  readonly metadata: RunMetadata;
  /** Partitions that failed (status failed). */
  readonly failed: number;
  /** Partitions skipped for too little data to cross-validate (status skipped). */
  readonly skipped: number;
  /** --baseline global was asked for and could not be computed (stderr said why; Global_Best is empty). */
  readonly baselineFailed: boolean;
}

export interface RunContext {
  readonly events?: RunEvents;
  readonly signal?: AbortSignal;
  readonly stdin?: Readable;
  readonly journal?: RunJournal;
}

/** The partitions shard `shard` scores, out of every partition of the file. */
function ownPartitions<P extends PartitionJob>(partitions: readonly P[], shard: Shard): P[] {
  const assigned = shardAssignment(
    partitions.map((partition) => ({ key: partition.key, rows: partition.lines.length })),
    shard.count,
  );
  return partitions.filter((_, i) => assigned[i] === shard.index);
}

/** The file's partitions, and the rows the run reads beyond them (the global baseline's). */
async function readInput(options: RunOptions, stdin: Readable | undefined): Promise<{ readonly input: PartitionedInput; readonly everyPartition: readonly PartitionRows[] }> {
  // The global baseline trains on every partition's rows: a shard then reads them all, and
  // scores only its own partitions (the same assignment readPartitions makes).
  if (options.baseline !== "global") {
    const input = await readPartitions(options, stdin);
    return { input, everyPartition: input.partitions };
  }
  const read = await readPartitions({ ...options, shard: null }, stdin);
  const input = options.shard === null ? read : { ...read, partitions: ownPartitions(read.partitions, options.shard) };
  return { input, everyPartition: read.partitions };
}

/** The options that change the grid's numbers, once the task and the model list are chosen. */
function resultOptionsOf(options: RunOptions, task: TaskId, models: readonly string[]): ResultOptions {
  const { target, by, folds, foldColumn, trainSize, minRows, seed, ignore, delimiter, encoding, decimal } = options;
  return { task, target, by, models, folds, foldColumn, trainSize, minRows, seed, ignore, delimiter, encoding, decimal, ...(options.baseline === "global" ? { baseline: "global" as const } : {}) };
}

/** What each child is told to score: the result options that reach the folds, and the feature columns. */
function gridSpecOf(result: ResultOptions, features: readonly string[]): GridSpec {
  const { task, target, models, folds, foldColumn, trainSize, minRows, seed } = result;
  return { task, target, models, folds, foldColumn, trainSize, minRows, seed, features };
}

/**
 * Adds to a partition's result what the parent knows of it: its global baseline rows (or why
 * there are none), and its row count when a child that died twice could not say it (the parent
 * counted the rows, with a target, that it sent).
 */
function completeResult(todo: readonly PartitionRows[], baseline: GlobalBaseline | null): (result: PartitionResult) => PartitionResult {
  const sizes = new Map(todo.map((partition) => [keyId(partition.key), partition.lines.length]));
  return (result) => {
    const rows = sizes.get(keyId(result.key));
    const counted = result.facts !== undefined || rows === undefined ? result : { ...result, facts: { [ROWS_COLUMN]: rows } };
    if (baseline === null) return counted;
    if (!baseline.ok) return { ...counted, global: [], globalFailed: baseline.reason };
    const { globalFailed, ...scored } = counted;
    return { ...scored, global: baseline.rows.get(keyId(counted.key)) ?? [] };
  };
}

/**
 * The whole job, without touching the terminal: read and route the CSV, choose the task, score
 * every partition on a pool of child processes, build the leaderboard. Bad input rejects with an
 * AutomlGridError.
 */
export async function run(options: RunOptions, context: RunContext = {}): Promise<RunResult> {
  // The children start loading while the file is read; those the run does not use are killed.
  const spares = new SpareChildren(options.workers);
  try {
    return await scoreRun(options, context, spares);
  } finally {
    spares.release();
  }
}

/** run's work, its pools taking their children from `spares` first. */
async function scoreRun(options: RunOptions, context: RunContext, spares: SpareChildren): Promise<RunResult> {
  const events = context.events ?? {};
  const global = options.baseline === "global";
  const { input, everyPartition } = await readInput(options, context.stdin);
  const { task, taskReason, models, sort } = resolveOptions(options, input.target);
  const refusal = task.refuseTarget(input.target, options.target);
  if (refusal !== null) throw new InputError(`${inputName(options.input)}: ${refusal}`);
  const resultOptions = resultOptionsOf(options, task.id, models);
  const spec = gridSpecOf(resultOptions, input.features);
  const metadata: RunMetadata = { format: "automl-grid", version: 2, fingerprint: input.fingerprint, options: resultOptions, shard: options.shard };
  const total = input.partitions.length;
  const { resumed, todo, note: resumedNote } = resumeRun(input.partitions, metadata, context.journal);
  // Said once every check has passed: a run refused with exit 2 prints its one error line only.
  if (input.droppedTargets > 0) events.note?.(`dropped ${input.droppedTargets} row${input.droppedTargets === 1 ? "" : "s"} with a missing ${options.target}`);
  for (const key of input.targetless) events.note?.(`partition ${describeKey(options.by, key)} has no row with a ${options.target}: it is not in the grid`);
  for (const note of input.notes) events.note?.(note);
  if (taskReason !== null) events.note?.(`task: ${task.id} (${taskReason}; --task sets it)`);
  const warning = task.warnTarget(input.target, options.target);
  if (warning !== null) events.note?.(warning);
  if (resumedNote !== null) events.note?.(resumedNote);
  events.partitionsFound?.(total);

  const onFit = (): void => events.fit?.();
  // A journal's partitions whose global baseline failed get it computed again, with the rest.
  const rebaseline = resumed.filter((result) => result.globalFailed !== undefined);
  const baseline: GlobalBaseline | null =
    global && (todo.length > 0 || rebaseline.length > 0)
      ? await scoreGlobalBaseline([...everyPartition].sort((a, b) => compareKeys(a.key, b.key)), { workers: options.workers, header: input.header, spec: { ...spec, by: options.by }, signal: context.signal, spares, onFit })
      : null;
  if (baseline !== null) for (const note of baseline.ok ? baseline.notes : [`global baseline: ${baseline.reason}`]) events.note?.(note);
  const complete = completeResult(todo, baseline);
  const rebaselined = new Map(rebaseline.map((result) => [keyId(result.key), complete(result)]));
  for (const result of rebaselined.values()) if (result.globalFailed === undefined) context.journal?.record(result);
  const notes = new PartitionNotes();
  resumed.forEach((result) => notes.add(result));
  let done = resumed.length;
  const scored = await scorePartitions(todo, {
    workers: options.workers,
    header: input.header,
    spec,
    signal: context.signal,
    spares,
    onFit,
    onDone: (reported) => {
      const result = complete(reported);
      done++;
      context.journal?.record(result);
      notes.add(result);
      events.partitionDone?.(result, done, total);
    },
  });
  const results = [...resumed.map((result) => rebaselined.get(keyId(result.key)) ?? result), ...scored.map(complete)];
  const baselineFailure = results.find((result) => result.globalFailed !== undefined)?.globalFailed;
  for (const line of notes.lines(options.by, total)) events.note?.(line);
  return {
    task,
    taskReason,
    results,
    // A shard's piece carries every column's fold deviation: merge may sort by another column.
    board: leaderboard(results, { task, by: options.by, sort, top: options.top, everyDeviation: options.shard !== null, globalBaseline: global }),
    metadata: baselineFailure === undefined ? metadata : { ...metadata, baselineFailed: baselineFailure },
    failed: results.filter((result) => result.status === "failed").length,
    skipped: results.filter((result) => result.status === "skipped").length,
    baselineFailed: baselineFailure !== undefined,
  };
}
