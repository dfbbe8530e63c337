/**
 * JSON has no NaN and no Infinity. In every JSON this tool writes (json and jsonl grids, shard
 * pieces, --resume journals) an undefined value (NaN) is null, and an infinite one (an error such
 * as MSE that overflowed) is the string "Infinity" or "-Infinity", as JavaScript's String() and
 * Python's float() spell it, so that a journal or a piece read back gives the same grid.
 */
export function jsonNumber(value: number): number | string | null {
  if (Number.isNaN(value)) return null;
  return Number.isFinite(value) ? value : String(value);
}

/** A value jsonNumber wrote, read back; undefined for anything else. */
export function readJsonNumber(value: unknown): number | undefined {
  if (value === null) return NaN;
  if (typeof value === "number") return value;
  if (value === "Infinity") return Infinity;
  if (value === "-Infinity") return -Infinity;
  return undefined;
}

/**
 * U+0085, U+2028 and U+2029 are line breaks to Python's str.splitlines and to Unicode, and
 * JSON.stringify leaves them raw: escaped, a jsonl line stays one line for every reader. JSON
 * text holds them only inside strings, where the escape means the same character.
 */
export function jsonLine(value: unknown, replacer?: (key: string, value: unknown) => unknown): string {
  return JSON.stringify(value, replacer).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
