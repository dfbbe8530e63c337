/**
 * Cell values that mean "no value": pandas' default NA strings (`read_csv`'s `na_values`), so a
 * file a PyCaret user loads with pandas has the same missing cells here. Case matters, as in
 * pandas: `n/a` and `N/A` are missing, `na` and `NAN` are values.
 */
const MISSING_TOKENS: ReadonlySet<string> = new Set([
  "",
  "#N/A",
  "#N/A N/A",
  "#NA",
  "-1.#IND",
  "-1.#QNAN",
  "-NaN",
  "-nan",
  "1.#IND",
  "1.#QNAN",
  "<NA>",
  "N/A",
  "NA",
  "NULL",
  "NaN",
  "None",
  "n/a",
  "nan",
  "null",
]);

/** The longest token: a longer cell is never missing. */
const LONGEST_TOKEN = Math.max(...[...MISSING_TOKENS].map((token) => token.length));

/** Whether a (trimmed) cell is missing. Cells are trimmed when read, so " NA " is missing too. */
export function isMissing(cell: string): boolean {
  // The length test spares most cells a string hash, which the parent pays per cell of a
  // million-row file when it counts numeric cells.
  return cell.length <= LONGEST_TOKEN && MISSING_TOKENS.has(cell);
}
