/** One CSV record (no newline), quoting a field only when it must be. */
export function csvLine(cells: readonly string[]): string {
  let line = "";
  for (let j = 0; j < cells.length; j++) {
    const cell = cells[j];
    if (j > 0) line += ",";
    line += /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  }
  return line;
}
