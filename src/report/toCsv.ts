import { formatCell } from "./formatCell.js";
import { formulaSafe } from "./formulaSafe.js";
import { decimalsOf, type Cell, type Leaderboard } from "./leaderboard.js";

function quote(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Text cells come from the data (keys, reasons) and may open in a spreadsheet; numbers never need it. */
function csvCell(cell: Cell, round: number): string {
  return quote(typeof cell === "string" ? formulaSafe(cell) : formatCell(cell, round));
}

/** RFC 4180 CSV with a header row; a field is quoted only when it must be. */
export function toCsv(board: Leaderboard, round: number): string {
  const lines = [board.columns.map((column) => quote(formulaSafe(column))).join(",")];
  for (const row of board.rows) lines.push(row.map((cell, j) => csvCell(cell, decimalsOf(board, j, round))).join(","));
  return lines.join("\n") + "\n";
}
