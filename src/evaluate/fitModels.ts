import { performance } from "node:perf_hooks";
import type { FeatureColumn } from "../data/featureColumns.js";
import { fitFeaturePlan } from "../preprocess/featurePlan.js";
import { applyStandardScaler, fitStandardScaler } from "../preprocess/standardScaler.js";
import { FeatureValueError } from "../stats/featureValueError.js";
import { hashSeed } from "../stats/hashSeed.js";
import type { Matrix } from "../stats/matrix.js";
import { createRng } from "../stats/rng.js";
import type { TaskModel } from "./task.js";

/** A model's output for the held-out rows and the seconds its fit and predict took, or why it failed. */
export type FittedOutput = { readonly output: Float64Array; readonly seconds: number } | { readonly error: string };

/** One fold's encoded training and held-out rows, plain and (made on first use) z-scored. */
export interface FoldFeatures {
  readonly plain: { readonly train: Matrix; readonly test: Matrix };
  scaled(): { readonly train: Matrix; readonly test: Matrix };
  /** The file column an encoded column comes from. */
  columnName(encoded: number): string;
}

/**
 * The encoding fitted on `train` rows and applied to both sides; the z-scoring, fitted on the
 * encoded training rows, only once a model asks for it (trees never do).
 */
export function foldFeatures(columns: readonly FeatureColumn[], train: Uint32Array, test: Uint32Array): FoldFeatures {
  const plan = fitFeaturePlan(columns, train);
  const plain = { train: plan.transform(train), test: plan.transform(test) };
  let scaled: { train: Matrix; test: Matrix } | null = null;
  return {
    plain,
    columnName: (encoded) => columns[plan.source[encoded]]?.name ?? `#${encoded}`,
    scaled() {
      if (scaled === null) {
        const scaler = fitStandardScaler(plain.train);
        scaled = { train: applyStandardScaler(plain.train, scaler), test: applyStandardScaler(plain.test, scaler) };
      }
      return scaled;
    },
  };
}

/**
 * One model fitted on a fold's training rows and run on its held-out rows, drawing from its own
 * seed (seed, model, fold), so that which other models run, and where, changes nothing for it.
 */
export function fitModel<Y>(features: FoldFeatures, yTrain: Y, model: TaskModel<Y>, seed: number, fold: number): FittedOutput {
  const data = model.scaled ? features.scaled() : features.plain;
  try {
    const start = performance.now();
    const output = model.fitPredict(data.train, yTrain, data.test, createRng(hashSeed(seed, "model", model.id, String(fold))));
    return { output, seconds: (performance.now() - start) / 1000 };
  } catch (error) {
    // A model names a column by its encoded index and a row by its place in the fold: the user knows the file's column.
    if (error instanceof FeatureValueError) return { error: error.named(features.columnName(error.feature)) };
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Training rows a warm-up fit takes (and a quarter as many held-out rows, at least 64): enough
 * for V8 to compile a model's kernels, few enough that 100 trees fit in a few dozen ms.
 */
export const WARM_UP_ROWS = 600;

/**
 * A warm-up is fitted again until its fits have taken this long, at most WARM_UP_FITS times: V8
 * compiles a function once it has run enough, and a light model's fit on a small sample runs too
 * little in one fit for that. A 210-row insurance.csv fold (0.2 ms once compiled) still paid
 * 2-15 ms in each of its first three or four timed folds after one warm-up fit; the dummy
 * regressor's loops over a 600-row sample (0.1 ms a fit) were compiled after about 30 fits, and
 * a 20,000-row fold then took 0.06 ms instead of 4. A function a fit calls once (Bayesian ridge's
 * solve, the least-squares steps of linear regression) gets compiled only after some hundred
 * fits: with 64 fits in 20 ms, Bayesian ridge's solve was compiled in the sixth timed fold of
 * insurance.csv (10 ms against 0.05), and its 40 folds took 0.019-0.023 s in all against 0.004
 * with 256 fits in 40 ms (linear regression 0.011-0.029 against 0.009-0.016, the ridge 0.004-0.009
 * against 0.002). A fit long enough to get its code compiled takes longer than this and runs once.
 */
const WARM_UP_MS = 40;
export const WARM_UP_FITS = 256;

/**
 * The model fitted, output discarded, on the first WARM_UP_ROWS of `train` and the first of
 * `test`, encoded on their own (so that the sample reaches the same code paths as the fold:
 * one-hot blocks, the split forms, the class count). A child process runs it (again while its
 * fits are quick: WARM_UP_MS) before each model's first timed fit: V8 compiles a model's kernels
 * during the first fit it sees, and without this a child's first fold of each model carried that
 * compilation in its TT_Sec (QDA on a credit.csv fold: 25-40 ms against 8 once compiled), so the
 * grid's time column ranked models partly by which one a child happened to meet first. The fold's own fit
 * is unchanged: its generator is drawn from (seed, model, fold) as always, and nothing of the
 * warm-up's fit is kept. A failure (a sample of one class) is ignored: the timed fit reports its own.
 */
export function warmUpFit<Y>(columns: readonly FeatureColumn[], train: Uint32Array, test: Uint32Array, take: (rows: Uint32Array) => Y, model: TaskModel<Y>, seed: number, fold: number): void {
  const sampleTrain = train.subarray(0, Math.min(train.length, WARM_UP_ROWS));
  const sampleTest = test.subarray(0, Math.min(test.length, Math.max(64, WARM_UP_ROWS >> 2)));
  try {
    const features = foldFeatures(columns, sampleTrain, sampleTest);
    const y = take(sampleTrain);
    const start = performance.now();
    for (let fit = 0; fit < WARM_UP_FITS && performance.now() - start < WARM_UP_MS; fit++) fitModel(features, y, model, seed, fold);
  } catch {
    // The encoding of a sample can refuse what the fold's accepts (a column all missing in it).
  }
}

/** Every model fitted on `train` rows and run on `test` rows of one fold, sharing its encoding. */
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
  const features = foldFeatures(columns, train, test);
  return models.map((model) => {
    const fitted = fitModel(features, yTrain, model, seed, fold);
    onFit(model.id);
    return fitted;
  });
}
