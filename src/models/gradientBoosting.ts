import { createRng, type Rng } from "../stats/rng.js";
import { ensembleSize } from "./ensembleSize.js";

/** The options GradientBoostingClassifier and GradientBoostingRegressor share. */
export interface GradientBoostingOptions {
  readonly nEstimators?: number;
  readonly learningRate?: number;
  readonly maxDepth?: number;
  /**
   * Breaks ties between equally good splits (scikit-learn draws a random feature order per node
   * from random_state); a fixed seed when not given.
   */
  readonly rng?: Rng;
}

/** The options with scikit-learn 1.2's defaults filled in and checked. */
export interface GradientBoostingSettings {
  readonly nEstimators: number;
  readonly learningRate: number;
  readonly maxDepth: number;
  readonly rng: Rng;
}

export function gradientBoostingSettings(options: GradientBoostingOptions): GradientBoostingSettings {
  const settings = { nEstimators: ensembleSize(options.nEstimators, 100), learningRate: options.learningRate ?? 0.1, maxDepth: options.maxDepth ?? 3, rng: options.rng ?? createRng(0) };
  if (!(settings.learningRate > 0 && Number.isFinite(settings.learningRate))) throw new RangeError(`learningRate must be positive, got ${settings.learningRate}`);
  if (!Number.isInteger(settings.maxDepth) || settings.maxDepth < 1 || settings.maxDepth > 20) throw new RangeError(`maxDepth must be an integer in 1..20, got ${settings.maxDepth}`);
  return settings;
}
