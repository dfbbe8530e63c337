import type { Matrix } from "../stats/matrix.js";
import type { Rng } from "../stats/rng.js";

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

/** A registry record, as PyCaret's model containers: id, display name, how to build it. */
export interface ModelSpec {
  readonly id: string;
  readonly name: string;
  /** Whether the protocol z-scores the encoded features before this model sees them. */
  readonly scaled: boolean;
  /** Whether the model consumes randomness (the forest); others ignore rng. */
  create(rng: Rng): Estimator;
}
