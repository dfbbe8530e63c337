import { formatCell } from "./formatCell.js";
import type { Leaderboard } from "./leaderboard.js";

function escape(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** A GitHub-flavoured markdown table; numeric columns right-aligned. */
export function toMarkdown(board: Leaderboard, round: number): string {
  const header = `| ${board.columns.map(escape).join(" | ")} |`;
  const rule = `| ${board.numeric.map((numeric) => (numeric ? "---:" : "---")).join(" | ")} |`;
  const body = board.rows.map((row) => `| ${row.map((cell) => escape(formatCell(cell, round))).join(" | ")} |`);
  return [header, rule, ...body].join("\n") + "\n";
}
