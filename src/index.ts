import type { Readable } from "node:stream";
import { compareKeys, describeKey, keyId, type PartitionKey } from "./data/partitionKey.js";
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

/** Where a run records its finished partitions, so that a killed run can be resumed (--resume). */
export interface RunJournal {
  /** For messages. */
  readonly name: string;
  /**
   * Called once the input's fingerprint is known, before any partition is scored: the results an
   * earlier run of the same job recorded, or null for a new journal. Rejects another input's journal.
   */
  begin(fingerprint: string): readonly PartitionResult[] | null;
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
  // A journaled partition that failed is scored again: the failure may have been the machine's.
  const journal = context.journal;
  const recorded = journal?.begin(input.fingerprint) ?? null;
  const finished = new Map((recorded ?? []).filter((result) => result.status === "ok").map((result) => [keyId(result.key), result]));
  const resumed = input.partitions.flatMap((partition) => finished.get(keyId(partition.key)) ?? []);
  const todo = input.partitions.filter((partition) => !finished.has(keyId(partition.key)));
  if (journal !== undefined && recorded !== null) events.note?.(`resumed ${resumed.length} of ${total} partitions from ${journal.name}`);
  events.partitionsFound?.(total);
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
    onDone: (result) => {
      done++;
      journal?.record(result);
      collectNotes(result);
      events.partitionDone?.(result, done, total);
    },
  });
  const results = [...resumed, ...scored];
  for (const [note, keys] of notes) {
    const where = [...keys].sort(compareKeys).map((key) => describeKey(options.by, key));
    events.note?.(options.by.length === 0 ? note : `${noteScope(where, total)}: ${note}`);
  }
  const board = leaderboard(results, { by: options.by, sort: options.sort, top: options.top });
  return {
    results,
    board,
    failed: results.filter((result) => result.status !== "ok").length,
    fingerprint: input.fingerprint,
  };
}
