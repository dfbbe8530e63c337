import { centredMinimumNormLeastSquares, gramMinimumNormLeastSquares, rowGramMinimumNormLeastSquares, type LeastSquaresSolution } from "../stats/minimumNormLeastSquares.js";
import { createMatrix, type Matrix } from "../stats/matrix.js";
import { powerOfTwoNear } from "../stats/powerOfTwo.js";
import { oneHotNullDirections } from "../stats/oneHotNullSpace.js";
import { groupScatters } from "../stats/scatter.js";
import { CentredLinearModel, centredCrossProduct } from "./linearModel.js";

/**
 * Ordinary least squares, as scikit-learn's LinearRegression(): centred X and y, then the
 * minimum-norm least-squares weights (scipy's lstsq), so that collinear columns (one-hot levels
 * beside the intercept) get scikit-learn's answer, also on rows with a level unseen in training.
 * See minimumNormLeastSquares.ts for the one place it departs: the rank cutoff.
 *
 * Two routes to the same weights: the normal equations when every direction in which X is
 * singular is known (its one-hot blocks, its constant columns) and the rest of its spectrum is
 * clearly away from zero, the usual case of an encoded table, at the cost of the Gram matrix
 * (a census-shaped fold: 13 ms against the QR's 115); otherwise a QR of X and an SVD of its
 * triangle, which tells any small singular value from zero.
 */
export class LinearRegression extends CentredLinearModel {
  private lastRank = 0;

  /** Singular values of the centred X above the cutoff in the last fit (scikit-learn's rank_). */
  get rank(): number {
    return this.lastRank;
  }

  protected solve(X: Matrix, xMean: Float64Array, yc: Float64Array): Float64Array {
    const viaGram = X.rows > X.cols ? fromNormalEquations(X, xMean, yc) : fromRowGram(X, xMean, yc);
    const solution = viaGram !== null && viaGram.x.every(Number.isFinite) ? viaGram : finiteLeastSquares(X, xMean, yc);
    this.lastRank = solution.rank;
    return solution.x;
  }
}

/**
 * The QR route; where squares of X's values overflow (beyond about 1e154, which overflowed the
 * Gram matrix first), on X scaled by one power of 2 (exact) that brings its largest value to
 * about 1e144: one factor for every column keeps the singular values' ratios, so the same rank
 * decisions and the same minimum-norm weights (scaled back) as scikit-learn's lstsq on the raw
 * values. Not to 1: columns 1e160 smaller than the largest would then square into subnormals and
 * lose their digits; at 1e144 every square and sum of squares stays a normal double.
 */
const SCALED_LARGEST = 2 ** 480;

function finiteLeastSquares(X: Matrix, xMean: Float64Array, yc: Float64Array): LeastSquaresSolution {
  const solution = centredMinimumNormLeastSquares(X, xMean, yc);
  if (solution.x.every(Number.isFinite)) return solution;
  const { rows, cols, data } = X;
  let largest = 0;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) largest = Math.max(largest, Math.abs(data[i * cols + j] - xMean[j]));
  const scale = powerOfTwoNear(SCALED_LARGEST / largest);
  const fitted = centredMinimumNormLeastSquares(createMatrix(rows, cols, data.map((v) => v * scale)), xMean.map((m) => m * scale), yc);
  return { ...fitted, x: fitted.x.map((w) => w * scale) };
}

function fromNormalEquations(X: Matrix, xMean: Float64Array, yc: Float64Array): LeastSquaresSolution | null {
  const gram = groupScatters(X, null, 1, xMean);
  const cutoff = Math.max(X.rows, X.cols) * Number.EPSILON;
  return gramMinimumNormLeastSquares(gram, X.cols, centredCrossProduct(X, xMean, yc), X.rows, oneHotNullDirections(X), cutoff, (d) => centredSquaredImage(X, xMean, d));
}

/** The wide case (rows <= cols) from the rows x rows Gram matrix of the centred rows. */
function fromRowGram(X: Matrix, xMean: Float64Array, yc: Float64Array): LeastSquaresSolution | null {
  const { rows, cols, data } = X;
  const wt = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) wt[j * rows + i] = data[i * cols + j] - xMean[j];
  return rowGramMinimumNormLeastSquares(wt, rows, cols, yc);
}

/** |(X - 1 xMean') d|^2, each row centred before its product (a large mean would cancel away the small image). */
function centredSquaredImage(X: Matrix, xMean: Float64Array, d: Float64Array): number {
  const { rows, cols, data } = X;
  let total = 0;
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += (data[i * cols + j] - xMean[j]) * d[j];
    total += s * s;
  }
  return total;
}
