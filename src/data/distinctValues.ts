import { isNumericCell } from "./numberCell.js";

/**
 * A column's distinct values as pandas reads the column, sorted, and each cell's place among them:
 * by value when every cell is a number (`1` and `1.0` are one value, 5 comes before 10), else by
 * text in `textOrder`. A value is shown as the text of its first cell.
 */
export function distinctValues(cells: readonly string[], textOrder: (a: string, b: string) => number): { values: string[]; codes: Uint32Array } {
  const numeric = cells.every(isNumericCell);
  const key: (cell: string) => string | number = numeric ? Number : String;
  const firstCell = new Map<string | number, string>();
  for (const cell of cells) if (!firstCell.has(key(cell))) firstCell.set(key(cell), cell);
  const sorted = [...firstCell].sort(numeric ? (a, b) => (a[0] as number) - (b[0] as number) : (a, b) => textOrder(a[1], b[1]));
  const codeOf = new Map(sorted.map(([value], code) => [value, code]));
  return { values: sorted.map(([, text]) => text), codes: Uint32Array.from(cells, (cell) => codeOf.get(key(cell)) as number) };
}
