import type { Matrix } from "../stats/matrix.js";
import type { Rng } from "../stats/rng.js";
import type { DecisionEstimator } from "./estimator.js";
import { linearScores } from "./linearScores.js";
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

/** scikit-learn's n_iter_no_change. */
const EPOCHS_WITHOUT_IMPROVEMENT = 5;
/** numpy's int32 maximum, scikit-learn's MAX_INT: shuffle seeds are below it. */
const LARGEST_SEED = 0x7fffffff;
/** scikit-learn's WeightVector folds its scale into the weights below this. */
const SMALLEST_SCALE = 1e-9;

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
    for (let k = 0; k < K; k++) {
      // Binary: the second class is +1 (scikit-learn's classes_[1]); one-vs-rest: class k is.
      const positive = K === 1 ? 1 : k;
      const signs = Float64Array.from(local, (c) => (c === positive ? 1 : -1));
      // scikit-learn's seed is numpy's randint(2^31 - 1); ours comes from our Rng.
      const seed = this.rng.uint32() % LARGEST_SEED;
      const problem = hingeSgd(X, signs, seed, this.alpha, this.maxIterations, this.tol);
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

/**
 * One binary hinge problem, y in {-1, +1}: scikit-learn's _plain_sgd with learning_rate "optimal"
 * (eta = 1 / (alpha (t0 + t - 1)), t0 chosen so that the first step is 1 / sqrt(sqrt(alpha)) as in
 * Bottou's SGD), the L2 shrink w *= 1 - eta alpha kept as a separate scale (its WeightVector), and
 * its stopping rule on the epoch's summed loss.
 */
function hingeSgd(X: Matrix, y: Float64Array, seed: number, alpha: number, maxEpochs: number, tol: number): { weights: Float64Array; intercept: number; epochs: number } {
  const { rows, cols, data } = X;
  const w = new Float64Array(cols);
  let scale = 1;
  let intercept = 0;
  // typw = sqrt(1 / sqrt(alpha)); the hinge's dloss(-typw, 1) is -1, so eta0 = typw.
  const typicalWeight = Math.sqrt(1 / Math.sqrt(alpha));
  const optimalInit = 1 / (typicalWeight * alpha);
  const order = Uint32Array.from({ length: rows }, (_, i) => i);
  let t = 1;
  let bestLoss = Infinity;
  let stale = 0;
  let epoch = 0;
  while (epoch < maxEpochs) {
    epoch++;
    sklearnShuffle(order, seed);
    let sumLoss = 0;
    for (let s = 0; s < rows; s++) {
      const i = order[s];
      const xo = i * cols;
      let dot = 0;
      for (let j = 0; j < cols; j++) dot += w[j] * data[xo + j];
      const p = dot * scale + intercept;
      const eta = 1 / (alpha * (optimalInit + t - 1));
      const z = p * y[i];
      if (z <= 1) sumLoss += 1 - z;
      // The hinge's derivative is -y where z <= 1, else 0; the update is -eta times it.
      const update = z <= 1 ? eta * y[i] : 0;
      scale *= Math.max(0, 1 - eta * alpha);
      if (scale < SMALLEST_SCALE) {
        for (let j = 0; j < cols; j++) w[j] *= scale;
        scale = 1;
      }
      if (update !== 0) {
        const step = update / scale;
        for (let j = 0; j < cols; j++) w[j] += data[xo + j] * step;
        intercept += update;
      }
      t++;
    }
    if (!Number.isFinite(intercept) || w.some((v) => !Number.isFinite(v))) {
      throw new RangeError(`floating-point overflow at epoch ${epoch}`);
    }
    stale = sumLoss > bestLoss - tol * rows ? stale + 1 : 0;
    if (sumLoss < bestLoss) bestLoss = sumLoss;
    if (stale >= EPOCHS_WITHOUT_IMPROVEMENT) break;
  }
  for (let j = 0; j < cols; j++) w[j] *= scale;
  return { weights: w, intercept, epochs: epoch };
}

/**
 * scikit-learn's SequentialDataset.shuffle: Fisher-Yates with j = i + our_rand_r(seed) % (n - i),
 * our_rand_r being its xorshift32 (a zero state becomes 1) reduced mod 2^31. The seed is passed
 * by value, so every epoch replays the same swaps on the previous epoch's order.
 */
export function sklearnShuffle(order: Uint32Array, seed: number): void {
  let state = seed >>> 0;
  const n = order.length;
  for (let i = 0; i + 1 < n; i++) {
    if (state === 0) state = 1;
    state = (state ^ (state << 13)) >>> 0;
    state = (state ^ (state >>> 17)) >>> 0;
    state = (state ^ (state << 5)) >>> 0;
    const j = i + ((state & 0x7fffffff) % (n - i));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
}
