import { groupSums } from "../stats/groupSums.js";
import { numpyMean } from "../stats/pairwiseSum.js";
import { createMatrix, type Matrix } from "../stats/matrix.js";
import { ROW_BLOCK, rowsPerCall } from "../stats/rowBlocks.js";
import { checkFeatureValues, checkQueryData, checkTrainingShape, type Regressor } from "./regressor.js";

/**
 * What scikit-learn's linear regressors share (LinearModel with fit_intercept=True): X and y are
 * centred on their training means, the subclass solves for the weights on the centred data, and
 * the intercept, never penalised, is then mean(y) - mean(X) . w. A prediction is X w + intercept.
 * X itself is never copied centred: each solver centres its values as it reads them (the scatter
 * kernel's shifts, a block of rows at a time), since a fresh n x p array costs its page faults on
 * first touch (about 17 us a 4 KB page here: 50 ms for a 22,793 x 66 fold) before any arithmetic.
 */
export abstract class CentredLinearModel implements Regressor {
  private fitted: { readonly coefficients: Float64Array; readonly intercept: number } | null = null;

  /** The weights for X centred on xMean (column by column) and the centred targets yc. */
  protected abstract solve(X: Matrix, xMean: Float64Array, yc: Float64Array): Float64Array;

  fit(X: Matrix, y: Float64Array): this {
    checkTrainingShape(X, y);
    const { cols } = X;
    const xMean = columnMeans(X);
    // A column's sum is finite unless one of its values is not (or the sum overflows): the
    // value-by-value check only then, instead of a pass of its own over X (0.8 ms of a census-shaped fold's 6.5).
    if (!xMean.every(Number.isFinite)) checkFeatureValues(X);
    const yMean = numpyMean(y);
    // A plain loop (Float64Array.from with a mapping callback took 9 ms for 20,512 targets), a
    // few rows a call (rowBlocks.ts's CALL_STEPS), as every pass over the rows here.
    const yc = new Float64Array(y.length);
    for (let from = 0, step = rowsPerCall(1); from < y.length; from += step) centreTargets(y, yMean, from, Math.min(y.length, from + step), yc);
    const coefficients = this.solve(X, xMean, yc);
    let offset = 0;
    for (let j = 0; j < cols; j++) offset += xMean[j] * coefficients[j];
    this.fitted = { coefficients, intercept: yMean - offset };
    return this;
  }

  predict(X: Matrix): Float64Array {
    const { coefficients, intercept } = this.model;
    checkQueryData(X, coefficients.length);
    const out = new Float64Array(X.rows);
    for (let from = 0, step = rowsPerCall(X.cols); from < X.rows; from += step) predictRows(X.data, X.cols, coefficients, intercept, from, Math.min(X.rows, from + step), out);
    return out;
  }

  /** The fitted weights, one per feature (scikit-learn's coef_). */
  get coefficients(): Float64Array {
    return this.model.coefficients;
  }

  /** scikit-learn's intercept_. */
  get intercept(): number {
    return this.model.intercept;
  }

  private get model(): { readonly coefficients: Float64Array; readonly intercept: number } {
    if (this.fitted === null) throw new Error(`the ${this.constructor.name} is not fitted`);
    return this.fitted;
  }
}

function centreTargets(y: Float64Array, yMean: number, from: number, to: number, yc: Float64Array): void {
  for (let i = from; i < to; i++) yc[i] = y[i] - yMean;
}

/** Each column's mean, the rows summed in order (groupSums.ts: four rows at a time). */
function columnMeans(X: Matrix): Float64Array {
  const sums = groupSums(X, null, 1);
  for (let j = 0; j < X.cols; j++) sums[j] /= X.rows;
  return sums;
}

function predictRows(data: Float64Array, cols: number, coefficients: Float64Array, intercept: number, from: number, to: number, out: Float64Array): void {
  for (let i = from; i < to; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += data[i * cols + j] * coefficients[j];
    out[i] = s + intercept;
  }
}

/** X centred on xMean, as a new matrix: for the solvers' small cases (fewer rows than columns) only. */
export function centredCopy(X: Matrix, xMean: Float64Array): Matrix {
  const { rows, cols, data } = X;
  const centred = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) centred[i * cols + j] = data[i * cols + j] - xMean[j];
  return createMatrix(rows, cols, centred);
}

/**
 * X_c' yc, X centred on xMean as it is read: one pass over the rows, the centred copy's sums bit
 * for bit; a few rows a call, as columnMeans (in one call, 3.3 ms on a census-shaped fold
 * against 1.1 ms).
 */
export function centredCrossProduct(X: Matrix, xMean: Float64Array, yc: Float64Array): Float64Array {
  const { rows, cols, data } = X;
  const xty = new Float64Array(cols);
  for (let from = 0; from < rows; from += ROW_BLOCK) addCrossProductBlock(data, cols, xMean, yc, from, Math.min(rows, from + ROW_BLOCK), xty);
  return xty;
}

function addCrossProductBlock(data: Float64Array, cols: number, xMean: Float64Array, yc: Float64Array, from: number, to: number, xty: Float64Array): void {
  for (let i = from, step = 4 * rowsPerCall(4 * cols); i < to; i += step) addCrossProducts(data, cols, xMean, yc, i, Math.min(to, i + step), xty);
}

function addCrossProducts(data: Float64Array, cols: number, xMean: Float64Array, yc: Float64Array, from: number, to: number, xty: Float64Array): void {
  let i = from;
  // Four rows at a time, each column's sum kept in a register across them: the same order.
  for (; i + 4 <= to; i += 4) {
    const o = i * cols;
    const v0 = yc[i];
    const v1 = yc[i + 1];
    const v2 = yc[i + 2];
    const v3 = yc[i + 3];
    for (let j = 0; j < cols; j++) {
      const m = xMean[j];
      let s = xty[j];
      s += (data[o + j] - m) * v0;
      s += (data[o + cols + j] - m) * v1;
      s += (data[o + 2 * cols + j] - m) * v2;
      s += (data[o + 3 * cols + j] - m) * v3;
      xty[j] = s;
    }
  }
  for (; i < to; i++) {
    const base = i * cols;
    const v = yc[i];
    for (let j = 0; j < cols; j++) xty[j] += (data[base + j] - xMean[j]) * v;
  }
}
