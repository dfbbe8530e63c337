import type { Cell, Leaderboard } from "./leaderboard.js";

/** JSON has no NaN: an undefined metric is null. Full precision, as the issue asks. */
function jsonCell(cell: Cell): string | number | null {
  return typeof cell === "number" && !Number.isFinite(cell) ? null : cell;
}

export function rowObjects(board: Leaderboard): Record<string, string | number | null>[] {
  return board.rows.map((row) => Object.fromEntries(board.columns.map((column, j) => [column, jsonCell(row[j])])));
}

/** One JSON array of row objects keyed by column name. */
export function toJson(board: Leaderboard): string {
  return JSON.stringify(rowObjects(board), null, 2) + "\n";
}

/** One row object per line. */
export function toJsonl(board: Leaderboard): string {
  return rowObjects(board)
    .map((row) => JSON.stringify(row) + "\n")
    .join("");
}
