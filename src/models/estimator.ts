import type { Matrix } from "../stats/matrix.js";
import type { Rng } from "../stats/rng.js";

/**
 * The one contract every model honours, as scikit-learn's fit / predict_proba.
 * Labels are class indices 0..nClasses-1 (nClasses comes from the whole table, so a training fold
 * that lacks a class still yields a column for it, with probability 0).
 */
export interface Estimator {
  fit(X: Matrix, y: Uint32Array, nClasses: number): this;
  /** Row-major rows x nClasses class probabilities; each row sums to 1. */
  predictProba(X: Matrix): Float64Array;
}

/**
 * A classifier without probabilities (scikit-learn's RidgeClassifier, SGDClassifier): its scores
 * are decision values, scikit-learn's decision_function, which AUC ranks and whose row argmax is
 * the predicted class, as its predict.
 */
export interface DecisionEstimator {
  fit(X: Matrix, y: Uint32Array, nClasses: number): this;
  /**
   * Row-major rows x nClasses decision values, finite, the first maximum being scikit-learn's
   * predicted class. Two classes: scikit-learn's one score d (for the second class) as [-d, d],
   * so that the argmax is the second class exactly when d > 0, as its predict. A class absent
   * from the training rows scores ABSENT_CLASS_SCORE, below any real score.
   */
  decisionFunction(X: Matrix): Float64Array;
}

/** The score of a class the training rows lacked: finite, and never the row's maximum. */
export const ABSENT_CLASS_SCORE = -Number.MAX_VALUE;

interface SpecFields {
  readonly id: string;
  readonly name: string;
  /** Whether the protocol z-scores the encoded features before this model sees them. */
  readonly scaled: boolean;
  /**
   * Whether the model fails on training rows of one class, as its scikit-learn 1.2 estimator
   * raises there (LogisticRegression, SGDClassifier, both discriminant analyses,
   * GradientBoostingClassifier), instead of predicting that class (the trees, naive Bayes, kNN,
   * the ridge classifier, histogram boosting and the dummy fit it).
   */
  readonly needsTwoClasses: boolean;
}

/**
 * A registry record, as PyCaret's model containers: id, display name, how to build it, and what
 * its scores are (as scikit-learn's scorers pick predict_proba or decision_function): class
 * probabilities unless it says "decision".
 */
export type ModelSpec =
  | (SpecFields & {
      readonly scores?: "proba";
      /** Whether the model consumes randomness (the forest); others ignore rng. */
      create(rng: Rng): Estimator;
    })
  | (SpecFields & { readonly scores: "decision"; create(rng: Rng): DecisionEstimator });
