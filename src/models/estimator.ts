import type { Rng } from "../stats/rng.js";

/** Dense row-major matrix of encoded features: value (i, j) is data[i * cols + j]. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function createMatrix(rows: number, cols: number, data?: Float64Array): Matrix {
  const values = data ?? new Float64Array(rows * cols);
  if (values.length !== rows * cols) {
    throw new RangeError(`matrix data has ${values.length} values, expected ${rows} x ${cols}`);
  }
  return { rows, cols, data: values };
}

/**
 * The one contract every model honours, as scikit-learn's fit / predict_proba.
 * Labels are class indices 0..nClasses-1 (nClasses comes from the whole table, so a training fold
 * that lacks a class still yields a column for it, with probability 0).
 */
export interface Estimator {
  fit(X: Matrix, y: Uint32Array, nClasses: number): this;
  /** Row-major rows x nClasses class probabilities; each row sums to 1. */
  predictProba(X: Matrix): Float64Array;
}

export type ModelId = "lr" | "rf" | "nb" | "knn" | "dt";

/** A registry record, as PyCaret's model containers: id, display name, how to build it. */
export interface ModelSpec {
  readonly id: ModelId;
  readonly name: string;
  /** Whether the protocol z-scores the encoded features before this model sees them. */
  readonly scaled: boolean;
  /** Whether the model consumes randomness (the forest); others ignore rng. */
  create(rng: Rng): Estimator;
}
