import { jsonLine, jsonNumber } from "./jsonNumber.js";
import type { Cell, Leaderboard } from "./leaderboard.js";
import { metadataRecord, type RunMetadata } from "./runMetadata.js";

/** Full precision, as the issue asks; NaN and Infinity as jsonNumber writes them. */
function jsonCell(cell: Cell): string | number | null {
  return typeof cell === "number" ? jsonNumber(cell) : cell;
}

export function rowObjects(board: Leaderboard): Record<string, string | number | null>[] {
  return board.rows.map((row) => Object.fromEntries(board.columns.map((column, j) => [column, jsonCell(row[j])])));
}

/** The run's metadata with how this grid's rows were cut and how many there are (merge checks both). */
function gridMetadata(board: Leaderboard, metadata: RunMetadata): Record<string, RunMetadata> {
  return metadataRecord({ ...metadata, kept: board.kept, rowCount: board.rows.length });
}

/** One JSON object: the run's metadata under "automl_grid", and "rows", an array of row objects keyed by column name. */
export function toJson(board: Leaderboard, metadata: RunMetadata): string {
  return JSON.stringify({ ...gridMetadata(board, metadata), rows: rowObjects(board) }, null, 2) + "\n";
}

/** The run's metadata on the first line, then one row object per line. */
export function toJsonl(board: Leaderboard, metadata: RunMetadata): string {
  return [gridMetadata(board, metadata), ...rowObjects(board)].map((row) => jsonLine(row) + "\n").join("");
}
