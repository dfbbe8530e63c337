import type { Matrix } from "../stats/matrix.js";
import type { Estimator } from "./estimator.js";
import { trainingClasses } from "./trainingClasses.js";

/**
 * The baseline, as scikit-learn's DummyClassifier() (strategy "prior"): every row gets the
 * training classes' frequencies as its probabilities, so it predicts the most frequent class
 * (the first of equally frequent ones, as numpy's argmax) and its AUC is 0.5. Like scikit-learn
 * it reads only the number of rows of X.
 */
export class DummyClassifier implements Estimator {
  private prior: Float64Array | null = null;

  fit(X: Matrix, y: Uint32Array, nClasses: number): this {
    const { classes, counts } = trainingClasses(X, y, nClasses);
    const prior = new Float64Array(nClasses);
    classes.forEach((c, k) => (prior[c] = counts[k] / y.length));
    this.prior = prior;
    return this;
  }

  predictProba(X: Matrix): Float64Array {
    const { prior } = this;
    if (prior === null) throw new Error("the DummyClassifier is not fitted");
    const out = new Float64Array(X.rows * prior.length);
    for (let i = 0; i < X.rows; i++) out.set(prior, i * prior.length);
    return out;
  }
}
