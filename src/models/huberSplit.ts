import type { BinaryColumns } from "../stats/binaryColumns.js";
import type { Objective } from "../stats/lbfgs.js";
import { ROW_BLOCK, rowsPerCall } from "../stats/rowBlocks.js";
import { holdShape } from "./heldShapes.js";
import { huberSplitKernel, type HuberSplitKernel } from "./huberSplitKernel.js";

/**
 * huberRegressor.ts's objective (scikit-learn's _huber_loss_and_gradient over (w, b, log sigma))
 * on the split form X = 1 base^T + E (binaryColumns.ts), as logisticSplit.ts does for logistic
 * regression: predictions X w + b = (base.w + b) + E w, gradient X^T slope = base (sum of slopes)
 * + E^T slope, each row in O(numeric + rare) instead of O(cols). On the census-shaped
 * hours-per-week fold (22,793 x 66, 13 entries a row) an evaluation reads a fifth of the values.
 * The same function, rounded differently: L-BFGS reaches the same optimum, not the same bits.
 * smallestScale: the bound on sigma, below which the value is infinite. The pass over the rows runs
 * as a WebAssembly kernel (huberSplitKernel.ts, the same bits; `useKernel` false: the JavaScript loops).
 */
export function splitHuberObjective(split: BinaryColumns, y: Float64Array, epsilon: number, alpha: number, smallestScale: number, useKernel = true): Objective {
  const loss = new SplitHuberLoss(split, y, epsilon, alpha, smallestScale, useKernel);
  // A method bound to its fit's instance, not a closure made per fit: such a closure had its
  // compiled code made again in every fold (6 ms a fold on the census-shaped hours-per-week table).
  return loss.evaluate.bind(loss);
}

class SplitHuberLoss {
  private readonly split: BinaryColumns;
  private readonly y: Float64Array;
  private readonly epsilon: number;
  private readonly alpha: number;
  private readonly smallestScale: number;
  /**
   * squares, outlierAbs, outliers, slopes (see addRowBlock), over all rows and over the current
   * block's: arrays, not an object made per fit, whose fields' changing representations
   * deoptimized addRows's code in the next fold.
   */
  private readonly sums = new Float64Array(4);
  private readonly blockSums = new Float64Array(4);
  /** Rows a call of addRows: a row reads its entries twice, its prediction, its gradient. */
  private readonly step: number;
  private readonly kernel: HuberSplitKernel | null;

  constructor(split: BinaryColumns, y: Float64Array, epsilon: number, alpha: number, smallestScale: number, useKernel: boolean) {
    this.split = split;
    this.y = y;
    this.epsilon = epsilon;
    this.alpha = alpha;
    this.smallestScale = smallestScale;
    this.step = rowsPerCall(2 * Math.ceil(split.value.length / Math.max(1, split.rows)));
    this.kernel = useKernel ? huberSplitKernel(split.start, split.index, split.value, y, split.cols) : null;
    holdShape(this);
  }

  evaluate(x: Float64Array, grad: Float64Array): number {
    const { split, y, epsilon, alpha, sums, blockSums, step } = this;
    const { rows: n, cols: p, base, start, index, value } = split;
    const sigma = Math.exp(x[p + 1]);
    grad.fill(0);
    if (!(sigma >= this.smallestScale)) return Infinity;
    let offset = x[p];
    for (let j = 0; j < p; j++) offset += base[j] * x[j];
    sums.fill(0);
    const kernel = this.kernel;
    if (kernel !== null) {
      kernel.x.set(x.subarray(0, p));
      kernel.pass(offset, sigma, epsilon, ROW_BLOCK);
      grad.set(kernel.grad);
      sums.set(kernel.sums);
    } else {
      for (let from = 0; from < n; from += ROW_BLOCK) addRowBlock(start, index, value, y, x, offset, sigma, epsilon, from, Math.min(n, from + ROW_BLOCK), step, grad, sums, blockSums);
    }
    const squares = sums[0];
    const outlierAbs = sums[1];
    const outliers = sums[2];
    const slopes = sums[3];
    let penalty = 0;
    for (let j = 0; j < p; j++) {
      penalty += x[j] * x[j];
      grad[j] += base[j] * slopes + 2 * alpha * x[j];
    }
    grad[p] = slopes;
    // Chain rule through sigma = e^t: d/dt = sigma d/dsigma.
    grad[p + 1] = sigma * (n - outliers * epsilon * epsilon - squares / (sigma * sigma));
    return n * sigma + squares / sigma + 2 * epsilon * outlierAbs - sigma * outliers * epsilon * epsilon + alpha * penalty;
  }
}

/**
 * A block of ROW_BLOCK rows: its sums (the inliers' squared residuals, the outliers' absolute
 * residuals, the outliers, and the rows' slopes d loss / d prediction: the intercept's gradient)
 * summed over its rows first and then added to the sums, a rounding that the block size is part
 * of; its rows `step` a call (rowBlocks.ts's CALL_STEPS), the block's sums carried in blockSums.
 */
function addRowBlock(
  start: Int32Array,
  index: Int32Array,
  value: Float64Array,
  y: Float64Array,
  x: Float64Array,
  offset: number,
  sigma: number,
  epsilon: number,
  from: number,
  to: number,
  step: number,
  grad: Float64Array,
  sums: Float64Array,
  blockSums: Float64Array,
): void {
  blockSums.fill(0);
  for (let i = from; i < to; i += step) addRows(start, index, value, y, x, offset, sigma, epsilon, i, Math.min(to, i + step), grad, blockSums);
  for (let q = 0; q < 4; q++) sums[q] += blockSums[q];
}

/** Rows from..to - 1: their residuals' shares of the loss into blockSums (see addRowBlock), E^T slope into grad. */
function addRows(start: Int32Array, index: Int32Array, value: Float64Array, y: Float64Array, x: Float64Array, offset: number, sigma: number, epsilon: number, from: number, to: number, grad: Float64Array, blockSums: Float64Array): void {
  const bound = epsilon * sigma;
  // Locals, written back once: the sums in memory were a load and a store per row.
  let squares = blockSums[0];
  let outlierAbs = blockSums[1];
  let outliers = blockSums[2];
  let slopes = blockSums[3];
  for (let i = from; i < to; i++) {
    const first = start[i];
    const last = start[i + 1];
    let s = offset;
    for (let q = first; q < last; q++) s += value[q] * x[index[q]];
    const r = y[i] - s;
    // d loss / d prediction, without the 1/sigma or eps factors applied below.
    let slope: number;
    if (Math.abs(r) > bound) {
      outliers++;
      outlierAbs += Math.abs(r);
      slope = r > 0 ? -2 * epsilon : 2 * epsilon;
    } else {
      squares += r * r;
      slope = (-2 * r) / sigma;
    }
    for (let q = first; q < last; q++) grad[index[q]] += slope * value[q];
    slopes += slope;
  }
  blockSums[0] = squares;
  blockSums[1] = outlierAbs;
  blockSums[2] = outliers;
  blockSums[3] = slopes;
}
