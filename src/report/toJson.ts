import type { Cell, Leaderboard } from "./leaderboard.js";
import { metadataRecord, type RunMetadata } from "./runMetadata.js";

/** JSON has no NaN: an undefined metric is null. Full precision, as the issue asks. */
function jsonCell(cell: Cell): string | number | null {
  return typeof cell === "number" && !Number.isFinite(cell) ? null : cell;
}

export function rowObjects(board: Leaderboard): Record<string, string | number | null>[] {
  return board.rows.map((row) => Object.fromEntries(board.columns.map((column, j) => [column, jsonCell(row[j])])));
}

/** One JSON object: the run's metadata under "automl_grid", and "rows", an array of row objects keyed by column name. */
export function toJson(board: Leaderboard, metadata: RunMetadata): string {
  return JSON.stringify({ ...metadataRecord(metadata), rows: rowObjects(board) }, null, 2) + "\n";
}

/** The run's metadata on the first line, then one row object per line. */
export function toJsonl(board: Leaderboard, metadata: RunMetadata): string {
  return [metadataRecord(metadata), ...rowObjects(board)].map((row) => JSON.stringify(row) + "\n").join("");
}
