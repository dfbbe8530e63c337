/**
 * A value of one encoded column that a model cannot take. Estimators know columns by index and
 * rows by their place in the matrix they were given (a fold's training rows); the caller, who
 * knows which file column an encoded column came from, words it for the user (`named`).
 */
export class FeatureValueError extends RangeError {
  /**
   * `value`: the offending value as text ("5e+38") or a description ("values too large for
   * their sums of squares"); `row`: its row in the matrix, or null when no one row is to blame;
   * `why`: what the model needs, starting with ": " (or empty).
   */
  constructor(
    readonly feature: number,
    readonly row: number | null,
    readonly value: string,
    readonly why: string = "",
  ) {
    super(row === null ? `feature ${feature} holds ${value}${why}` : `feature ${feature} row ${row} is ${value}${why}`);
  }

  /** The message with the file column's name, without the matrix row (meaningless outside the model). */
  named(column: string): string {
    return `column ${column} holds ${this.value}${this.why}`;
  }
}

/** Why the trees refuse a value: scikit-learn's trees read X as float32. */
export const FLOAT32_NEEDED = ": trees need finite float32 values";
