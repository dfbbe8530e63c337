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
  return MISSING_TOKENS.has(cell);
}
