import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createMatrix, type Matrix } from "../../src/stats/matrix.js";
import { repoPath } from "../helpers.js";

/**
 * The seeded cases and scikit-learn predictions of test/reference/regression_reference.py, shared
 * by the regressor tests. See that script for what each case is for.
 */
export type Rows = readonly (readonly number[])[];

export interface DescentReference {
  readonly predictions: readonly number[];
  readonly coefficients: readonly number[];
  readonly iterations: number;
  readonly converged: boolean;
}

export interface LinearCase {
  readonly XTrain: Rows;
  readonly yTrain: readonly number[];
  readonly XTest: Rows;
  readonly alpha: number;
  readonly lr: readonly number[];
  readonly lrRank: number;
  readonly ridge: readonly number[];
  readonly lasso: DescentReference;
  readonly en: DescentReference;
  readonly knn: readonly number[];
  readonly dummy: readonly number[];
  /** Cases with one-hot columns: which test rows hold a level unseen in training. */
  readonly unseenLevel?: readonly boolean[];
  /** "one-hot-zscored": the minimum-norm predictions, where scikit-learn's differ. */
  readonly lrMinimumNorm?: readonly number[];
  readonly lrLargestCoefficient?: number;
  readonly lrLargestDeviation?: number;
}

export interface TreeCase {
  readonly XTrain: Rows;
  readonly yTrain: readonly number[];
  readonly XTest: Rows;
  readonly nodeCount: number;
  readonly predictions: readonly number[];
}

export interface ForestCase {
  readonly XTrain: Rows;
  readonly yTrain: readonly number[];
  readonly XTest: Rows;
  readonly yTest: readonly number[];
  readonly forestR2Mean: number;
  readonly treeR2Mean: number;
  readonly topSplits: Readonly<Record<string, { readonly feature: number; readonly threshold: number }>>;
}

export const regressionReference = JSON.parse(readFileSync(repoPath("test", "reference", "regression_reference.json"), "utf8")) as {
  readonly linear: Readonly<Record<string, LinearCase>>;
  readonly trees: { readonly "one-feature": TreeCase; readonly "wide-feature": TreeCase; readonly levels: TreeCase; readonly forest: ForestCase };
};

export function matrix(rows: Rows): Matrix {
  return createMatrix(rows.length, rows[0].length, Float64Array.from(rows.flat()));
}

export interface Problem {
  readonly XTrain: Matrix;
  readonly yTrain: Float64Array;
  readonly XTest: Matrix;
}

export function problem(c: { readonly XTrain: Rows; readonly yTrain: readonly number[]; readonly XTest: Rows }): Problem {
  return { XTrain: matrix(c.XTrain), yTrain: Float64Array.from(c.yTrain), XTest: matrix(c.XTest) };
}

/** Largest |actual - expected| / max(1, |expected|): relative, but absolute for predictions near 0. */
export function largestRelativeError(actual: Float64Array, expected: readonly number[]): number {
  assert.equal(actual.length, expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i])));
  return worst;
}

/** Asserts predictions within `tolerance` (largestRelativeError). */
export function assertPredictions(actual: Float64Array, expected: readonly number[], tolerance: number, where: string): void {
  const error = largestRelativeError(actual, expected);
  assert.ok(error <= tolerance, `${where}: largest relative error ${error} > ${tolerance}`);
}
