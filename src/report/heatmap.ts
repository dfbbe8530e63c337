import type { ColumnSpec } from "../evaluate/task.js";
import { inkColor, scaleColor, scalePosition } from "./colorScale.js";
import { escapeHtml } from "./escapeHtml.js";
import { shortModelNames } from "./shortModelName.js";

/** One partition's row of the heatmap: its key cells, where its section is, and a value per model. */
export interface HeatmapRow {
  readonly key: readonly string[];
  readonly anchor: string;
  /** Set for a partition that is not ok: shown beside its key, its cells empty. */
  readonly status: string | null;
  /** By model, in the heatmap's column order; undefined where the grid has no such row. */
  readonly values: readonly (number | undefined)[];
}

export interface Heatmap {
  readonly keyColumns: readonly string[];
  readonly models: readonly string[];
  readonly column: ColumnSpec;
  readonly rows: readonly HeatmapRow[];
  readonly show: (value: number) => string;
}

/** The finite values' range, which both the heatmap and the charts colour against (NaN and an infinite error left out). */
export function valueRange(values: readonly (number | undefined)[]): { low: number; high: number } {
  let low = Infinity;
  let high = -Infinity;
  for (const value of values) {
    if (value === undefined || !Number.isFinite(value)) continue;
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  return low > high ? { low: 0, high: 0 } : { low, high };
}

function keyCell(value: string): string {
  return value === "" ? '<em class="missing">missing</em>' : escapeHtml(value);
}

function cell(value: number | undefined, heatmap: Heatmap, range: { low: number; high: number }, best: boolean, label: string): string {
  if (value === undefined || Number.isNaN(value)) {
    const why = value === undefined ? "not in this grid" : "undefined";
    return `<td class="cell none" title="${escapeHtml(`${label}: ${why}`)}">–</td>`;
  }
  // An infinite error (MSE that overflowed) has no place on the scale: shown, uncoloured.
  if (!Number.isFinite(value)) return `<td class="cell none" title="${escapeHtml(`${label}: ${heatmap.column.id} ${value}`)}">${escapeHtml(heatmap.show(value))}</td>`;
  const t = scalePosition(value, range.low, range.high, heatmap.column.greaterIsBetter);
  const classes = best ? "cell best" : "cell";
  const title = escapeHtml(`${label}: ${heatmap.column.id} ${value}`);
  return `<td class="${classes}" style="background:${scaleColor(t)};color:${inkColor(t)}" title="${title}">${escapeHtml(heatmap.show(value))}</td>`;
}

/**
 * Partitions down, models across, one column's value in each cell, coloured from worst (light)
 * to best (dark) over the whole table; each partition's best is outlined. An HTML table rather
 * than a picture: its numbers can be read, selected and found with the browser's search.
 */
export function heatmapTable(heatmap: Heatmap): string {
  const range = valueRange(heatmap.rows.flatMap((row) => row.values));
  const keyHeads = heatmap.keyColumns.length === 0 ? ['<th scope="col">grid</th>'] : heatmap.keyColumns.map((name) => `<th scope="col">${escapeHtml(name)}</th>`);
  // Short names keep fourteen model columns on a laptop's width; the full name is the tooltip.
  const short = shortModelNames(heatmap.models);
  const head = `<tr>${keyHeads.join("")}${heatmap.models.map((model) => `<th scope="col" class="model" title="${escapeHtml(model)}">${escapeHtml(short.get(model) ?? model)}</th>`).join("")}</tr>`;
  const body = heatmap.rows.map((row) => {
    const keys = row.key.length === 0 ? [`<a href="#${row.anchor}">all rows</a>`] : row.key.map((value, i) => (i === 0 ? `<a href="#${row.anchor}">${keyCell(value)}</a>` : keyCell(value)));
    if (row.status !== null) keys[keys.length - 1] += ` <span class="status">${escapeHtml(row.status)}</span>`;
    const finite = row.values.filter((value): value is number => value !== undefined && Number.isFinite(value));
    const best = finite.length < 2 ? NaN : heatmap.column.greaterIsBetter ? Math.max(...finite) : Math.min(...finite);
    const where = row.key.length === 0 ? "" : `${heatmap.keyColumns.map((name, i) => `${name}=${row.key[i]}`).join(", ")}, `;
    const cells = row.values.map((value, j) => cell(value, heatmap, range, value === best, `${where}${heatmap.models[j]}`));
    return `<tr>${keys.map((key) => `<th scope="row">${key}</th>`).join("")}${cells.join("")}</tr>`;
  });
  const direction = heatmap.column.greaterIsBetter ? "higher is better" : "lower is better";
  const legend =
    `<div class="legend"><span>${escapeHtml(heatmap.show(heatmap.column.greaterIsBetter ? range.low : range.high))}</span>` +
    `<span class="ramp" style="background:linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map(scaleColor).join(", ")})"></span>` +
    `<span>${escapeHtml(heatmap.show(heatmap.column.greaterIsBetter ? range.high : range.low))}</span><span class="note">${direction}; the best model of each partition is outlined</span></div>`;
  return `<div class="scroll"><table class="heatmap"><thead>${head}</thead><tbody>${body.join("")}</tbody></table></div>${legend}`;
}
