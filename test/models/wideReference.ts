import { readFileSync } from "node:fs";
import { repoPath } from "../helpers.js";

/** A regression case of test/reference/wide_reference.py: Ridge()'s predictions, weights and intercept. */
export interface WideRegressionCase {
  readonly XTrain: number[][];
  readonly yTrain: number[];
  readonly XTest: number[][];
  readonly predictions: number[];
  readonly coef: number[];
  readonly intercept: number;
}

/** A classification case: RidgeClassifier()'s decision values and LinearDiscriminantAnalysis()'s probabilities. */
export interface WideClassificationCase {
  readonly XTrain: number[][];
  readonly yTrain: number[];
  readonly nClasses: number;
  readonly XTest: number[][];
  /** scikit-learn's decision_function: one column for two classes, one per class for more. */
  readonly decision: number[][];
  readonly ldaProba: number[][];
}

/** A QDA case: classes of fewer rows than columns, and the documented model's probabilities (numpy's SVD, not scikit-learn). */
export interface WideQdaCase {
  readonly XTrain: number[][];
  readonly yTrain: number[];
  readonly nClasses: number;
  readonly XTest: number[][];
  readonly qdaProba: number[][];
  /** scikit-learn's own predict_proba, where it is not rounding noise (one narrow class among full-rank ones). */
  readonly sklearnQdaProba?: number[][];
}

/** Tables with more columns than rows, scikit-learn 1.2's answers on them. */
export const wideReference = JSON.parse(readFileSync(repoPath("test", "reference", "wide_reference.json"), "utf8")) as {
  cases: Record<string, WideRegressionCase> & Record<string, WideClassificationCase> & Record<string, WideQdaCase>;
};

export const WIDE_REGRESSION_CASES = ["regression-20x60", "regression-9x10"] as const;
export const WIDE_CLASSIFICATION_CASES = ["binary-24x50", "three-class-30x45"] as const;
export const WIDE_QDA_CASES = ["qda-binary-24x50", "qda-three-class-36x30", "qda-mixed-48x20", "qda-narrow-class"] as const;
