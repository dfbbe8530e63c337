import { solveSymmetricPositiveDefinite } from "../stats/choleskySolve.js";
import type { Matrix } from "../stats/matrix.js";
import { groupScatters } from "../stats/scatter.js";
import { dualRidgeWeights } from "../stats/dualRidge.js";
import { CentredLinearModel, centredCrossProduct } from "./linearModel.js";

export interface RidgeOptions {
  /** L2 strength, scikit-learn's alpha. */
  readonly alpha?: number;
}

/**
 * L2-penalised least squares, as scikit-learn's Ridge() (alpha=1, solver "auto", which is
 * Cholesky on dense data): (X'X + alpha I) w = X'y on centred X and y, so the intercept is not
 * penalised. With more features than rows the dual system (XX' + alpha I), as scikit-learn
 * solves it then (dualRidge.ts): the same solution, at a fraction of the cost.
 */
export class Ridge extends CentredLinearModel {
  private readonly alpha: number;

  constructor(options: RidgeOptions = {}) {
    super();
    this.alpha = options.alpha ?? 1;
    if (!(this.alpha > 0 && Number.isFinite(this.alpha))) throw new RangeError(`alpha must be finite and > 0, got ${this.alpha}`);
  }

  protected solve(X: Matrix, xMean: Float64Array, yc: Float64Array): Float64Array {
    const { cols } = X;
    if (cols > X.rows) return dualRidgeWeights(X, xMean, yc, 1, this.alpha);
    const gram = groupScatters(X, null, 1, xMean);
    const xty = centredCrossProduct(X, xMean, yc);
    for (let j = 0; j < cols; j++) gram[j * cols + j] += this.alpha;
    return solveSymmetricPositiveDefinite(gram, cols, xty);
  }
}
