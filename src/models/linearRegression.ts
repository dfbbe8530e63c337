import { centredMinimumNormLeastSquares } from "../stats/minimumNormLeastSquares.js";
import type { Matrix } from "../stats/matrix.js";
import { CentredLinearModel } from "./linearModel.js";

/**
 * Ordinary least squares, as scikit-learn's LinearRegression(): centred X and y, then the
 * minimum-norm least-squares weights (scipy's lstsq), so that collinear columns (one-hot levels
 * beside the intercept) get scikit-learn's answer, also on rows with a level unseen in training.
 * See minimumNormLeastSquares.ts for the one place it departs: the rank cutoff.
 */
export class LinearRegression extends CentredLinearModel {
  private lastRank = 0;

  /** Singular values of the centred X above the cutoff in the last fit (scikit-learn's rank_). */
  get rank(): number {
    return this.lastRank;
  }

  protected solve(X: Matrix, xMean: Float64Array, yc: Float64Array): Float64Array {
    const solution = centredMinimumNormLeastSquares(X, xMean, yc);
    this.lastRank = solution.rank;
    return solution.x;
  }
}
