/** Cell values that mean "no value", as pandas' default NA tokens the issue lists. */
const MISSING_TOKENS: ReadonlySet<string> = new Set([
  "",
  "NA",
  "N/A",
  "NaN",
  "nan",
  "null",
  "NULL",
  "None",
  "#N/A",
]);

/** Whether a (trimmed) cell is missing. Cells are trimmed when read, so " NA " is missing too. */
export function isMissing(cell: string): boolean {
  // Every token is at most 4 characters: the length test spares most cells a string hash, which
  // the parent pays per cell of a million-row file when it counts numeric cells.
  return cell.length <= 4 && MISSING_TOKENS.has(cell);
}
