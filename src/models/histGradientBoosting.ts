// What HistGradientBoostingClassifier and HistGradientBoostingRegressor share: their options with
// scikit-learn 1.2's defaults, the binning and growing, and the training rows' predictions.
import { firstRow, type Matrix } from "../stats/matrix.js";
import { holdShape } from "./heldShapes.js";
import { binFeaturesForHistograms, MAX_HISTOGRAM_BINS } from "./binMapper.js";
import { HistogramGrower, type GrownHistogramTree } from "./histogramGrower.js";

export interface HistGradientBoostingOptions {
  readonly maxIter?: number;
  readonly learningRate?: number;
  readonly maxLeafNodes?: number;
  readonly minSamplesLeaf?: number;
  readonly l2Regularization?: number;
  readonly maxBins?: number;
}

/** The options with scikit-learn 1.2's defaults filled in and checked. */
export interface HistGradientBoostingSettings {
  readonly maxIter: number;
  readonly learningRate: number;
  readonly maxLeafNodes: number;
  readonly minSamplesLeaf: number;
  readonly l2Regularization: number;
  readonly maxBins: number;
}

export function histGradientBoostingSettings(options: HistGradientBoostingOptions): HistGradientBoostingSettings {
  const settings = {
    maxIter: options.maxIter ?? 100,
    learningRate: options.learningRate ?? 0.1,
    maxLeafNodes: options.maxLeafNodes ?? 31,
    minSamplesLeaf: options.minSamplesLeaf ?? 20,
    l2Regularization: options.l2Regularization ?? 0,
    maxBins: options.maxBins ?? MAX_HISTOGRAM_BINS,
  };
  if (!Number.isInteger(settings.maxIter) || settings.maxIter < 1) throw new RangeError(`maxIter must be a positive integer, got ${settings.maxIter}`);
  if (!(settings.learningRate > 0 && Number.isFinite(settings.learningRate))) throw new RangeError(`learningRate must be positive, got ${settings.learningRate}`);
  if (!(settings.l2Regularization >= 0 && Number.isFinite(settings.l2Regularization))) throw new RangeError(`l2Regularization must be >= 0, got ${settings.l2Regularization}`);
  return settings;
}

/** A grower for X's bins with the settings' tree options; the learning rate is the leaves' shrinkage. */
/**
 * Puts a grower on X's first row in the place heldShapes.ts keeps for the class, once a fit is
 * done with its own: the process keeps the growers' hidden class, and not the fit's bin slots
 * (9 MB on a census-shaped fold) until the next fit.
 */
export function holdSmallHistogramGrower(X: Matrix, settings: HistGradientBoostingSettings): void {
  holdShape(histogramGrower(firstRow(X), settings));
}

export function histogramGrower(X: Matrix, settings: HistGradientBoostingSettings): HistogramGrower {
  return new HistogramGrower(binFeaturesForHistograms(X, settings.maxBins), {
    maxLeafNodes: settings.maxLeafNodes,
    minSamplesLeaf: settings.minSamplesLeaf,
    l2Regularization: settings.l2Regularization,
    shrinkage: settings.learningRate,
  });
}

/** Adds each leaf's value to the raw predictions of its training rows (scikit-learn's _update_raw_predictions). */
export function addGrownValues(grown: GrownHistogramTree, raw: Float64Array, stride: number, column: number): void {
  const { partition, leafStart, leafStop, leafValue } = grown;
  for (let leaf = 0; leaf < leafValue.length; leaf++) addToRows(partition, leafStart[leaf], leafStop[leaf], raw, stride, column, leafValue[leaf]);
}

/**
 * raw[i * stride + column] += value for the rows partition[start..stop). A function of its own,
 * ending with its loop: V8 compiles a long loop met in a first call on the stack and throws the
 * compiled code away where it reaches code after the loop that has not run yet, here the next
 * leaf's, which cost addGrownValues three to five compilations in a child's first folds.
 */
function addToRows(partition: Uint32Array, start: number, stop: number, raw: Float64Array, stride: number, column: number, value: number): void {
  for (let p = start; p < stop; p++) raw[partition[p] * stride + column] += value;
}
