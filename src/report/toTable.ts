import Table from "cli-table3";
import { formatCell } from "./formatCell.js";
import { decimalsOf, type Leaderboard } from "./leaderboard.js";
import { printable } from "./printable.js";

/**
 * A boxed table for a terminal (cli-table3); colour off so that copies paste cleanly. Every cell
 * and heading is shown printable: a key holding ESC or a newline must not drive the terminal.
 */
export function toTable(board: Leaderboard, round: number): string {
  const table = new Table({
    head: board.columns.map(printable),
    // Compact: one line per grid row, as a data frame prints, instead of a rule between rows.
    style: { head: [], border: [], compact: true },
    colAligns: board.numeric.map((numeric) => (numeric ? "right" : "left")),
  });
  for (const row of board.rows) table.push(row.map((cell, j) => printable(formatCell(cell, decimalsOf(board, j, round)))));
  return table.toString() + "\n";
}
