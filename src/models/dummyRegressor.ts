import { numpyMean } from "../stats/pairwiseSum.js";
import type { Matrix } from "../stats/matrix.js";
import type { Regressor } from "./regressor.js";

/**
 * The baseline, as scikit-learn's DummyRegressor() (strategy "mean"): every prediction is the
 * training targets' mean, computed as numpy computes it, so it is scikit-learn's to the bit.
 * Like scikit-learn it reads only the number of rows of X, but refuses non-finite targets.
 */
export class DummyRegressor implements Regressor {
  private constant: number | null = null;

  fit(X: Matrix, y: Float64Array): this {
    if (X.rows !== y.length) throw new RangeError(`${X.rows} rows but ${y.length} targets`);
    if (y.length === 0) throw new RangeError("cannot fit on zero rows");
    for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i])) throw new RangeError(`target at row ${i} is ${y[i]}`);
    this.constant = numpyMean(y);
    return this;
  }

  predict(X: Matrix): Float64Array {
    if (this.constant === null) throw new Error("the dummy regressor is not fitted");
    return new Float64Array(X.rows).fill(this.constant);
  }
}
