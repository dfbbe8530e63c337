import {
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  r2Score,
  rootMeanSquaredError,
  rootMeanSquaredLogError,
} from "../stats/regressionScores.js";
import type { MetricSpec } from "./task.js";

function error(id: string, score: (yTrue: Float64Array, yPred: Float64Array) => number): MetricSpec<Float64Array> {
  return { id, greaterIsBetter: false, consumes: "value", score };
}

/** PyCaret's regression grid columns, in its order; each model's output is one prediction per row. */
export const REGRESSION_METRICS: readonly MetricSpec<Float64Array>[] = [
  error("MAE", meanAbsoluteError),
  error("MSE", meanSquaredError),
  error("RMSE", rootMeanSquaredError),
  { id: "R2", greaterIsBetter: true, consumes: "value", score: r2Score },
  error("RMSLE", rootMeanSquaredLogError),
  error("MAPE", meanAbsolutePercentageError),
];
