import { formatCell } from "./formatCell.js";
import type { Leaderboard } from "./leaderboard.js";

function quote(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a header row; a field is quoted only when it must be. */
export function toCsv(board: Leaderboard, round: number): string {
  const lines = [board.columns.map(quote).join(",")];
  for (const row of board.rows) lines.push(row.map((cell) => quote(formatCell(cell, round))).join(","));
  return lines.join("\n") + "\n";
}
