/**
 * One CSV record (no newline), quoting a field only when it must be: how the fixture and
 * benchmark generators write their files.
 */
export function csvLine(cells: readonly string[]): string {
  const fields = new Array<string>(cells.length);
  for (let j = 0; j < cells.length; j++) {
    const cell = cells[j];
    fields[j] = /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  }
  return fields.join(",");
}
