import { compareKeys } from "../data/partitionKey.js";
import type { GridRow, PartitionResult } from "../evaluate/grid.js";
import { gridColumns, partitionFactColumns, ROWS_COLUMN, type ColumnSpec, type TaskInfo } from "../evaluate/task.js";
import { BEATS_BASELINE_COLUMN, baselineName, beatsBaseline } from "./beatsBaseline.js";
import { BASELINE_ROW_COLUMN, GLOBAL_BEST_COLUMN, GLOBAL_MODEL_COLUMN, GLOBAL_ROW, globalCells } from "./globalColumns.js";
import { keyColumnNames } from "./keyColumns.js";
import type { KeptRows } from "./runMetadata.js";

/** A cell of the output: text, a number (NaN when undefined) or nothing (a failed partition). */
export type Cell = string | number | null;

/** Columns and rows, ready for any writer. */
export interface Leaderboard {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** Which columns hold numbers (rounded in text formats). */
  readonly numeric: readonly boolean[];
  /** Which numeric columns hold whole counts (Rows): written without decimals in text formats. */
  readonly counts: readonly boolean[];
  /**
   * Which columns describe the partition rather than the model (Rows, Minority, Beats_Dummy): the same on
   * every row of a partition, so a layout for reading may say them once, with its heading.
   */
  readonly perPartition: readonly boolean[];
  /** Which of each partition's rows the grid holds (json and jsonl record it for merge). */
  readonly kept: KeptRows;
}

/** The decimals a text format gives column j: none for a count, `round` for any other number. */
export function decimalsOf(board: Leaderboard, j: number, round: number): number {
  return board.counts[j] ? 0 : round;
}

/** Ends every row of a partitioned grid. */
const STATUS_COLUMNS: readonly string[] = ["status", "reason"];

/** The fold standard deviation (ddof 0) of the --sort column, beside the means. */
export const SD_COLUMN = "SD";

/**
 * A shard's piece carries the fold standard deviation of every grid column in these, so that
 * merge, which may sort by another column than the shards did, can show that column's.
 */
export function deviationColumn(id: string): string {
  return `SD_${id}`;
}

/**
 * The --by columns' names in a grid of this task: renamed `by_<name>` where the grid's own
 * columns would take the name (see keyColumnNames); a piece's deviation columns are reserved in
 * every grid, so that a key is named alike in pieces and in whole grids. Merge reads shards back
 * through this same function.
 */
export function keyColumns(by: readonly string[], task: TaskInfo): string[] {
  const scored = gridColumns(task).map((column) => column.id);
  return keyColumnNames(by, ["Model", ...scored, ...partitionFactColumns(task), BEATS_BASELINE_COLUMN, GLOBAL_BEST_COLUMN, GLOBAL_MODEL_COLUMN, SD_COLUMN, ...scored.map(deviationColumn), BASELINE_ROW_COLUMN, ...STATUS_COLUMNS]);
}

export interface LeaderboardOptions {
  readonly task: TaskInfo;
  readonly by: readonly string[];
  /** A grid column of the task (checked by the caller). */
  readonly sort: string;
  readonly top: number;
  /**
   * A shard's piece for merge: add every column's fold deviation (deviationColumn), and keep the
   * baseline's row even when --top cuts it, so that merge can tell whether its own sort's best
   * beats it.
   */
  readonly everyDeviation?: boolean;
  /**
   * --baseline global: Global_Best and Global_Model per partition, from each result's global
   * rows; a piece also carries those rows in full, marked in its Baseline column.
   */
  readonly globalBaseline?: boolean;
}

/** Best first by the column's direction; NaN last; ties keep registry order (stable sort). */
export function sortRows(rows: readonly GridRow[], column: ColumnSpec): GridRow[] {
  const sign = column.greaterIsBetter ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a.mean[column.id];
    const y = b.mean[column.id];
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
    return sign * (x - y);
  });
}

/**
 * The score grid as PyCaret's pull() shows it, one block per partition: partition key columns
 * first (named by keyColumns), then Model, the task's metrics and TT_Sec, then what describes the
 * partition (Rows, the task's target facts such as Minority, and whether the best model beats
 * the task's baseline on the --sort column: Beats_Dummy) and SD, the fold standard
 * deviation of the --sort column; with --by, a status and reason at the end of every row, and a
 * skipped or failed partition as one row with empty scores (its Rows and facts when known).
 * Partitions in sorted key order, rows in --sort order, at most --top rows per partition.
 */
export function leaderboard(results: readonly PartitionResult[], options: LeaderboardOptions): Leaderboard {
  const partitioned = options.by.length > 0;
  const scored = gridColumns(options.task);
  const sortColumn = scored.find((column) => column.id === options.sort);
  if (sortColumn === undefined) throw new RangeError(`${options.sort} is not a ${options.task.id} grid column`);
  const facts = partitionFactColumns(options.task);
  const deviations = options.everyDeviation === true ? scored.map((column) => column.id) : [];
  const global = options.globalBaseline === true;
  const globalColumns = global ? [GLOBAL_BEST_COLUMN, GLOBAL_MODEL_COLUMN] : [];
  const marked = global && options.everyDeviation === true;
  const tailColumns = partitioned ? STATUS_COLUMNS : [];
  const columns = [
    ...keyColumns(options.by, options.task),
    "Model",
    ...scored.map((column) => column.id),
    ...facts,
    BEATS_BASELINE_COLUMN,
    ...globalColumns,
    SD_COLUMN,
    ...deviations.map(deviationColumn),
    ...(marked ? [BASELINE_ROW_COLUMN] : []),
    ...tailColumns,
  ];
  // By position, not by name: a key column may be called like a metric and is text all the same.
  const kinds: ("text" | "number" | "count")[] = [
    ...options.by.map(() => "text" as const),
    "text",
    ...scored.map(() => "number" as const),
    ...facts.map((column) => (column === ROWS_COLUMN ? ("count" as const) : ("number" as const))),
    "text",
    ...(global ? (["number", "text"] as const) : []),
    "number",
    ...deviations.map(() => "number" as const),
    ...(marked ? (["text"] as const) : []),
    ...tailColumns.map(() => "text" as const),
  ];
  const numeric = kinds.map((kind) => kind !== "text");
  const counts = kinds.map((kind) => kind === "count");
  const keyCount = options.by.length + 1 + scored.length;
  const perPartition = columns.map((_, j) => j >= keyCount && j < keyCount + facts.length + 1 + globalColumns.length);
  const baseline = baselineName(options.task);
  const rows: Cell[][] = [];
  const ordered = [...results].sort((a, b) => compareKeys(a.key, b.key));
  for (const result of ordered) {
    const described: Cell[] = facts.map((column) => result.facts?.[column] ?? null);
    // Judged on every row the partition has, before --top cuts them.
    const beats: Cell = result.status === "ok" ? beatsBaseline(result.rows, sortColumn, baseline) : null;
    const globalRows = sortRows(result.global ?? [], sortColumn);
    const judged: Cell[] = [beats, ...(global ? globalCells(globalRows, sortColumn.id) : [])];
    const tail: Cell[] = partitioned ? [result.status, result.reason] : [];
    const modelRow = (row: GridRow, mark: Cell): Cell[] => [
      ...result.key,
      row.model,
      ...scored.map((column) => row.mean[column.id]),
      ...described,
      ...judged,
      // A row without a deviation (a merged piece that carried none) shows NaN, not a hole.
      row.sd[sortColumn.id] ?? NaN,
      ...deviations.map((id) => row.sd[id] ?? NaN),
      ...(marked ? [mark] : []),
      ...tail,
    ];
    // A piece carries the global rows in full, in registry order, after the partition's own.
    const globalTail = marked ? (result.global ?? []).map((row) => modelRow(row, GLOBAL_ROW)) : [];
    if (result.status !== "ok") {
      rows.push([...result.key, null, ...scored.map(() => null), ...described, ...judged, null, ...deviations.map(() => null), ...(marked ? [null] : []), ...tail], ...globalTail);
      continue;
    }
    const sorted = sortRows(result.rows, sortColumn);
    const kept = sorted.slice(0, options.top);
    const cutBaseline = sorted.slice(options.top).find((row) => row.model === baseline);
    if (options.everyDeviation === true && cutBaseline !== undefined) kept.push(cutBaseline);
    for (const row of kept) rows.push(modelRow(row, null));
    rows.push(...globalTail);
  }
  // The CLI's "no --top" is the largest safe integer: every row, recorded as null.
  const kept = { sort: sortColumn.id, top: options.top >= Number.MAX_SAFE_INTEGER ? null : options.top };
  return { columns, rows, numeric, counts, perPartition, kept };
}
