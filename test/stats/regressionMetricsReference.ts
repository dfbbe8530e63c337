import { readFileSync } from "node:fs";
import { repoPath } from "../helpers.js";

/** The cases of test/reference/regression_metrics_reference.py. */
export type MetricId = "MAE" | "MSE" | "RMSE" | "R2" | "RMSLE" | "MAPE";

export interface MetricCase {
  readonly name: string;
  readonly description: string;
  readonly yTrue: readonly number[];
  readonly yPred: readonly number[];
  /** null where scikit-learn (or, for RMSLE, the formula) gives nan. */
  readonly expected: Readonly<Record<MetricId, number | null>>;
  readonly sklearnNotes: Readonly<Partial<Record<MetricId, string>>>;
}

export const metricsReference = JSON.parse(readFileSync(repoPath("test", "reference", "regression_metrics_reference.json"), "utf8")) as {
  readonly metrics: readonly MetricId[];
  readonly cases: readonly MetricCase[];
  readonly numpySums: readonly { readonly n: number; readonly sum: number; readonly mean: number }[];
};
