import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createMatrix, type Matrix } from "../../src/stats/matrix.js";
import { repoPath } from "../helpers.js";

/**
 * The cases and scikit-learn predictions of test/reference/boosting_reference.py, shared by the
 * gradient boosting tests. See that script for what each case is for.
 */
export type Rows = readonly (readonly number[])[];

interface TargetsCase {
  readonly XTrain: Rows;
  readonly XTest: Rows;
  readonly yBinary: readonly number[];
  readonly yRegression: readonly number[];
  readonly binary: Rows;
  readonly regression: readonly number[];
}

export interface OneFeatureCase extends TargetsCase {
  readonly yMulticlass: readonly number[];
  readonly multiclass: Rows;
}

export interface RegressionCase {
  readonly XTrain: Rows;
  readonly XTest: Rows;
  readonly yTrain: readonly number[];
  readonly yTest: readonly number[];
  readonly trainPredictions: readonly number[];
  readonly testR2Mean: number;
}

export interface HeldOutClassification {
  readonly yTrain: readonly number[];
  readonly yTest: readonly number[];
  readonly accuracyMean: number;
  readonly logLossMean: number;
}

export interface FormulaCase {
  readonly rows: number;
  readonly testRows: number;
  readonly multiclassCuts: readonly number[];
  readonly binary: Rows;
  readonly multiclass: Rows;
  readonly regression: readonly number[];
  readonly binThresholds: Rows;
  readonly leavesPerTree: readonly number[];
}

export const boostingReference = JSON.parse(readFileSync(repoPath("test", "reference", "boosting_reference.json"), "utf8")) as {
  readonly "gb-one-feature": OneFeatureCase;
  readonly "gb-regression": RegressionCase;
  readonly "gb-classification": { readonly XTrain: Rows; readonly XTest: Rows; readonly binary: HeldOutClassification; readonly multiclass: HeldOutClassification };
  readonly hgb: FormulaCase;
  readonly "hgb-small": TargetsCase;
};

export function matrix(rows: Rows): Matrix {
  return createMatrix(rows.length, rows[0].length, Float64Array.from(rows.flat()));
}

export const labels = (values: readonly number[]): Uint32Array => Uint32Array.from(values);
export const targets = (values: readonly number[]): Float64Array => Float64Array.from(values);

/**
 * Rows first..last-1 of the "hgb" case, from the integer formulas of formula_rows in
 * boosting_reference.py, in its order of operations (so every value is the same double).
 */
export function formulaRows(first: number, last: number): { X: Matrix; score: Float64Array } {
  const rows = last - first;
  const data = new Float64Array(rows * 6);
  const score = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const i = first + r;
    const x0 = ((i * 7919 + 13) % 9973) / 997 - 5;
    const x1 = ((i * 104729 + 7) % 10007) / 1001 - 5;
    const x2 = ((i * 31 + 3) % 211) / 10;
    const x3 = (i * 17 + 5) % 7;
    const x4 = ((i * 1103515245 + 12345) % 2147483648) / 2147483648;
    const x5 = ((i * 613) % 509) / 7;
    const noise = ((i * 2654435761) % 4294967296) / 4294967296 - 0.5;
    const signed = x3 > 3 ? x2 : -x2;
    data.set([x0, x1, x2, x3, x4, x5], r * 6);
    score[r] = x0 * 0.6 - x1 * x1 * 0.1 + signed * 0.3 + x4 + noise * 1.5 + x5 * 0.02;
  }
  return { X: createMatrix(rows, 6, data), score };
}

/** Largest |actual - expected| over a flat array and its reference rows. */
export function largestDifference(actual: Float64Array, expected: Rows | readonly number[]): number {
  const flat = (expected as readonly (number | readonly number[])[]).flat();
  assert.equal(actual.length, flat.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - flat[i]));
  return worst;
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
