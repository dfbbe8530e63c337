import { performance } from "node:perf_hooks";
import type { FeatureColumn } from "../data/featureColumns.js";
import { fitFeaturePlan } from "../preprocess/featurePlan.js";
import { applyStandardScaler, fitStandardScaler } from "../preprocess/standardScaler.js";
import { hashSeed } from "../stats/hashSeed.js";
import type { Matrix } from "../stats/matrix.js";
import { createRng } from "../stats/rng.js";
import type { TaskModel } from "./task.js";

/** A model's output for the held-out rows and the seconds its fit and predict took, or why it failed. */
export type FittedOutput = { readonly output: Float64Array; readonly seconds: number } | { readonly error: string };

/**
 * Every model fitted on `train` rows and run on `test` rows of one fold. The encoding (and, for
 * the models that want it, the z-scoring) is fitted once on the training rows and shared by all
 * models; each model draws from its own seed (seed, model, fold), so leaving one out changes
 * nothing for the others.
 */
export function fitModels<Y>(
  columns: readonly FeatureColumn[],
  train: Uint32Array,
  test: Uint32Array,
  yTrain: Y,
  models: readonly TaskModel<Y>[],
  seed: number,
  fold: number,
  onFit: (model: string) => void,
): FittedOutput[] {
  const plan = fitFeaturePlan(columns, train);
  const plain = { train: plan.transform(train), test: plan.transform(test) };
  let scaled: { train: Matrix; test: Matrix } | null = null;
  return models.map((model): FittedOutput => {
    if (model.scaled && scaled === null) {
      const scaler = fitStandardScaler(plain.train);
      scaled = { train: applyStandardScaler(plain.train, scaler), test: applyStandardScaler(plain.test, scaler) };
    }
    const data = model.scaled ? scaled! : plain;
    try {
      const start = performance.now();
      const output = model.fitPredict(data.train, yTrain, data.test, createRng(hashSeed(seed, "model", model.id, String(fold))));
      return { output, seconds: (performance.now() - start) / 1000 };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    } finally {
      onFit(model.id);
    }
  });
}
