import { createMatrix, type Matrix } from "../../src/stats/matrix.js";
import { gaussian, type Rng } from "../../src/stats/rng.js";

/**
 * References and tables for the scatter kernels' tests (gram.ts, splitScatter.ts, scatter.ts):
 * the plain in-order sums the kernels replace, a compensated sum to measure rounding against,
 * and tables shaped as the protocol's encoded ones.
 */

/** sum over rowList (every row when null), in order, of (x - shift)(x - shift)^T by the per-row rank-1 update into the triangle. */
export function plainScatter(X: Matrix, rowList: Uint32Array | null, shift: Float64Array | null): Float64Array {
  const { rows, cols, data } = X;
  const out = new Float64Array(cols * cols);
  const centred = new Float64Array(cols);
  const count = rowList === null ? rows : rowList.length;
  for (let r = 0; r < count; r++) {
    const i = rowList === null ? r : rowList[r];
    for (let j = 0; j < cols; j++) centred[j] = shift === null ? data[i * cols + j] : data[i * cols + j] - shift[j];
    for (let j = 0; j < cols; j++) for (let l = 0; l <= j; l++) out[j * cols + l] += centred[j] * centred[l];
  }
  for (let j = 0; j < cols; j++) for (let l = 0; l < j; l++) out[l * cols + j] = out[j * cols + l];
  return out;
}

/** The same entries to about one ulp: each product split exactly (Dekker's two-product), all parts summed with Neumaier's compensation. */
export function accurateScatter(X: Matrix, rowList: Uint32Array | null, shift: Float64Array | null): Float64Array {
  const { rows, cols, data } = X;
  const count = rowList === null ? rows : rowList.length;
  const out = new Float64Array(cols * cols);
  for (let j = 0; j < cols; j++) {
    for (let l = 0; l <= j; l++) {
      let sum = 0;
      let compensation = 0;
      const add = (t: number): void => {
        const u = sum + t;
        compensation += Math.abs(sum) >= Math.abs(t) ? sum - u + t : t - u + sum;
        sum = u;
      };
      for (let r = 0; r < count; r++) {
        const i = rowList === null ? r : rowList[r];
        const a = shift === null ? data[i * cols + j] : data[i * cols + j] - shift[j];
        const b = shift === null ? data[i * cols + l] : data[i * cols + l] - shift[l];
        const [product, error] = twoProduct(a, b);
        add(product);
        add(error);
      }
      out[j * cols + l] = sum + compensation;
      out[l * cols + j] = sum + compensation;
    }
  }
  return out;
}

function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  const split = (x: number): [number, number] => {
    const c = 134217729 * x;
    const high = c - (c - x);
    return [high, x - high];
  };
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

export interface TableShape {
  readonly rows: number;
  readonly numeric: number;
  /** Levels of each one-hot block. */
  readonly blocks: readonly number[];
  /** Constant columns appended at the end. */
  readonly constant?: number;
  /** Z-score every column, as the protocol does for ridge and svm. */
  readonly scaled?: boolean;
}

/** Numeric columns (gaussian, offset 50, so that a mean is far from 0), one-hot blocks with skewed level frequencies, constant columns. */
export function encodedTable(rng: Rng, shape: TableShape): Matrix {
  const cols = shape.numeric + shape.blocks.reduce((a, b) => a + b, 0) + (shape.constant ?? 0);
  const data = new Float64Array(shape.rows * cols);
  for (let i = 0; i < shape.rows; i++) {
    const o = i * cols;
    let j = 0;
    for (; j < shape.numeric; j++) data[o + j] = 50 + 3 * gaussian(rng) + j;
    for (const levels of shape.blocks) {
      // Level 0 is the most frequent, the last the rarest.
      const u = rng.next() ** 2;
      data[o + j + Math.min(levels - 1, Math.floor(u * levels))] = 1;
      j += levels;
    }
    for (let c = 0; c < (shape.constant ?? 0); c++) data[o + j + c] = 0.375;
  }
  if (shape.scaled === true) zScore(data, shape.rows, cols);
  return createMatrix(shape.rows, cols, data);
}

function zScore(data: Float64Array, rows: number, cols: number): void {
  for (let j = 0; j < cols; j++) {
    let mean = 0;
    for (let i = 0; i < rows; i++) mean += data[i * cols + j];
    mean /= rows;
    let variance = 0;
    for (let i = 0; i < rows; i++) variance += (data[i * cols + j] - mean) ** 2;
    const sd = Math.sqrt(variance / rows) || 1;
    for (let i = 0; i < rows; i++) data[i * cols + j] = (data[i * cols + j] - mean) / sd;
  }
}

/** Per group, the mean of its rows (in row order), groups x cols. */
export function groupMeans(X: Matrix, group: Uint32Array, groups: number): Float64Array {
  const { rows, cols, data } = X;
  const means = new Float64Array(groups * cols);
  const counts = new Float64Array(groups);
  for (let i = 0; i < rows; i++) {
    counts[group[i]]++;
    for (let j = 0; j < cols; j++) means[group[i] * cols + j] += data[i * cols + j];
  }
  for (let g = 0; g < groups; g++) for (let j = 0; j < cols; j++) means[g * cols + j] /= Math.max(1, counts[g]);
  return means;
}

/** The largest |actual - expected| over entry (j, l), relative to sqrt(|expected_jj expected_ll|) (the entries' natural scale), with where it is. */
export function scaledGap(actual: Float64Array, expected: Float64Array, cols: number): { gap: number; at: string } {
  let gap = 0;
  let at = "";
  for (let j = 0; j < cols; j++) {
    for (let l = 0; l < cols; l++) {
      const scale = Math.sqrt(Math.abs(expected[j * cols + j] * expected[l * cols + l]));
      const difference = Math.abs(actual[j * cols + l] - expected[j * cols + l]);
      const relative = scale === 0 ? difference : difference / scale;
      if (relative > gap) {
        gap = relative;
        at = `(${j}, ${l}): ${actual[j * cols + l]} vs ${expected[j * cols + l]}`;
      }
    }
  }
  return { gap, at };
}
