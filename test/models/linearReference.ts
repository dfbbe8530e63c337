import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { Estimator } from "../../src/models/estimator.js";
import { createMatrix, type Matrix } from "../../src/stats/matrix.js";
import { assertProbabilityRows } from "./estimatorReference.js";
import { repoPath } from "../helpers.js";

/**
 * The seeded cases and scikit-learn answers of test/reference/linear_reference.py (its docstring
 * says how they are built), shared by the tests of issue 10's models.
 */
export type Rows = readonly (readonly number[])[];

export interface SvmRun {
  readonly randomState: number;
  /** The shuffle seed scikit-learn hands each binary problem, in class order. */
  readonly shuffleSeeds: readonly number[];
  readonly epochs: number;
  readonly accuracy: number;
  /** Decision values laid out as ours (binary [-d, d]); the first two random states only. */
  readonly decision?: Rows;
}

export interface ClassificationCase {
  readonly nClasses: number;
  readonly XTrain: Rows;
  readonly yTrain: readonly number[];
  readonly XTest: Rows;
  readonly yTest: readonly number[];
  readonly lda: Rows;
  readonly dummy: Rows;
  readonly ridge: Rows;
  readonly ridgeAuc?: number;
  /** Full-rank classes: predict_proba. */
  readonly qda?: Rows;
  /** A class with a direction of no variance: the labels, which do not depend on rounding. */
  readonly qdaLabels?: readonly number[];
  /** One-hot levels: scikit-learn's accuracy over ten orders of the training rows (null: NaN). */
  readonly qdaNoise?: readonly (number | null)[];
  readonly svm: readonly SvmRun[];
}

/** Raw columns of very different scales, for the discriminant analyses only (linear_reference.py's "discriminant"). */
export type DiscriminantCase = Pick<ClassificationCase, "nClasses" | "XTrain" | "yTrain" | "XTest" | "yTest" | "lda"> & { readonly qda: Rows };

export interface RegressionCase {
  readonly XTrain: Rows;
  readonly yTrain: readonly number[];
  readonly XTest: Rows;
  readonly br: { readonly predictions: readonly number[]; readonly alpha: number; readonly lambda: number; readonly iterations: number };
  readonly huber?: { readonly predictions: readonly number[]; readonly scale: number; readonly iterations: number; readonly warned: boolean };
  readonly huberOptimum?: {
    readonly predictions: readonly number[];
    readonly coefficients: readonly number[];
    readonly intercept: number;
    readonly scale: number;
  };
}

export const linearReference = JSON.parse(readFileSync(repoPath("test", "reference", "linear_reference.json"), "utf8")) as {
  readonly sklearn: string;
  readonly classification: Readonly<Record<string, ClassificationCase>>;
  readonly discriminant: Readonly<Record<string, DiscriminantCase>>;
  readonly regression: Readonly<Record<string, RegressionCase>>;
};

export function matrix(rows: Rows): Matrix {
  return createMatrix(rows.length, rows[0].length, Float64Array.from(rows.flat()));
}

export interface Fitted {
  readonly XTrain: Matrix;
  readonly yTrain: Uint32Array;
  readonly XTest: Matrix;
  readonly nClasses: number;
}

export function classificationProblem(c: ClassificationCase | DiscriminantCase): Fitted {
  return { XTrain: matrix(c.XTrain), yTrain: Uint32Array.from(c.yTrain), XTest: matrix(c.XTest), nClasses: c.nClasses };
}

/** Largest |actual - expected| over a rows x classes array, with where it is. */
export function largestGap(actual: Float64Array, expected: Rows): { gap: number; at: string } {
  const flat = expected.flat();
  assert.equal(actual.length, flat.length);
  let gap = 0;
  let at = "";
  for (let i = 0; i < flat.length; i++) {
    const d = actual[i] === flat[i] ? 0 : Math.abs(actual[i] - flat[i]);
    if (d > gap) [gap, at] = [d, `row ${Math.floor(i / expected[0].length)} class ${i % expected[0].length}`];
  }
  return { gap, at };
}

export function assertClose(actual: Float64Array, expected: Rows, tolerance: number, where: string): void {
  const { gap, at } = largestGap(actual, expected);
  assert.ok(gap <= tolerance, `${where}: ${gap} at ${at} > ${tolerance}`);
}

/**
 * A discriminant analysis fitted on a case's training rows gives scikit-learn's probabilities on
 * its test rows, every row a distribution.
 */
export function assertReferenceProbabilities(estimator: Estimator, c: ClassificationCase | DiscriminantCase, expected: Rows, tolerance: number, name: string): void {
  const p = classificationProblem(c);
  const proba = estimator.fit(p.XTrain, p.yTrain, p.nClasses).predictProba(p.XTest);
  assertProbabilityRows(proba, p.nClasses);
  assertClose(proba, expected, tolerance, name);
}

/** The accuracy of row-argmax labels (first maximum wins) against y. */
export function argmaxAccuracy(scores: Float64Array, y: readonly number[], nClasses: number): number {
  let correct = 0;
  for (let i = 0; i < y.length; i++) {
    let best = 0;
    for (let c = 1; c < nClasses; c++) if (scores[i * nClasses + c] > scores[i * nClasses + best]) best = c;
    if (best === y[i]) correct++;
  }
  return correct / y.length;
}

export const classificationCases = Object.entries(linearReference.classification);

export const discriminantCases = Object.entries(linearReference.discriminant);
