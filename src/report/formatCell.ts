import type { Cell } from "./leaderboard.js";

/**
 * toFixed writes a number of 1e21 or more in exponent form with every digit it has, whatever the
 * decimals asked for; from there on the exponent form is chosen here, with `round` decimals, so
 * that such a cell is as wide as --round says.
 */
const FIXED_LIMIT = 1e21;

/**
 * A cell as text for csv, tsv, markdown, the terminal table and the html report: numbers fixed to
 * `round` decimals (`1.0809e+22` past 1e21), NaN as `NaN`, an infinite value (an error that
 * overflowed) as `Infinity` or `-Infinity`.
 */
export function formatCell(cell: Cell, round: number): string {
  if (cell === null) return "";
  if (typeof cell === "string") return cell;
  if (!Number.isFinite(cell)) return String(cell);
  return Math.abs(cell) >= FIXED_LIMIT ? cell.toExponential(round) : cell.toFixed(round);
}
