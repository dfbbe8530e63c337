import { formatCell } from "./formatCell.js";
import { formulaSafe } from "./formulaSafe.js";
import { decimalsOf, type Cell, type Leaderboard } from "./leaderboard.js";
import { oneLine } from "./oneLine.js";

/**
 * TSV has no quoting (IANA's text/tab-separated-values forbids a tab in a field), so a tab or a
 * line break in a text cell becomes a space, as markdown does with a line break: the row stays
 * one line of the same fields for cut, awk and spreadsheets. json and jsonl keep such values.
 */
function tsvText(text: string): string {
  return oneLine(formulaSafe(text)).replace(/\t/g, " ");
}

function tsvCell(cell: Cell, round: number): string {
  return typeof cell === "string" ? tsvText(cell) : formatCell(cell, round);
}

/** Tab-separated values with a header row; text cells neutralised against formulas as in csv. */
export function toTsv(board: Leaderboard, round: number): string {
  const lines = [board.columns.map(tsvText).join("\t")];
  for (const row of board.rows) lines.push(row.map((cell, j) => tsvCell(cell, decimalsOf(board, j, round))).join("\t"));
  return lines.join("\n") + "\n";
}
