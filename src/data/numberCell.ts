/**
 * The protocol's definition of a numeric cell: a plain decimal number, optionally signed and in
 * exponent form, that is finite as a double. Stricter than Number() on purpose ("0x1f",
 * "Infinity", "1_000" are text, and so is "1e400", which would overflow to Infinity and poison
 * every mean and distance), and shared with the scikit-learn reference script so both sides type
 * columns identically.
 */
const NUMERIC_CELL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function isNumericCell(cell: string): boolean {
  return NUMERIC_CELL.test(cell) && Number.isFinite(Number(cell));
}
