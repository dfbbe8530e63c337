import type { TaskInfo } from "../evaluate/task.js";
import { BEATS_BASELINE_COLUMN } from "./beatsBaseline.js";
import { GLOBAL_BEST_COLUMN, GLOBAL_MODEL_COLUMN } from "./globalColumns.js";
import { displayWidth } from "./displayWidth.js";
import { formatCell } from "./formatCell.js";
import { bestRows, gridShape, type GridBlock, type GridShape } from "./gridBlocks.js";
import { decimalsOf, type Cell, type Leaderboard } from "./leaderboard.js";
import { printable } from "./printable.js";
import { shortModelNames } from "./shortModelName.js";

export interface TableOptions {
  readonly round: number;
  readonly task: TaskInfo;
  /** The run's --by columns, which the board's first columns hold. */
  readonly by: readonly string[];
  /**
   * Bold headings and each partition's best value per metric on yellow, as PyCaret's styled
   * grid: only for a terminal that takes colour (the CLI decides: a TTY, NO_COLOR unset).
   */
  readonly color: boolean;
}

interface Column {
  readonly title: string;
  readonly right: boolean;
  readonly text: (row: readonly Cell[]) => string;
  /** A score with its huge values in exponent form (MAPE where a true value is 0 nears 1e15). */
  readonly compact?: (row: readonly Cell[]) => string;
}

/**
 * A cell as formatCell writes it, unless that is wider than the same number in exponent form of
 * `round` decimals (a huge value: 1763177964672996.7500 against 1.7632e+15), which it then is.
 */
function exponentCell(cell: Cell, round: number): string {
  const fixed = formatCell(cell, round);
  if (typeof cell !== "number" || !Number.isFinite(cell)) return fixed;
  const exponent = cell.toExponential(round);
  return exponent.length < fixed.length ? exponent : fixed;
}

/** SGR sequences; each closes only what it opened, so a highlighted cell does not unbold a heading. */
const style = {
  bold: (text: string): string => `\x1b[1m${text}\x1b[22m`,
  best: (text: string): string => `\x1b[30;43m${text}\x1b[39;49m`,
  warn: (text: string): string => `\x1b[31m${text}\x1b[39m`,
};

/** The heading's words for Beats_Dummy: said plainly, so that the mark reads the same without colour. */
const BASELINE_MARKS: Readonly<Record<string, { readonly text: string; readonly warn: boolean }>> = {
  yes: { text: "beats dummy", warn: false },
  no: { text: "dummy not beaten", warn: true },
};

function columns(shape: GridShape, board: Leaderboard, round: number): Column[] {
  const models = shape.blocks.flatMap((block) => block.rows.map((row) => String(row[shape.modelIndex])));
  const short = shortModelNames(models);
  return [
    { title: "Model", right: false, text: (row) => printable(short.get(String(row[shape.modelIndex])) ?? "") },
    ...shape.scored.map((column) => ({
      title: column.spec.id,
      right: true,
      text: (row: readonly Cell[]) => formatCell(row[column.index], round),
      compact: (row: readonly Cell[]) => exponentCell(row[column.index], round),
    })),
    ...shape.otherColumns.map((j) => ({
      title: printable(board.columns[j]),
      right: board.numeric[j],
      text: (row: readonly Cell[]) => printable(formatCell(row[j], decimalsOf(board, j, round))),
    })),
  ];
}

function pad(text: string, width: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

/** A horizontal rule whose junctions say where column lines run above and below it. */
function rule(widths: readonly number[], ends: [string, string], above: boolean, below: boolean): string {
  const junction = above && below ? "┼" : above ? "┴" : below ? "┬" : "─";
  return ends[0] + widths.map((w) => "─".repeat(w + 2)).join(junction) + ends[1];
}

/** The rule that opens a partition, its heading written into it: `├─ Sex=female ──┼───…┤`. */
function headingRule(plain: string, label: string, labelWidth: number): string {
  const start = 3 + labelWidth + 1;
  const chars = [...plain];
  if (start >= chars.length - 1) return `├─ ${label} ─`;
  return `├─ ${label} ${chars.slice(start).join("")}`;
}

/** Words into lines of at most `width` columns; a longer word gets a line of its own. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const next = line === "" ? word : `${line} ${word}`;
    if (line !== "" && displayWidth(next) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  return [...lines, line];
}

/** A partition's heading, plain (for its width) and as shown: bold, the baseline's mark in red when not beaten. */
function heading(shape: GridShape, block: GridBlock, board: Leaderboard, round: number, color: boolean): { plain: string; shown: string } {
  const key = shape.keyColumns.map((name, i) => `${name}=${block.key[i]}`).join(", ");
  // A grid without --by has no key, and its heading holds the partition's facts alone.
  const parts = key === "" ? [] : [{ text: key, warn: false }];
  // --baseline global's two columns read as one phrase, `global Random Forest 0.8123`, with the short name.
  const cellOf = (name: string): Cell | undefined => block.partitionCells[shape.partitionColumns.findIndex((j) => board.columns[j] === name)];
  const globalModel = cellOf(GLOBAL_MODEL_COLUMN);
  // A fact the partition does not have (a one-class target's Minority) is left out, not shown empty.
  shape.partitionColumns.forEach((j, i) => {
    const cell = block.partitionCells[i];
    if (cell === null || board.columns[j] === GLOBAL_MODEL_COLUMN) return;
    if (board.columns[j] === GLOBAL_BEST_COLUMN) {
      if (typeof globalModel === "string") parts.push({ text: `global ${shortModelNames([globalModel]).get(globalModel) ?? globalModel} ${formatCell(cell, round)}`, warn: false });
      return;
    }
    const mark = board.columns[j] === BEATS_BASELINE_COLUMN ? BASELINE_MARKS[String(cell)] : undefined;
    parts.push(mark ?? { text: `${board.columns[j]} ${formatCell(cell, decimalsOf(board, j, round))}`, warn: false });
  });
  const texts = parts.map((part) => ({ text: printable(part.text), warn: part.warn }));
  const plain = texts.map((part) => part.text).join(" · ");
  if (!color) return { plain, shown: plain };
  return { plain, shown: style.bold(texts.map((part) => (part.warn ? style.warn(part.text) : part.text)).join(" · ")) };
}

function note(block: GridBlock): string | null {
  if (block.status === "ok" && block.reason === "") return null;
  return printable(block.reason === "" ? block.status : `${block.status}: ${block.reason}`);
}

/**
 * A boxed table for a terminal, sized to fit 100 columns for the usual grids: one header, then
 * each partition under a heading written into the rule above its rows (keys said once, not on
 * every row), status and reason said only for a partition that has them, models by short names.
 * Every text from the data is shown printable: a key holding ESC or a newline must not drive
 * the terminal.
 */
export function toTable(board: Leaderboard, options: TableOptions): string {
  const { round, color } = options;
  const shape = gridShape(board, options.task, options.by);
  const cols = columns(shape, board, round);
  // A loop, not Math.max(...cells): a grid of many partitions has more rows than a call takes arguments.
  const widthOf = (text: (row: readonly Cell[]) => string, title: string): number =>
    shape.blocks.reduce((w, block) => block.rows.reduce((v, row) => Math.max(v, displayWidth(text(row))), w), displayWidth(title));
  const widths = cols.map((column) => widthOf(column.text, column.title));
  const tooWide = (): boolean => widths.reduce((sum, w) => sum + w + 3, 1) > TABLE_WIDTH;
  // Columns beyond the scores (SD) are shown where they fit: the scores always are, and a table
  // wider than the terminal wraps every row. csv and json always have them.
  const firstOptional = 1 + shape.scored.length;
  while (cols.length > firstOptional && tooWide()) {
    cols.pop();
    widths.pop();
  }
  // Still too wide: a score column that huge values widen is shown in exponent form, the
  // widest first, until the table fits (csv and json keep the digits).
  while (tooWide()) {
    const narrower = cols.map((column) => (column.compact === undefined ? Infinity : widthOf(column.compact, column.title)));
    const j = widths.reduce((best, w, k) => (narrower[k] < w && (best < 0 || w > widths[best]) ? k : best), -1);
    const compact = j < 0 ? undefined : cols[j].compact;
    if (compact === undefined) break;
    cols[j] = { ...cols[j], text: compact };
    widths[j] = narrower[j];
  }
  const inner = widths.reduce((sum, w) => sum + w + 3, -1) - 2;
  const line = (cells: readonly string[]): string => `│ ${cells.join(" │ ")} │`;
  const bold = color ? style.bold : (text: string) => text;
  const lines = [rule(widths, ["┌", "┐"], false, true), line(cols.map((column, j) => bold(pad(column.title, widths[j], column.right))))];
  // Where each metric sits among the table's columns (Model first); TT_Sec is not a metric.
  const metrics = shape.scored.flatMap((column, k) => (column.metric ? [{ column, at: 1 + k }] : []));
  const shown = (value: number): string => formatCell(value, round);
  let above = true;
  for (const block of shape.blocks) {
    const message = note(block);
    const below = message === null && block.rows.length > 0;
    const plain = rule(widths, ["├", "┤"], above, below);
    const label = heading(shape, block, board, round, color);
    lines.push(label.plain === "" ? plain : headingRule(plain, label.shown, displayWidth(label.plain)));
    if (message !== null) {
      for (const text of wrap(message, inner)) lines.push(`│ ${pad(text, inner, false)} │`);
      if (block.rows.length > 0) lines.push(rule(widths, ["├", "┤"], false, true));
    }
    above = block.rows.length > 0;
    const best = color ? metrics.map(({ column, at }) => ({ at, rows: bestRows(block, column, shown) })) : [];
    block.rows.forEach((row, i) => {
      const cells = cols.map((column, j) => pad(column.text(row), widths[j], column.right));
      for (const { at, rows } of best) if (rows.has(i)) cells[at] = highlight(cells[at]);
      lines.push(line(cells));
    });
  }
  lines.push(rule(widths, ["└", "┘"], above, false));
  return lines.join("\n") + "\n";
}

/** The width the table keeps to when it can: 100 columns, a terminal's usual width and more. */
const TABLE_WIDTH = 100;

/** The padded cell with only its text highlighted, so that the highlight does not spill into the padding. */
function highlight(cell: string): string {
  const text = cell.trim();
  const at = cell.indexOf(text);
  return cell.slice(0, at) + style.best(text) + cell.slice(at + text.length);
}
