import { numberWithEitherMark } from "../data/numberCell.js";

/**
 * A text cell from the data (a key value, a key column's name, a reason) as a spreadsheet may
 * open it: one that starts like a formula (=, +, -, @, tab, CR) gets a leading single quote, as
 * OWASP's CSV-injection advice says, so Excel or LibreOffice shows it as text instead of running
 * `=HYPERLINK(...)`. A plain number such as `-5` (or `-0,5`, a key of a `--decimal ,` file) is not
 * a formula and is left as it is.
 */
export function formulaSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && Number.isNaN(numberWithEitherMark(text)) ? `'${text}` : text;
}
