import type { Rng } from "../stats/rng.js";

/** What a seeded ensemble of trees takes: its seed and how many trees (scikit-learn's n_estimators). */
export interface EnsembleOptions {
  /** Seeds every tree; the same seed gives the same ensemble. */
  readonly rng: Rng;
  readonly nEstimators?: number;
}

/** nEstimators, or the model's default when it is not given: a positive integer, else a RangeError. */
export function ensembleSize(nEstimators: number | undefined, fallback: number): number {
  const count = nEstimators ?? fallback;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`nEstimators must be a positive integer, got ${count}`);
  return count;
}
