import { ensembleSize } from "./ensembleSize.js";

/** The options GradientBoostingClassifier and GradientBoostingRegressor share. */
export interface GradientBoostingOptions {
  readonly nEstimators?: number;
  readonly learningRate?: number;
  readonly maxDepth?: number;
}

/** The options with scikit-learn 1.2's defaults filled in and checked. */
export interface GradientBoostingSettings {
  readonly nEstimators: number;
  readonly learningRate: number;
  readonly maxDepth: number;
}

export function gradientBoostingSettings(options: GradientBoostingOptions): GradientBoostingSettings {
  const settings = { nEstimators: ensembleSize(options.nEstimators, 100), learningRate: options.learningRate ?? 0.1, maxDepth: options.maxDepth ?? 3 };
  if (!(settings.learningRate > 0 && Number.isFinite(settings.learningRate))) throw new RangeError(`learningRate must be positive, got ${settings.learningRate}`);
  if (!Number.isInteger(settings.maxDepth) || settings.maxDepth < 1 || settings.maxDepth > 20) throw new RangeError(`maxDepth must be an integer in 1..20, got ${settings.maxDepth}`);
  return settings;
}
