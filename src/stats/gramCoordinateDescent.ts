import { scaledDualGap, type CoordinateDescentOptions, type CoordinateDescentResult } from "./coordinateDescent.js";

/**
 * The same cyclic coordinate descent as elasticNetCoordinateDescent (coordinateDescent.ts), on the
 * Gram matrix instead of the rows: scikit-learn 1.2's enet_coordinate_descent_gram, which its
 * ElasticNet runs with precompute=True. It minimises 1/2 |y - X w|^2 + l1 |w|_1 + l2/2 |w|^2 from
 * w = 0 through the same updates in the same order: where the row form reads X_j'r for the
 * residual r = y - X w, this one reads q_j - (Q w)_j with Q = X'X and q = X'y, equal in exact
 * arithmetic, and keeps H = Q w up to date as the row form keeps r. The duality gap is the row
 * form's, with |r|^2 = y'y - 2 w'q + w'H and r'y = y'y - w'q. So it stops after the same sweep
 * as the row form up to rounding, at cols^2 a sweep instead of rows x cols, which is what pays
 * when there are many more rows than columns and the Gram matrix costs about one sweep over them.
 *
 * gram: Q, cols x cols row-major (symmetric); xty: q; yy: y'y.
 */
export function elasticNetGramDescent(gram: Float64Array, xty: Float64Array, yy: number, cols: number, options: CoordinateDescentOptions): CoordinateDescentResult {
  const { l1, l2, maxIterations, tolerance } = options;
  if (gram.length !== cols * cols) throw new RangeError(`Gram matrix has ${gram.length} values, expected ${cols} x ${cols}`);
  if (xty.length !== cols) throw new RangeError(`${cols} columns but ${xty.length} cross products`);
  if (!(l1 >= 0 && l2 >= 0 && Number.isFinite(l1 + l2))) throw new RangeError(`penalties must be finite and >= 0, got l1 ${l1}, l2 ${l2}`);
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) throw new RangeError(`maxIterations must be a positive integer, got ${maxIterations}`);
  if (!(tolerance >= 0)) throw new RangeError(`tolerance must be >= 0, got ${tolerance}`);

  const w = new Float64Array(cols);
  const h = new Float64Array(cols);
  const gapTolerance = tolerance * yy;
  const state: Sweep = { gram, xty, w, h, cols, l1, l2, wMax: 0, dwMax: 0 };
  let gap = tolerance + 1;
  let iteration = 0;
  for (; iteration < maxIterations; iteration++) {
    sweep(state);
    if (state.wMax === 0 || state.dwMax / state.wMax < tolerance || iteration === maxIterations - 1) {
      gap = gramDualityGap(xty, yy, w, h, cols, l1, l2);
      if (gap < gapTolerance) return { w, gap, gapTolerance, iterations: iteration + 1, converged: true };
    }
  }
  return { w, gap, gapTolerance, iterations: iteration, converged: false };
}

interface Sweep {
  readonly gram: Float64Array;
  readonly xty: Float64Array;
  readonly w: Float64Array;
  /** Q w, kept up to date with w. */
  readonly h: Float64Array;
  readonly cols: number;
  readonly l1: number;
  readonly l2: number;
  /** The last sweep's largest |w_j| and largest change. */
  wMax: number;
  dwMax: number;
}

/** One pass over the coordinates in column order; its own function so that V8 compiles it whole (see rowBlocks.ts). */
function sweep(state: Sweep): void {
  const { gram, xty, w, h, cols, l1, l2 } = state;
  let wMax = 0;
  let dwMax = 0;
  for (let j = 0; j < cols; j++) {
    const base = j * cols;
    const qjj = gram[base + j];
    if (qjj === 0) continue;
    const previous = w[j];
    if (previous !== 0) for (let k = 0; k < cols; k++) h[k] -= previous * gram[base + k];
    const tmp = xty[j] - h[j];
    const next = (Math.sign(tmp) * Math.max(Math.abs(tmp) - l1, 0)) / (qjj + l2);
    w[j] = next;
    if (next !== 0) for (let k = 0; k < cols; k++) h[k] += next * gram[base + k];
    dwMax = Math.max(dwMax, Math.abs(next - previous));
    wMax = Math.max(wMax, Math.abs(next));
  }
  state.wMax = wMax;
  state.dwMax = dwMax;
}

/** scikit-learn's gap from the Gram matrix: the row form's, with the residual's products written through Q w. */
function gramDualityGap(xty: Float64Array, yy: number, w: Float64Array, h: Float64Array, cols: number, l1: number, l2: number): number {
  let qw = 0;
  let wh = 0;
  let wNorm2 = 0;
  let l1Norm = 0;
  let dualNorm = 0;
  for (let j = 0; j < cols; j++) {
    qw += w[j] * xty[j];
    wh += w[j] * h[j];
    wNorm2 += w[j] * w[j];
    l1Norm += Math.abs(w[j]);
    dualNorm = Math.max(dualNorm, Math.abs(xty[j] - h[j] - l2 * w[j]));
  }
  const residualNorm2 = yy + wh - 2 * qw;
  const { scale, gap } = scaledDualGap(residualNorm2, dualNorm, l1);
  return gap + (l1 * l1Norm - scale * yy + scale * qw + 0.5 * l2 * (1 + scale * scale) * wNorm2);
}
