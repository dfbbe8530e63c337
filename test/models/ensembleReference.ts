import { readFileSync } from "node:fs";
import type { Rng } from "../../src/stats/rng.js";
import { repoPath } from "../helpers.js";

/**
 * The scikit-learn results of test/reference/ensembles_reference.py, shared by the extra-trees and
 * AdaBoost tests. See that script for which comparisons are exact and which are seed means.
 */
export type Rows = readonly (readonly number[])[];

export interface ClassificationCase {
  readonly target: "y2" | "y3";
  readonly features: readonly string[];
  readonly extraTreesSeedMean: { readonly accuracy: number; readonly auc: number };
  readonly adaBoost: { readonly accuracy: number; readonly auc: number; readonly proba: Rows };
}

export interface EnsemblesReference {
  readonly classification: Readonly<Record<string, ClassificationCase>>;
  readonly stump: {
    readonly weight: readonly number[];
    readonly feature: number;
    readonly threshold: number;
    readonly left: readonly number[];
    readonly right: readonly number[];
    readonly singleEstimatorProba: Rows;
  };
  readonly sammeR: Readonly<Record<string, { readonly estimators: readonly Rows[]; readonly proba: Rows }>>;
  readonly weightedMedian: { readonly predictions: Rows; readonly weights: readonly number[]; readonly median: readonly number[] };
  readonly bootstrap: { readonly weights: readonly number[]; readonly counts: readonly number[] };
  readonly regression: {
    readonly XTrain: Rows;
    readonly yTrain: readonly number[];
    readonly XTest: Rows;
    readonly yTest: readonly number[];
    readonly systematic: { readonly features: readonly number[]; readonly estimators: number; readonly estimatorWeights: readonly number[]; readonly predictions: readonly number[] };
    readonly extraTreesR2Mean: number;
    readonly adaBoostR2Mean: number;
  };
}

export const ensembles = JSON.parse(readFileSync(repoPath("test", "reference", "ensembles_reference.json"), "utf8")) as EnsemblesReference;

/**
 * The reference script's RandomState whose uniform draws are (k + 0.5) / n, k = 0..n-1 over and
 * over: a weighted bootstrap of n rows then draws the systematic sample that numpy's choice draws
 * there. uint32 (which only seeds the trees' feature order) counts up.
 */
export function systematicRng(n: number): Rng {
  let k = 0;
  let seed = 0;
  const next = (): number => {
    const u = (k + 0.5) / n;
    k = (k + 1) % n;
    return u;
  };
  return { next, int: (m) => Math.floor(next() * m), uint32: () => seed++ };
}

/** Largest |a - b| over two equally long lists of numbers. */
export function largestDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) throw new RangeError(`${actual.length} values against ${expected.length}`);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  return worst;
}
