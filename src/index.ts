import type { Readable } from "node:stream";
import { describeKey } from "./data/partitionKey.js";
import { readPartitions } from "./data/readPartitions.js";
import type { Shard } from "./data/shard.js";
import type { GridSpec } from "./evaluate/compareModels.js";
import type { PartitionResult, SortColumn } from "./evaluate/grid.js";
import { scorePartitions } from "./parallel/pool.js";
import { leaderboard, type Leaderboard } from "./report/leaderboard.js";
import type { ResultOptions } from "./report/shardManifest.js";

/** A run: the options that change the numbers (shared with shard manifests), and how to run. */
export interface RunOptions extends ResultOptions {
  /** A CSV path, or "-" for stdin. */
  readonly input: string;
  readonly sort: SortColumn;
  readonly top: number;
  readonly workers: number;
  readonly shard: Shard | null;
}

/** What a run reports as it goes; the CLI turns these into stderr lines or a spinner. */
export interface RunEvents {
  note?(message: string): void;
  partitionsFound?(total: number): void;
  fit?(): void;
  partitionDone?(result: PartitionResult, done: number, total: number): void;
}

export interface RunResult {
  readonly results: readonly PartitionResult[];
  readonly board: Leaderboard;
  /** Partitions that could not be scored. */
  readonly failed: number;
  /** sha256 of the input bytes. */
  readonly fingerprint: string;
}

export interface RunContext {
  readonly events?: RunEvents;
  readonly signal?: AbortSignal;
  readonly stdin?: Readable;
}

function noteScope(where: readonly string[], total: number): string {
  if (where.length === 1) return where[0];
  if (where.length === total) return `all ${total} partitions`;
  const shown = where.slice(0, 3).map((key) => `(${key})`).join(", ");
  return `${where.length} partitions: ${shown}${where.length > 3 ? ", ..." : ""}`;
}

/**
 * The whole job, without touching the terminal: read and route the CSV, score every partition on
 * a pool of child processes, build the leaderboard. Bad input rejects with an AutomlGridError.
 */
export async function run(options: RunOptions, context: RunContext = {}): Promise<RunResult> {
  const events = context.events ?? {};
  const input = await readPartitions(options, context.stdin);
  if (input.droppedTargets > 0) {
    events.note?.(`dropped ${input.droppedTargets} rows with a missing ${options.target}`);
  }
  for (const note of input.notes) events.note?.(note);
  const spec: GridSpec = {
    target: options.target,
    features: input.features,
    foldColumn: options.foldColumn,
    folds: options.folds,
    trainSize: options.trainSize,
    seed: options.seed,
    models: options.models,
  };
  const total = input.partitions.length;
  events.partitionsFound?.(total);
  let done = 0;
  // The same note from many partitions (an identifier column, say) is said once, with where.
  const notes = new Map<string, string[]>();
  const results = await scorePartitions(input.partitions, {
    workers: options.workers,
    header: input.header,
    spec,
    signal: context.signal,
    onFit: () => events.fit?.(),
    onDone: (result) => {
      done++;
      for (const note of result.notes) notes.set(note, [...(notes.get(note) ?? []), describeKey(options.by, result.key)]);
      events.partitionDone?.(result, done, total);
    },
  });
  for (const [note, where] of notes) events.note?.(options.by.length === 0 ? note : `${noteScope(where, total)}: ${note}`);
  const board = leaderboard(results, { by: options.by, sort: options.sort, top: options.top });
  return {
    results,
    board,
    failed: results.filter((result) => result.status !== "ok").length,
    fingerprint: input.fingerprint,
  };
}
