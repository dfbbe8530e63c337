import { elasticNetCoordinateDescent, type CoordinateDescentResult } from "../stats/coordinateDescent.js";
import { elasticNetGramDescent } from "../stats/gramCoordinateDescent.js";
import type { Matrix } from "../stats/matrix.js";
import { rowsPerCall } from "../stats/rowBlocks.js";
import { groupScatters } from "../stats/scatter.js";
import { CentredLinearModel, centredCrossProduct } from "./linearModel.js";

export interface ElasticNetOptions {
  /** Overall penalty strength, scikit-learn's alpha. */
  readonly alpha?: number;
  /** Share of the penalty that is L1 (1: lasso, 0: ridge-like), scikit-learn's l1_ratio. */
  readonly l1Ratio?: number;
  readonly maxIterations?: number;
  readonly tolerance?: number;
}

/**
 * L1 + L2-penalised least squares, as scikit-learn's ElasticNet() (alpha=1, l1_ratio=0.5,
 * max_iter=1000, tol=1e-4, cyclic selection): minimises
 *     1/(2n) |y - X w - b|^2 + alpha l1_ratio |w|_1 + alpha (1 - l1_ratio)/2 |w|^2
 * by scikit-learn's own coordinate descent (coordinateDescent.ts, or its Gram form gramCoordinateDescent.ts
 * when there are more rows than columns, the same sweeps) on centred data, with its
 * penalties scaled by n the same way. Like scikit-learn, a fit that has not converged after
 * maxIterations sweeps keeps its last weights; `converged` says which happened.
 */
export class ElasticNet extends CentredLinearModel {
  private readonly alpha: number;
  private readonly l1Ratio: number;
  private readonly maxIterations: number;
  private readonly tolerance: number;
  private lastDescent: CoordinateDescentResult | null = null;

  constructor(options: ElasticNetOptions = {}) {
    super();
    this.alpha = options.alpha ?? 1;
    this.l1Ratio = options.l1Ratio ?? 0.5;
    this.maxIterations = options.maxIterations ?? 1000;
    this.tolerance = options.tolerance ?? 1e-4;
    if (!(this.alpha >= 0 && Number.isFinite(this.alpha))) throw new RangeError(`alpha must be finite and >= 0, got ${this.alpha}`);
    if (!(this.l1Ratio >= 0 && this.l1Ratio <= 1)) throw new RangeError(`l1Ratio must be in [0, 1], got ${this.l1Ratio}`);
    if (!(Number.isInteger(this.maxIterations) && this.maxIterations >= 1)) throw new RangeError(`maxIterations must be a positive integer, got ${this.maxIterations}`);
    if (!(this.tolerance >= 0)) throw new RangeError(`tolerance must be >= 0, got ${this.tolerance}`);
  }

  /** The last fit's sweeps, duality gap and whether it met the tolerance. */
  get descent(): CoordinateDescentResult | null {
    return this.lastDescent;
  }

  /** Whether the last fit met the tolerance (scikit-learn warns when it does not). */
  get converged(): boolean {
    return this.lastDescent?.converged ?? false;
  }

  protected solve(X: Matrix, xMean: Float64Array, yc: Float64Array): Float64Array {
    const { rows, cols, data } = X;
    // scikit-learn's enet_path: the objective above times n, in the same order of operations.
    const options = {
      l1: this.alpha * this.l1Ratio * rows,
      l2: this.alpha * (1 - this.l1Ratio) * rows,
      maxIterations: this.maxIterations,
      tolerance: this.tolerance,
    };
    if (rows > cols) {
      // More rows than columns: the same descent on the centred Gram matrix (scikit-learn's
      // precompute=True path), a sweep costing cols^2 instead of rows x cols, and no centred copy.
      const gram = groupScatters(X, null, 1, xMean);
      this.lastDescent = elasticNetGramDescent(gram, centredCrossProduct(X, xMean, yc), sumOfSquares(yc), cols, options);
      return this.lastDescent.w;
    }
    const columns = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) columns[j * rows + i] = data[i * cols + j] - xMean[j];
    this.lastDescent = elasticNetCoordinateDescent(columns, rows, cols, yc, options);
    return this.lastDescent.w;
  }
}

/** y'y, summed in order as the row form's dot product sums it; a few rows a call (rowBlocks.ts's CALL_STEPS), as a fit sums it once. */
function sumOfSquares(y: Float64Array): number {
  let s = 0;
  for (let from = 0, step = rowsPerCall(1); from < y.length; from += step) s = addSquares(y, from, Math.min(y.length, from + step), s);
  return s;
}

function addSquares(y: Float64Array, from: number, to: number, s: number): number {
  for (let i = from; i < to; i++) s += y[i] * y[i];
  return s;
}
