import type { Cell } from "./leaderboard.js";

/** A cell as text for csv, markdown and the terminal table: numbers fixed to `round` decimals. */
export function formatCell(cell: Cell, round: number): string {
  if (cell === null) return "";
  if (typeof cell === "string") return cell;
  if (Number.isNaN(cell)) return "NaN";
  return cell.toFixed(round);
}
