import type { Matrix } from "../stats/matrix.js";
import { rareColumns } from "../stats/rareColumns.js";
import type { Rng } from "../stats/rng.js";
import type { DecisionEstimator } from "./estimator.js";
import { linearScores } from "./linearScores.js";
import { hingeSgd } from "./hingeSgd.js";
import { checkQueryColumns, decisionColumns, scoreColumns, trainingClasses } from "./trainingClasses.js";

export interface SgdClassifierOptions {
  /** Shuffles the rows before each epoch (scikit-learn's random_state). */
  readonly rng: Rng;
  /** L2 strength, scikit-learn's alpha. */
  readonly alpha?: number;
  /** Epochs at most. */
  readonly maxIterations?: number;
  /** Stop after 5 epochs in a row whose summed loss is not below the best by tol * rows. */
  readonly tol?: number;
}

/** numpy's int32 maximum, scikit-learn's MAX_INT: shuffle seeds are below it. */
const LARGEST_SEED = 0x7fffffff;

/**
 * A linear SVM by plain stochastic gradient descent, as scikit-learn's SGDClassifier(loss="hinge")
 * with its defaults (alpha=1e-4, L2, the "optimal" learning rate, max_iter=1000, tol=1e-3,
 * shuffling every epoch, intercept learned at the same rate, no averaging): the update rule of its
 * _plain_sgd, step for step. Two classes: one hinge problem, +1 for the second class; more: one
 * per class against the rest (its fit_multiclass), each with its own shuffle seed. The shuffle is
 * scikit-learn's too (sklearnShuffle); only its seeds come from our Rng instead of numpy's, so the
 * weights match scikit-learn's within SGD's own seed-to-seed noise, and exactly given its seeds.
 * Its scores are decision values; it has no probabilities.
 */
export class SgdClassifier implements DecisionEstimator {
  private readonly rng: Rng;
  private readonly alpha: number;
  private readonly maxIterations: number;
  private readonly tol: number;
  private fitted: { classes: Uint32Array; nClasses: number; weights: Float64Array; intercepts: Float64Array; cols: number } | null = null;
  private epochs = 0;

  constructor(options: SgdClassifierOptions) {
    this.rng = options.rng;
    this.alpha = options.alpha ?? 1e-4;
    this.maxIterations = options.maxIterations ?? 1000;
    this.tol = options.tol ?? 1e-3;
    if (!(this.alpha > 0 && Number.isFinite(this.alpha))) throw new RangeError(`alpha must be finite and > 0, got ${this.alpha}`);
  }

  /** The most epochs any of the one-vs-rest problems ran (scikit-learn's n_iter_). */
  get iterations(): number {
    return this.epochs;
  }

  fit(X: Matrix, y: Uint32Array, nClasses: number): this {
    const { classes, local } = trainingClasses(X, y, nClasses);
    const K = scoreColumns(classes.length);
    const weights = new Float64Array(K * X.cols);
    const intercepts = new Float64Array(K);
    this.epochs = 0;
    const split = rareColumns(X);
    for (let k = 0; k < K; k++) {
      // Binary: the second class is +1 (scikit-learn's classes_[1]); one-vs-rest: class k is.
      const positive = K === 1 ? 1 : k;
      const signs = Float64Array.from(local, (c) => (c === positive ? 1 : -1));
      // scikit-learn's seed is numpy's randint(2^31 - 1); ours comes from our Rng.
      const seed = this.rng.uint32() % LARGEST_SEED;
      const problem = hingeSgd(X, split, signs, seed, this.alpha, this.maxIterations, this.tol);
      weights.set(problem.weights, k * X.cols);
      intercepts[k] = problem.intercept;
      this.epochs = Math.max(this.epochs, problem.epochs);
    }
    this.fitted = { classes, nClasses, weights, intercepts, cols: X.cols };
    return this;
  }

  decisionFunction(X: Matrix): Float64Array {
    if (this.fitted === null) throw new Error("the SgdClassifier is not fitted");
    const { classes, nClasses, weights, intercepts, cols } = this.fitted;
    checkQueryColumns(X, cols);
    return decisionColumns(linearScores(X, weights, intercepts), X.rows, classes, nClasses);
  }
}

export { sklearnShuffle } from "./hingeSgd.js";
