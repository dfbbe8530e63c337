import { compareKeys } from "../data/partitionKey.js";
import type { GridRow, PartitionResult, SortColumn } from "../evaluate/grid.js";
import { METRIC_IDS } from "../evaluate/metrics.js";
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

export const GRID_COLUMNS: readonly string[] = ["Model", ...METRIC_IDS, "TT_Sec"];

/** Ends every row of a partitioned grid. */
const STATUS_COLUMNS: readonly string[] = ["status", "reason"];

/**
 * The --by columns' names in the grid: renamed `by_<name>` where the grid's own columns would
 * take the name (see keyColumnNames). Merge reads shards back through this same function.
 */
export function keyColumns(by: readonly string[]): string[] {
  return keyColumnNames(by, [...GRID_COLUMNS, ...STATUS_COLUMNS]);
}

export interface LeaderboardOptions {
  readonly by: readonly string[];
  readonly sort: SortColumn;
  readonly top: number;
}

/** Descending for metrics, ascending for TT_Sec; NaN last; ties keep registry order (stable sort). */
export function sortRows(rows: readonly GridRow[], sort: SortColumn): GridRow[] {
  const sign = sort === "TT_Sec" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[sort];
    const y = b[sort];
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
    return sign * (x - y);
  });
}

/**
 * The score grid as PyCaret's pull() shows it, one block per partition: partition key columns
 * first (named by keyColumns), then Model, the metrics and TT_Sec; with --by, a status and reason at the end of every
 * row, and a failed partition as one row with empty scores. Partitions in sorted key order, rows
 * in --sort order, at most --top rows per partition.
 */
export function leaderboard(results: readonly PartitionResult[], options: LeaderboardOptions): Leaderboard {
  const partitioned = options.by.length > 0;
  const columns = [...keyColumns(options.by), ...GRID_COLUMNS, ...(partitioned ? STATUS_COLUMNS : [])];
  // By position, not by name: a key column may be called like a metric and is text all the same.
  const numeric = [
    ...options.by.map(() => false),
    ...GRID_COLUMNS.map((column) => column !== "Model"),
    ...(partitioned ? STATUS_COLUMNS.map(() => false) : []),
  ];
  const rows: Cell[][] = [];
  const ordered = [...results].sort((a, b) => compareKeys(a.key, b.key));
  for (const result of ordered) {
    const tail: Cell[] = partitioned ? [result.status, result.reason] : [];
    if (result.status !== "ok") {
      rows.push([...result.key, ...GRID_COLUMNS.map(() => null), ...tail]);
      continue;
    }
    for (const row of sortRows(result.rows, options.sort).slice(0, options.top)) {
      rows.push([...result.key, row.Model, ...METRIC_IDS.map((id) => row[id]), row.TT_Sec, ...tail]);
    }
  }
  return { columns, rows, numeric };
}
