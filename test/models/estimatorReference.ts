import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createMatrix, type Matrix } from "../../src/stats/matrix.js";
import { repoPath } from "../helpers.js";

/**
 * The seeded cases and scikit-learn probabilities of test/reference/estimators_reference.py,
 * shared by the logistic regression, naive Bayes and kNN tests.
 */
export type Rows = readonly (readonly number[])[];

export interface EstimatorCase {
  readonly nClasses: number;
  readonly XTrain: Rows;
  readonly yTrain: readonly number[];
  readonly XTest: Rows;
  readonly proba: { readonly lr?: Rows; readonly lrOptimum?: Rows; readonly nb?: Rows; readonly knn?: Rows };
  /** kNN ties case: whether a row's votes do not depend on how ties are broken. */
  readonly determined?: readonly boolean[];
  /** kNN ties case: our documented rule (ties to the lower training index). */
  readonly lowerIndexProba?: Rows;
  readonly sklearnError?: string;
}

export const estimatorCases = (
  JSON.parse(readFileSync(repoPath("test", "reference", "estimators_reference.json"), "utf8")) as {
    readonly cases: Readonly<Record<string, EstimatorCase>>;
  }
).cases;

export function matrix(rows: Rows): Matrix {
  return createMatrix(rows.length, rows[0].length, Float64Array.from(rows.flat()));
}

/** Every probability in [0, 1] and every row of a rows x nClasses array summing to 1. */
export function assertProbabilityRows(proba: Float64Array, nClasses: number): void {
  for (let i = 0; i < proba.length / nClasses; i++) {
    let sum = 0;
    for (let c = 0; c < nClasses; c++) {
      const p = proba[i * nClasses + c];
      assert.ok(p >= 0 && p <= 1, `p = ${p}`);
      sum += p;
    }
    assert.ok(Math.abs(sum - 1) <= 1e-12, `row ${i} sums to ${sum}`);
  }
}
