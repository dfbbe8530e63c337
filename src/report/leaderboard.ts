import { compareKeys } from "../data/partitionKey.js";
import type { GridRow, PartitionResult } from "../evaluate/grid.js";
import { gridColumns, type ColumnSpec, type TaskInfo } from "../evaluate/task.js";
import { keyColumnNames } from "./keyColumns.js";

/** A cell of the output: text, a number (NaN when undefined) or nothing (a failed partition). */
export type Cell = string | number | null;

/** Columns and rows, ready for any writer. */
export interface Leaderboard {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** Which columns hold numbers (rounded in text formats). */
  readonly numeric: readonly boolean[];
}

/** Ends every row of a partitioned grid. */
const STATUS_COLUMNS: readonly string[] = ["status", "reason"];

/**
 * The --by columns' names in a grid of this task: renamed `by_<name>` where the grid's own
 * columns would take the name (see keyColumnNames). Merge reads shards back through this same function.
 */
export function keyColumns(by: readonly string[], task: TaskInfo): string[] {
  return keyColumnNames(by, ["Model", ...gridColumns(task).map((column) => column.id), ...STATUS_COLUMNS]);
}

export interface LeaderboardOptions {
  readonly task: TaskInfo;
  readonly by: readonly string[];
  /** A grid column of the task (checked by the caller). */
  readonly sort: string;
  readonly top: number;
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
 * first (named by keyColumns), then Model, the task's metrics and TT_Sec; with --by, a status and reason at the end of
 * every row, and a failed partition as one row with empty scores. Partitions in sorted key order,
 * rows in --sort order, at most --top rows per partition.
 */
export function leaderboard(results: readonly PartitionResult[], options: LeaderboardOptions): Leaderboard {
  const partitioned = options.by.length > 0;
  const scored = gridColumns(options.task);
  const sortColumn = scored.find((column) => column.id === options.sort);
  if (sortColumn === undefined) throw new RangeError(`${options.sort} is not a ${options.task.id} grid column`);
  const columns = [...keyColumns(options.by, options.task), "Model", ...scored.map((column) => column.id), ...(partitioned ? STATUS_COLUMNS : [])];
  // By position, not by name: a key column may be called like a metric and is text all the same.
  const numeric = [...options.by.map(() => false), false, ...scored.map(() => true), ...(partitioned ? STATUS_COLUMNS.map(() => false) : [])];
  const rows: Cell[][] = [];
  const ordered = [...results].sort((a, b) => compareKeys(a.key, b.key));
  for (const result of ordered) {
    const tail: Cell[] = partitioned ? [result.status, result.reason] : [];
    if (result.status !== "ok") {
      rows.push([...result.key, null, ...scored.map(() => null), ...tail]);
      continue;
    }
    for (const row of sortRows(result.rows, sortColumn).slice(0, options.top)) {
      rows.push([...result.key, row.model, ...scored.map((column) => row.mean[column.id]), ...tail]);
    }
  }
  return { columns, rows, numeric };
}
