import { gridColumns, type ColumnSpec, type TaskInfo } from "../evaluate/task.js";
import type { Cell, Leaderboard } from "./leaderboard.js";

/** A scored column of the board (a metric or TT_Sec) with the task's direction for it. */
export interface ScoredColumn {
  readonly index: number;
  readonly spec: ColumnSpec;
  /** One of the task's metrics (TT_Sec is scored but is not a metric). */
  readonly metric: boolean;
}

/** One partition's rows of the board, with its key, status and reason pulled out. */
export interface GridBlock {
  /** The key's cells as text, "" for a missing value; [] for a run without --by. */
  readonly key: readonly string[];
  readonly status: string;
  readonly reason: string;
  /** Rows that hold a model (a failed partition's placeholder row holds none). */
  readonly rows: readonly (readonly Cell[])[];
  /** The partition-level cells (see GridShape.partitionColumns), read off its first row. */
  readonly partitionCells: readonly Cell[];
}

/**
 * The board read through the task and the run's --by, without assuming more of its columns than
 * the leaderboard promises: the key columns come first, Model is named so, the task's grid
 * columns are named by their ids, and status and reason (text) close a partitioned grid. Any other
 * column is carried along as it is.
 */
export interface GridShape {
  readonly keyColumns: readonly string[];
  readonly modelIndex: number;
  readonly scored: readonly ScoredColumn[];
  /** Columns that are none of the above and vary within a partition: shown beside the scores. */
  readonly otherColumns: readonly number[];
  /**
   * Columns the leaderboard marks as describing the partition (Rows, Minority): said once, with
   * the partition's heading, instead of on every row.
   */
  readonly partitionColumns: readonly number[];
  readonly blocks: readonly GridBlock[];
}

function sameKey(a: readonly Cell[], b: readonly Cell[], keys: number): boolean {
  for (let j = 0; j < keys; j++) if (a[j] !== b[j]) return false;
  return true;
}

/** Consecutive rows with one key are one partition: the leaderboard writes each partition whole. */
function groupRows(board: Leaderboard, keys: number): (readonly Cell[])[][] {
  const groups: (readonly Cell[])[][] = [];
  for (const row of board.rows) {
    const last = groups[groups.length - 1];
    if (last !== undefined && sameKey(last[0], row, keys)) last.push(row);
    else groups.push([row]);
  }
  return groups;
}

const text = (cell: Cell | undefined): string => (cell === null || cell === undefined ? "" : String(cell));

export function gridShape(board: Leaderboard, task: TaskInfo, by: readonly string[]): GridShape {
  const keys = by.length;
  const after = (name: string, numeric: boolean): number => board.columns.findIndex((column, j) => j >= keys && column === name && board.numeric[j] === numeric);
  const modelIndex = after("Model", false);
  if (modelIndex < 0) throw new RangeError("the leaderboard has no Model column");
  const statusIndex = keys > 0 ? after("status", false) : -1;
  const reasonIndex = keys > 0 ? after("reason", false) : -1;
  const metricIds = new Set(task.metrics.map((metric) => metric.id));
  const scored: ScoredColumn[] = gridColumns(task).flatMap((spec) => {
    const index = after(spec.id, true);
    return index < 0 ? [] : [{ index, spec, metric: metricIds.has(spec.id) }];
  });
  const taken = new Set([modelIndex, statusIndex, reasonIndex, ...scored.map((column) => column.index)]);
  const rest = board.columns.map((_, j) => j).filter((j) => j >= keys && !taken.has(j));
  const groups = groupRows(board, keys);
  // Said in the rule above the partition's rows (a grid without --by has one such rule too).
  const perPartition = rest.filter((j) => board.perPartition[j]);
  const blocks = groups.map((rows) => ({
    key: rows[0].slice(0, keys).map(text),
    status: statusIndex < 0 ? "ok" : text(rows[0][statusIndex]),
    reason: reasonIndex < 0 ? "" : text(rows[0][reasonIndex]),
    rows: rows.filter((row) => row[modelIndex] !== null),
    partitionCells: perPartition.map((j) => rows[0][j]),
  }));
  return {
    keyColumns: board.columns.slice(0, keys),
    modelIndex,
    scored,
    otherColumns: rest.filter((j) => !perPartition.includes(j)),
    partitionColumns: perPartition,
    blocks,
  };
}

/**
 * The rows of a block holding the best value of a scored column, by its direction, compared as
 * shown (`show` gives the text a reader sees, so two values that print alike are both best).
 * NaN is never best; a column whose values all print alike (or that has fewer than two) has
 * nothing that stands out, and gets no best.
 */
export function bestRows(block: GridBlock, column: ScoredColumn, show: (value: number) => string): Set<number> {
  const values = block.rows.map((row) => row[column.index]);
  const finite = values.filter((value): value is number => typeof value === "number" && !Number.isNaN(value));
  if (finite.length < 2) return new Set();
  const best = column.spec.greaterIsBetter ? Math.max(...finite) : Math.min(...finite);
  const shown = show(best);
  const rows = values.flatMap((value, i) => (typeof value === "number" && !Number.isNaN(value) && show(value) === shown ? [i] : []));
  return new Set(rows.length === finite.length ? [] : rows);
}
