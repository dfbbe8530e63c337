import type { Rng } from "../stats/rng.js";
import { createRng } from "../stats/rng.js";
import type { Estimator, Matrix } from "./estimator.js";
import { binFeatures } from "./featureBins.js";
import { accumulateLeafValues, growTree, type FlatTree } from "./treeGrowth.js";

export interface RandomForestOptions {
  readonly rng: Rng;
  readonly nEstimators?: number;
}

/**
 * A random forest, as scikit-learn's RandomForestClassifier(): 100 gini trees, each on a
 * bootstrap sample (drawn as integer row weights) with floor(sqrt(features)) features tried per
 * node; probabilities are the mean of the trees' leaf class fractions. The features are binned
 * once and shared by every tree. In-house because ml-random-forest took 1.8 s for 20 trees on
 * 1,000 rows and threw "input must not be empty" on 2,000.
 */
export class RandomForestClassifier implements Estimator {
  private trees: FlatTree[] = [];
  private cols = 0;
  private nClasses = 0;

  constructor(private readonly options: RandomForestOptions) {}

  fit(X: Matrix, y: Uint32Array, nClasses: number): this {
    const { rows, cols } = X;
    if (rows !== y.length) throw new RangeError(`${rows} rows but ${y.length} labels`);
    if (rows === 0) throw new RangeError("cannot fit on zero rows");
    const bins = binFeatures(X);
    const maxFeatures = Math.max(1, Math.floor(Math.sqrt(cols)));
    const count = this.options.nEstimators ?? 100;
    const weight = new Float64Array(rows);
    this.trees = [];
    for (let t = 0; t < count; t++) {
      // Each tree its own stream, so a tree's shape does not depend on how many draws the previous took.
      const rng = createRng(this.options.rng.uint32());
      weight.fill(0);
      for (let d = 0; d < rows; d++) weight[rng.int(rows)]++;
      this.trees.push(growTree(bins, y, weight, nClasses, { maxFeatures, rng }));
    }
    this.cols = cols;
    this.nClasses = nClasses;
    return this;
  }

  predictProba(X: Matrix): Float64Array {
    if (this.trees.length === 0) throw new Error("predictProba before fit");
    if (X.cols !== this.cols) throw new RangeError(`fitted on ${this.cols} features, got ${X.cols}`);
    const out = new Float64Array(X.rows * this.nClasses);
    const scale = 1 / this.trees.length;
    for (const tree of this.trees) accumulateLeafValues(tree, X.data, X.rows, X.cols, out, scale);
    return out;
  }
}
