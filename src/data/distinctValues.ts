import { isNumericCell } from "./numberCell.js";

/**
 * A column's distinct values as pandas reads the column, sorted, and each cell's place among them:
 * by value when every cell is a number (`1` and `1.0` are one value, 5 comes before 10), else by
 * text in `textOrder`. A value is shown as the text of its first cell.
 */
export function distinctValues(cells: readonly string[], textOrder: (a: string, b: string) => number): { values: string[]; codes: Uint32Array } {
  const numeric = cells.every(isNumericCell);
  const kind = !numeric ? "text" : exactIntegers(cells) ? "integer" : "number";
  const key: (cell: string) => string | number | bigint = kind === "text" ? String : kind === "integer" ? (cell) => BigInt(cell.trim()) : Number;
  const firstCell = new Map<string | number | bigint, string>();
  for (const cell of cells) if (!firstCell.has(key(cell))) firstCell.set(key(cell), cell);
  const byValue = (a: [string | number | bigint, string], b: [string | number | bigint, string]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  const sorted = [...firstCell].sort(kind === "text" ? (a, b) => textOrder(a[1], b[1]) : byValue);
  const codeOf = new Map(sorted.map(([value], code) => [value, code]));
  return { values: sorted.map(([, text]) => text), codes: Uint32Array.from(cells, (cell) => codeOf.get(key(cell)) as number) };
}

/** A plain integer, as pandas reads an int64 cell: digits with an optional sign. */
const INTEGER = /^\s*[+-]?\d+\s*$/;

/** Whether the cells (numbers) are told apart as exact integers rather than as doubles (NumericDistinct's rule). */
function exactIntegers(cells: readonly string[]): boolean {
  const kinds = new NumericDistinct(0);
  for (const cell of cells) kinds.add(cell);
  return kinds.exact;
}

/**
 * A numeric column's distinct values as pandas tells them apart, fed one cell at a time (the
 * whole file's target, read as a stream), keeping at most `cap` of each kind: by double, or, when
 * pandas keeps the column as exact integers (int64, uint64 beyond it, Python ints beyond that)
 * and a double could not tell them apart, by exact integer: every cell a plain integer, one of
 * them of 2^53 or more (2^53 + 1 and 2^53 are one double, two classes to pandas).
 */
export class NumericDistinct {
  private readonly doubles = new Map<number, string>();
  private readonly integers = new Map<bigint, string>();
  private wholes = true;
  private beyond = false;
  /** The largest size of any value fed, every cell counted (not only the first `cap`). */
  largest = 0;

  constructor(private readonly cap: number) {}

  /** A cell that isNumericCell accepts. */
  add(cell: string): void {
    const value = Number(cell);
    if (Math.abs(value) > this.largest) this.largest = Math.abs(value);
    if (this.doubles.size < this.cap && !this.doubles.has(value)) this.doubles.set(value, cell);
    if (!this.wholes) return;
    if (!INTEGER.test(cell)) {
      this.wholes = false;
      return;
    }
    if (Math.abs(value) >= 2 ** 53) this.beyond = true;
    if (this.integers.size >= this.cap) return;
    const exact = BigInt(cell.trim());
    if (!this.integers.has(exact)) this.integers.set(exact, cell);
  }

  /** Whether the values are told apart as exact integers. */
  get exact(): boolean {
    return this.wholes && this.beyond;
  }

  /** Each distinct value's first cell, in the order first met. */
  values(): string[] {
    return [...(this.exact ? this.integers : this.doubles).values()];
  }
}
