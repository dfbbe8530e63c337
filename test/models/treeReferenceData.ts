import { readFileSync } from "node:fs";
import { createMatrix, type Matrix } from "../../src/stats/matrix.js";
import { repoPath } from "../helpers.js";

/**
 * The data and scikit-learn results of test/reference/trees_reference.py, shared by the tree and
 * forest tests. See that script for why most comparisons are against seed averages.
 */
export interface Scores {
  readonly accuracy: number;
  readonly auc: number;
}

export interface ReferenceCase {
  readonly target: "y2" | "y3";
  readonly features: readonly string[];
  readonly tree: Scores;
  readonly forest: Scores;
  readonly treeSeedMean: Scores;
  readonly forestSeedMean: Scores;
  readonly treeLabels: readonly number[];
  readonly treeSelfAgreement: number;
  readonly topSplits?: Readonly<Record<string, { readonly feature: number; readonly threshold: number }>>;
}

export interface TreesReference {
  readonly sklearn: string;
  readonly cases: Readonly<Record<string, ReferenceCase>>;
  readonly oneFeature: OneFeatureCase;
  /** As oneFeature, on a feature of more than 256 distinct values. */
  readonly oneWideFeature: OneFeatureCase;
}

export interface OneFeatureCase {
  readonly feature: string;
  readonly target: "y2" | "y3";
  readonly nodeCount: number;
  readonly proba: readonly (readonly number[])[];
}

export interface Split {
  readonly XTrain: Matrix;
  readonly yTrain: Uint32Array;
  readonly XTest: Matrix;
  readonly yTest: Uint32Array;
  readonly nClasses: number;
}

export const reference = JSON.parse(readFileSync(repoPath("test", "reference", "trees_reference.json"), "utf8")) as TreesReference;

const [header, ...records] = readFileSync(repoPath("test", "reference", "trees_data.csv"), "utf8")
  .trimEnd()
  .split("\n")
  .map((line) => line.split(","));

/** The reference train/test split of `features` against `target`. */
export function referenceSplit(features: readonly string[], target: "y2" | "y3"): Split {
  const featureAt = features.map((name) => header.indexOf(name));
  const targetAt = header.indexOf(target);
  const splitAt = header.indexOf("split");
  const side = (name: string): { X: Matrix; y: Uint32Array } => {
    const rows = records.filter((record) => record[splitAt] === name);
    const data = new Float64Array(rows.length * features.length);
    rows.forEach((record, i) => featureAt.forEach((at, j) => (data[i * features.length + j] = Number(record[at]))));
    return { X: createMatrix(rows.length, features.length, data), y: Uint32Array.from(rows, (record) => Number(record[targetAt])) };
  };
  const train = side("train");
  const test = side("test");
  return { XTrain: train.X, yTrain: train.y, XTest: test.X, yTest: test.y, nClasses: target === "y2" ? 2 : 3 };
}
