import { formatCell } from "./formatCell.js";
import { formulaSafe } from "./formulaSafe.js";
import { decimalsOf, type Cell, type Leaderboard } from "./leaderboard.js";
import { oneLine } from "./oneLine.js";

/** A pipe would end the cell and a line break the row (CommonMark ends a line at a lone CR too). */
function escape(text: string): string {
  return oneLine(text.replace(/\|/g, "\\|"));
}

/** Markdown tables get pasted into spreadsheets too: text cells are neutralised as in csv. */
function markdownCell(cell: Cell, round: number): string {
  return escape(typeof cell === "string" ? formulaSafe(cell) : formatCell(cell, round));
}

/** A GitHub-flavoured markdown table; numeric columns right-aligned. */
export function toMarkdown(board: Leaderboard, round: number): string {
  const header = `| ${board.columns.map((column) => escape(formulaSafe(column))).join(" | ")} |`;
  const rule = `| ${board.numeric.map((numeric) => (numeric ? "---:" : "---")).join(" | ")} |`;
  const body = board.rows.map((row) => `| ${row.map((cell, j) => markdownCell(cell, decimalsOf(board, j, round))).join(" | ")} |`);
  return [header, rule, ...body].join("\n") + "\n";
}
