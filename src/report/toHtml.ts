import type { TaskInfo } from "../evaluate/task.js";
import { barChart } from "./barChart.js";
import { escapeHtml } from "./escapeHtml.js";
import { formatCell } from "./formatCell.js";
import { bestRows, gridShape, type GridBlock, type GridShape, type ScoredColumn } from "./gridBlocks.js";
import { heatmapTable, valueRange, type HeatmapRow } from "./heatmap.js";
import { decimalsOf, type Cell, type Leaderboard } from "./leaderboard.js";
import { REPORT_STYLE } from "./reportStyle.js";
import { shortModelNames } from "./shortModelName.js";
import type { RunMetadata } from "./runMetadata.js";

export interface HtmlOptions {
  readonly round: number;
  readonly task: TaskInfo;
  readonly metadata: RunMetadata;
  /** The column the grid was sorted by: the heatmap's and the charts' column. */
  readonly sort: string;
  /** What was read, for the summary; null when not known. */
  readonly source: string | null;
}

/**
 * Nothing may be fetched: no script, no font, no image from anywhere. The policy makes the
 * browser refuse them even if some text from the data slipped past escaping.
 */
const POLICY = "default-src 'none'; style-src 'unsafe-inline'";

/** Column j's cell as the text formats write it: a count (Rows) whole, any other number to `round` decimals. */
/** An undefined value (NaN: RMSLE over negative values, AUC of one class) shows as the heatmap shows it, a dash. */
const shown = (cell: Cell, round: number): string => (typeof cell === "number" && Number.isNaN(cell) ? "–" : formatCell(cell, round));

const number = (board: Leaderboard, cell: Cell, j: number, round: number): string => shown(cell, decimalsOf(board, j, round));

function keyText(shape: GridShape, block: GridBlock): string {
  if (shape.keyColumns.length === 0) return "All rows";
  return shape.keyColumns.map((name, i) => `${name} = ${block.key[i] === "" ? "(missing)" : block.key[i]}`).join(", ");
}

/** Models in registry order (the run's), then any other name the grid holds, as first met. */
function modelOrder(shape: GridShape, options: HtmlOptions): string[] {
  const present = new Set(shape.blocks.flatMap((block) => block.rows.map((row) => String(row[shape.modelIndex]))));
  const registry = options.task.models.filter((model) => options.metadata.options.models.includes(model.id)).map((model) => model.name);
  return [...new Set([...registry, ...present])].filter((name) => present.has(name));
}

function definitionList(items: readonly (readonly [string, string])[]): string {
  return `<dl>${items.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join("")}</dl>`;
}

const counted = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;

const list = (values: readonly string[]): string => (values.length === 0 ? "none" : values.join(", "));

function runSummary(options: HtmlOptions, sortColumn: ScoredColumn): string {
  const o = options.metadata.options;
  const names = new Map(options.task.models.map((model) => [model.id, model.name]));
  const shard = options.metadata.shard;
  return definitionList([
    ["Task", o.task],
    ["Target", o.target],
    ["Partitioned by", list(o.by)],
    ["Models", list(o.models.map((id) => `${names.get(id) ?? id} (${id})`))],
    ["Folds", o.foldColumn === null ? String(o.folds) : `from column ${o.foldColumn}`],
    ["Train size", String(o.trainSize)],
    ["Seed", String(o.seed)],
    ["Ignored columns", list(o.ignore)],
    ["Sorted by", `${sortColumn.spec.id} (${sortColumn.spec.greaterIsBetter ? "higher" : "lower"} is better)`],
    ["Decimals shown", String(options.round)],
    ["Delimiter", o.delimiter === "\t" ? "tab" : o.delimiter],
    ["Encoding", o.encoding],
    ["Decimal mark", o.decimal],
    ...(shard === null ? [] : [["Shard", `${shard.index}/${shard.count}`] as const]),
  ]);
}

function dataSummary(shape: GridShape, options: HtmlOptions, models: readonly string[], board: Leaderboard): string {
  const statuses = new Map<string, number>();
  for (const block of shape.blocks) statuses.set(block.status, (statuses.get(block.status) ?? 0) + 1);
  const counts = [...statuses].map(([status, count]) => `${count} ${status}`).join(", ");
  const facts = definitionList([
    ["Input", options.source ?? "not recorded"],
    ["SHA-256", options.metadata.fingerprint],
    ["Partitions", shape.keyColumns.length === 0 ? "none (one grid for the whole table)" : `${shape.blocks.length} (${counts})`],
    ["Models in the grid", String(models.length)],
  ]);
  if (shape.keyColumns.length === 0 || shape.partitionColumns.length === 0) return facts;
  // Per-partition facts (row counts, say), when the grid carries them.
  const head = [...shape.keyColumns, "status", ...shape.partitionColumns.map((j) => board.columns[j])];
  const rows = shape.blocks.map((block) => [...block.key, block.status, ...block.partitionCells.map((cell, i) => number(board, cell, shape.partitionColumns[i], options.round))]);
  return facts + table(head, rows, shape.keyColumns.length + 1);
}

function table(head: readonly string[], rows: readonly (readonly string[])[], textColumns: number): string {
  const th = head.map((name, j) => `<th scope="col"${j >= textColumns ? ' class="num"' : ""}>${escapeHtml(name)}</th>`).join("");
  const body = rows.map((row) => `<tr>${row.map((value, j) => `<td${j >= textColumns ? ' class="num"' : ""}>${escapeHtml(value)}</td>`).join("")}</tr>`);
  return `<table class="facts"><thead><tr>${th}</tr></thead><tbody>${body.join("")}</tbody></table>`;
}

/** The partition's whole grid, each metric's best on yellow and the fastest on grey, as PyCaret styles it. */
function fullGrid(shape: GridShape, block: GridBlock, board: Leaderboard, round: number): string {
  const show = (value: number): string => formatCell(value, round);
  const best = shape.scored.map((column) => bestRows(block, column, show));
  const head = [
    '<th scope="col">Model</th>',
    ...shape.scored.map((column) => `<th scope="col" class="num">${escapeHtml(column.spec.id)}</th>`),
    ...shape.otherColumns.map((j) => `<th scope="col"${board.numeric[j] ? ' class="num"' : ""}>${escapeHtml(board.columns[j])}</th>`),
  ];
  const rows = block.rows.map((row, i) => {
    const scored = shape.scored.map((column, k) => {
      const value = row[column.index];
      const mark = best[k].has(i) ? (column.metric ? " best" : " fastest") : "";
      const title = typeof value === "number" ? ` title="${escapeHtml(Number.isNaN(value) ? "undefined" : String(value))}"` : "";
      return `<td class="num${mark}"${title}>${escapeHtml(shown(value, round))}</td>`;
    });
    const others = shape.otherColumns.map((j) => `<td${board.numeric[j] ? ' class="num"' : ""}>${escapeHtml(number(board, row[j], j, round))}</td>`);
    return `<tr><th scope="row">${escapeHtml(String(row[shape.modelIndex]))}</th>${scored.join("")}${others.join("")}</tr>`;
  });
  return `<div class="scroll"><table class="grid"><thead><tr>${head.join("")}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}

function partitionSection(shape: GridShape, block: GridBlock, index: number, sortColumn: ScoredColumn, range: { low: number; high: number }, board: Leaderboard, round: number): string {
  const heading = keyText(shape, block);
  const facts = shape.partitionColumns.flatMap((j, i) => (block.partitionCells[i] === null ? [] : [`${board.columns[j]} ${number(board, block.partitionCells[i], j, round)}`]));
  const parts = [`<h3>${escapeHtml(heading)}</h3>`];
  if (facts.length > 0) parts.push(`<p class="facts-line">${escapeHtml(facts.join(" · "))}</p>`);
  if (block.status !== "ok" || block.reason !== "") {
    const text = block.reason === "" ? block.status : `${block.status}: ${block.reason}`;
    parts.push(`<p class="status-line ${block.status === "ok" ? "" : "not-ok"}">${escapeHtml(text)}</p>`);
  }
  if (block.rows.length > 0) {
    const show = (value: number): string => formatCell(value, round);
    const best = bestRows(block, sortColumn, show);
    // Short names, as on the terminal, leave the chart room beside the grid, which has the full ones.
    const short = shortModelNames(block.rows.map((row) => String(row[shape.modelIndex])));
    const bars = block.rows.map((row, i) => {
      const value = row[sortColumn.index];
      const name = String(row[shape.modelIndex]);
      return { label: short.get(name) ?? name, name, value: typeof value === "number" ? value : NaN, text: shown(value, round), best: best.has(i) };
    });
    const chart = barChart(bars, { title: `${sortColumn.spec.id} by model, ${heading}`, greaterIsBetter: sortColumn.spec.greaterIsBetter, ...range });
    parts.push(`<div class="partition-body"><figure>${chart}<figcaption>${escapeHtml(sortColumn.spec.id)}, ${sortColumn.spec.greaterIsBetter ? "higher" : "lower"} is better</figcaption></figure>${fullGrid(shape, block, board, round)}</div>`);
  }
  return `<section class="partition" id="p-${index + 1}">${parts.join("")}</section>`;
}

/**
 * The grid as one self-contained HTML page: the run's options and data, a heatmap of partitions
 * by models for the sort column, then each partition with a chart and its full grid. Inline CSS
 * and SVG only, so it opens anywhere without a network; every text from the data is escaped.
 */
export function toHtml(board: Leaderboard, options: HtmlOptions): string {
  const { metadata, round } = options;
  const shape = gridShape(board, options.task, metadata.options.by);
  const sortColumn = shape.scored.find((column) => column.spec.id === options.sort) ?? shape.scored[0];
  const models = modelOrder(shape, options);
  const rows: HeatmapRow[] = shape.blocks.map((block, i) => ({
    key: block.key,
    anchor: `p-${i + 1}`,
    status: block.status === "ok" ? null : block.status,
    values: models.map((model) => {
      const row = block.rows.find((r) => r[shape.modelIndex] === model);
      const value = row?.[sortColumn.index];
      return typeof value === "number" ? value : undefined;
    }),
  }));
  const range = valueRange(rows.flatMap((row) => row.values));
  const show = (value: number): string => formatCell(value, round);
  const by = metadata.options.by;
  const title = `${metadata.options.target}${by.length > 0 ? ` by ${by.join(", ")}` : ""}`;
  const lead = `${metadata.options.task} of ${metadata.options.target}, ${by.length > 0 ? `one grid per ${by.join(", ")}: ${counted(shape.blocks.length, "partition")}` : "one grid"} × ${counted(models.length, "model")}, sorted by ${sortColumn.spec.id}`;
  const heatmap = heatmapTable({ keyColumns: shape.keyColumns, models, column: sortColumn.spec, rows, show });
  const sections = shape.blocks.map((block, i) => partitionSection(shape, block, i, sortColumn, range, board, round));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>automl-grid: ${escapeHtml(title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header><h1>automl-grid: ${escapeHtml(title)}</h1><p class="lead">${escapeHtml(lead)}</p></header>
<main>
<section id="summary"><div><h2>Run</h2>${runSummary(options, sortColumn)}</div><div><h2>Data</h2>${dataSummary(shape, options, models, board)}</div></section>
<section id="heatmap"><h2>${escapeHtml(sortColumn.spec.id)} by partition and model</h2>${heatmap}</section>
<section id="partitions"><h2>${by.length > 0 ? "Partitions" : "Grid"}</h2>
${sections.join("\n")}
</section>
</main>
</body>
</html>
`;
}
