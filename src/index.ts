import type { Readable } from "node:stream";
import { compareKeys, describeKey, keyId, type PartitionKey } from "./data/partitionKey.js";
import { inputName } from "./data/readCsv.js";
import { readPartitions } from "./data/readPartitions.js";
import type { Shard } from "./data/shard.js";
import { InputError } from "./errors.js";
import type { GridSpec } from "./evaluate/compareModels.js";
import type { PartitionResult } from "./evaluate/grid.js";
import type { ResultOptions } from "./evaluate/resultOptions.js";
import { ROWS_COLUMN, type TaskId, type TaskInfo } from "./evaluate/task.js";
import { scoreGlobalBaseline, type GlobalBaseline } from "./parallel/globalPool.js";
import { scorePartitions, type PartitionJob } from "./parallel/pool.js";
import { shardAssignment } from "./data/shard.js";
import { leaderboard, type Leaderboard } from "./report/leaderboard.js";
import type { RunMetadata } from "./report/runMetadata.js";
import { resolveOptions } from "./resolveOptions.js";

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

/** Where a run records its finished partitions, so that a killed run can be resumed (--resume). */
export interface RunJournal {
  /** For messages. */
  readonly name: string;
  /**
   * Called once the input is read and the options resolved, before any partition is scored: the
   * results an earlier run of the same job recorded, or null for a new journal. Rejects the
   * journal of another input or of other options.
   */
  begin(metadata: RunMetadata): readonly PartitionResult[] | null;
  /** Called as each partition finishes, before it is reported. */
  record(result: PartitionResult): void;
}

export interface RunContext {
  readonly events?: RunEvents;
  readonly signal?: AbortSignal;
  readonly stdin?: Readable;
  readonly journal?: RunJournal;
}

function noteScope(where: readonly string[], total: number): string {
  if (where.length === 1) return where[0];
  if (where.length === total) return `all ${total} partitions`;
  const shown = where.slice(0, 3).map((key) => `(${key})`).join(", ");
  return `${where.length} partitions: ${shown}${where.length > 3 ? ", ..." : ""}`;
}

/** The partitions shard `shard` scores, out of every partition of the file. */
function ownPartitions<P extends PartitionJob>(partitions: readonly P[], shard: Shard): P[] {
  const assigned = shardAssignment(
    partitions.map((partition) => ({ key: partition.key, rows: partition.lines.length })),
    shard.count,
  );
  return partitions.filter((_, i) => assigned[i] === shard.index);
}

/**
 * The whole job, without touching the terminal: read and route the CSV, choose the task, score
 * every partition on a pool of child processes, build the leaderboard. Bad input rejects with an
 * AutomlGridError.
 */
export async function run(options: RunOptions, context: RunContext = {}): Promise<RunResult> {
  const events = context.events ?? {};
  // The global baseline trains on every partition's rows: a shard then reads them all, and
  // scores only its own partitions (the same assignment readPartitions makes).
  const global = options.baseline === "global";
  const read = await readPartitions(global ? { ...options, shard: null } : options, context.stdin);
  const input = global && options.shard !== null ? { ...read, partitions: ownPartitions(read.partitions, options.shard) } : read;
  // Said once every check has passed: a run refused with exit 2 prints its one error line only.
  const before: string[] = [];
  if (input.droppedTargets > 0) before.push(`dropped ${input.droppedTargets} rows with a missing ${options.target}`);
  before.push(...input.notes);
  const { task, taskReason, models, sort } = resolveOptions(options, input.target);
  const refusal = task.refuseTarget(input.target, options.target);
  if (refusal !== null) throw new InputError(`${inputName(options.input)}: ${refusal}`);
  if (taskReason !== null) before.push(`task: ${task.id} (${taskReason}; --task sets it)`);

  const { target, by, folds, foldColumn, trainSize, minRows, seed, ignore, delimiter, encoding, decimal } = options;
  const resultOptions: ResultOptions = { task: task.id, target, by, models, folds, foldColumn, trainSize, minRows, seed, ignore, delimiter, encoding, decimal, ...(global ? { baseline: "global" as const } : {}) };
  const spec: GridSpec = { task: task.id, target, models, folds, foldColumn, trainSize, minRows, seed, features: input.features };
  const metadata: RunMetadata = { format: "automl-grid", version: 2, fingerprint: input.fingerprint, options: resultOptions, shard: options.shard };
  const total = input.partitions.length;
  // A journaled partition that failed is scored again: the failure may have been the machine's. A
  // skipped one is not: the same rows and options skip it again.
  const journal = context.journal;
  const recorded = journal?.begin(metadata) ?? null;
  const finished = new Map((recorded ?? []).filter((result) => result.status !== "failed").map((result) => [keyId(result.key), result]));
  const resumed = input.partitions.flatMap((partition) => finished.get(keyId(partition.key)) ?? []);
  const todo = input.partitions.filter((partition) => !finished.has(keyId(partition.key)));
  if (journal !== undefined && recorded !== null) before.push(`resumed ${resumed.length} of ${total} partitions from ${journal.name}`);
  for (const note of before) events.note?.(note);
  events.partitionsFound?.(total);
  const baseline: GlobalBaseline | null =
    global && todo.length > 0
      ? await scoreGlobalBaseline([...read.partitions].sort((a, b) => compareKeys(a.key, b.key)), { workers: options.workers, header: input.header, spec: { ...spec, by }, signal: context.signal, onFit: () => events.fit?.() })
      : null;
  if (baseline !== null) for (const note of baseline.ok ? baseline.notes : [`global baseline: ${baseline.reason}`]) events.note?.(note);
  const withGlobal = (result: PartitionResult): PartitionResult =>
    baseline === null ? result : { ...result, global: baseline.ok ? (baseline.rows.get(keyId(result.key)) ?? []) : [] };
  // A child that died twice said nothing of its partition, but the parent knows how many rows
  // (with a target: the others were dropped on reading) it sent.
  const sizes = new Map(todo.map((partition) => [keyId(partition.key), partition.lines.length]));
  const withRows = (result: PartitionResult): PartitionResult => {
    const rows = sizes.get(keyId(result.key));
    return result.facts !== undefined || rows === undefined ? result : { ...result, facts: { [ROWS_COLUMN]: rows } };
  };
  let done = resumed.length;
  // The same note from many partitions (an identifier column, say) is said once, with where: in
  // key order, so that neither scheduling nor resuming changes what stderr says.
  const notes = new Map<string, PartitionKey[]>();
  const collectNotes = (result: PartitionResult): void => {
    for (const note of result.notes) notes.set(note, [...(notes.get(note) ?? []), result.key]);
  };
  resumed.forEach(collectNotes);
  const scored = await scorePartitions(todo, {
    workers: options.workers,
    header: input.header,
    spec,
    signal: context.signal,
    onFit: () => events.fit?.(),
    onDone: (reported) => {
      const result = withGlobal(withRows(reported));
      done++;
      journal?.record(result);
      collectNotes(result);
      events.partitionDone?.(result, done, total);
    },
  });
  const results = [...resumed, ...scored.map((result) => withGlobal(withRows(result)))];
  for (const [note, keys] of notes) {
    const where = [...keys].sort(compareKeys).map((key) => describeKey(options.by, key));
    events.note?.(options.by.length === 0 ? note : `${noteScope(where, total)}: ${note}`);
  }
  return {
    task,
    results,
    // A shard's piece carries every column's fold deviation: merge may sort by another column.
    board: leaderboard(results, { task, by: options.by, sort, top: options.top, everyDeviation: options.shard !== null, globalBaseline: global }),
    metadata,
    failed: results.filter((result) => result.status === "failed").length,
    skipped: results.filter((result) => result.status === "skipped").length,
    baselineFailed: baseline !== null && !baseline.ok,
  };
}
