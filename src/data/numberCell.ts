import type { DecimalMark } from "./dialect.js";

/**
 * The protocol's definition of a numeric cell: a plain decimal number, optionally signed and in
 * exponent form, that is finite as a double. Stricter than Number() on purpose ("0x1f",
 * "Infinity", "1_000" are text, and so is "1e400", which would overflow to Infinity and poison
 * every mean and distance), and shared with the scikit-learn reference script so both sides type
 * columns identically.
 */
const NUMERIC_CELL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A number written with a decimal comma: "5,1", "-0,5", ",5", "1,5e3" (no thousands separators). */
const COMMA_NUMBER = /^[+-]?(\d+,?\d*|,\d+)([eE][+-]?\d+)?$/;

/** A number in either form, with at most one mark. */
const MARKED_NUMBER = /^[+-]?(\d+[.,]?\d*|[.,]\d+)([eE][+-]?\d+)?$/;

export function isNumericCell(cell: string): boolean {
  return NUMERIC_CELL.test(cell) && Number.isFinite(Number(cell));
}

/**
 * A cell of a `--decimal ,` file in the form the rest of the program reads: in a number-shaped
 * cell the two marks trade places, so "5,1" becomes the number 5.1 and "5.1" becomes "5,1", which
 * is text, as pandas' read_csv(decimal=",") reads it (a dot there is more likely a thousands
 * separator than a decimal point). Any other cell is unchanged.
 */
export function fromDecimalComma(cell: string): string {
  if (!MARKED_NUMBER.test(cell)) return cell;
  if (cell.includes(",")) return cell.replace(",", ".");
  if (cell.includes(".")) return cell.replace(".", ",");
  return cell;
}

/**
 * Why a present cell is or is not a number, for the mostly-numeric notes: "other mark" is a
 * number written with the decimal mark the file was not read with; "grouped" one written with
 * thousands separators (`36,840`, `1,234,567.5`; `36.840` with --decimal ,), which are not read.
 */
export type NumberVerdict = "number" | "out of range" | "other mark" | "grouped" | "text";

/** Thousands separators in each dialect: groups of three digits after the first one to three. */
const GROUPED_NUMBER: Readonly<Record<DecimalMark, RegExp>> = {
  ".": /^[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d*)?$/,
  ",": /^[+-]?[1-9]\d{0,2}(\.\d{3})+(,\d*)?$/,
};

/**
 * A decimal-comma number that a thousands separator could have written: one comma with exactly
 * three digits after it and one to three before, the first not a 0 (`36,840`, not `0,125`).
 */
const THOUSANDS_LOOKALIKE = /^[+-]?[1-9]\d{0,2},\d{3}$/;

/** Whether a cell read as a number with --decimal , could be a whole number with a thousands separator. */
export function looksLikeThousands(cell: string): boolean {
  return THOUSANDS_LOOKALIKE.test(cell);
}

/** No exponent and fewer digits than a double's range: finite without asking Number(). */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const PLAIN_DIGITS = 300;

export function numberVerdict(cell: string, decimal: DecimalMark): NumberVerdict {
  const read = decimal === "," ? fromDecimalComma(cell) : cell;
  // The common case first, at a regex test's cost: the parent asks this of every cell it keeps.
  if (read.length < PLAIN_DIGITS && PLAIN_NUMBER.test(read)) return "number";
  if (NUMERIC_CELL.test(read)) return Number.isFinite(Number(read)) ? "number" : "out of range";
  if (GROUPED_NUMBER[decimal].test(cell)) return "grouped";
  return COMMA_NUMBER.test(read) ? "other mark" : "text";
}

/**
 * A cell's number written with either decimal mark (`9.5` or `9,5`), NaN for anything else:
 * for what keeps its text whatever the dialect (partition keys), so that it needs no dialect.
 */
export function numberWithEitherMark(cell: string): number {
  if (isNumericCell(cell)) return Number(cell);
  const pointed = cell.replace(",", ".");
  return pointed !== cell && isNumericCell(pointed) ? Number(pointed) : NaN;
}
