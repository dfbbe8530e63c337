import { nearBound } from "./featureBins.js";
import type { Float32Columns } from "./float32Columns.js";
import { rowsPerCall } from "../stats/rowBlocks.js";

/**
 * The features that take exactly two float32 values on the training rows, farther apart than
 * scikit-learn's FEATURE_THRESHOLD (one-hot columns, flags), coded one byte a row. On such a
 * feature the random splitter's split does not depend on the threshold it draws (every threshold
 * lies from the lower value up to the higher one, excluded), and the feature is constant on a
 * node exactly when the node holds one of the two values: one pass over a node's codes decides
 * both, where a value column takes a range pass and a threshold pass.
 */
export interface TwoValueCodes {
  /** 1 where feature j takes two values, else 0. */
  readonly twoValued: Uint8Array;
  /** The lower and higher value of each two-valued feature (as float32 values). */
  readonly low: Float64Array;
  readonly high: Float64Array;
  /** Column-major: 0 where row i of two-valued feature j holds the lower value, 1 the higher. */
  readonly codes: Uint8Array;
}

export function twoValueCodes(columns: Float32Columns): TwoValueCodes {
  const { rows, cols, values } = columns;
  const twoValued = new Uint8Array(cols);
  const low = new Float64Array(cols);
  const high = new Float64Array(cols);
  const codes = new Uint8Array(rows * cols);
  // Compared as bits, so that -0 and 0 are two values and never stand for each other.
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  // Each pass over a column's rows runs a block of rows per call (rowBlocks.ts's CALL_STEPS).
  for (let j = 0; j < cols; j++) {
    const base = j * rows;
    if (rows === 0) continue;
    const first = bits[base];
    const other = firstOther(bits, base, base + rows, first);
    if (other < 0) continue;
    const second = bits[other];
    if (hasThird(bits, other, base + rows, first, second)) continue;
    const a = values[base];
    // Every row not holding `first` holds `second`: the same bits, so the same value, as the last of them.
    const b = values[other];
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    if (!(hi > nearBound(lo))) continue;
    twoValued[j] = 1;
    low[j] = lo;
    high[j] = hi;
    codeHigh(values, base, base + rows, hi, codes);
  }
  return { twoValued, low, high, codes };
}

/** The first i in [from, to) whose bits are not `first`, or -1. */
function firstOther(bits: Uint32Array, from: number, to: number, first: number): number {
  let found = -1;
  for (let start = from, step = rowsPerCall(1); found < 0 && start < to; start += step) found = firstOtherIn(bits, start, Math.min(to, start + step), first);
  return found;
}

function firstOtherIn(bits: Uint32Array, from: number, to: number, first: number): number {
  for (let i = from; i < to; i++) if (bits[i] !== first) return i;
  return -1;
}

/** Whether bits[from, to) holds a third pattern besides `first` and `second`. */
function hasThird(bits: Uint32Array, from: number, to: number, first: number, second: number): boolean {
  let found = false;
  for (let start = from, step = rowsPerCall(1); !found && start < to; start += step) found = hasThirdIn(bits, start, Math.min(to, start + step), first, second);
  return found;
}

function hasThirdIn(bits: Uint32Array, from: number, to: number, first: number, second: number): boolean {
  for (let i = from; i < to; i++) {
    const b = bits[i];
    if (b !== first && b !== second) return true;
  }
  return false;
}

/** Codes 1 where values[from, to) holds `hi`, else 0. */
function codeHigh(values: Float32Array, from: number, to: number, hi: number, codes: Uint8Array): void {
  for (let start = from, step = rowsPerCall(1); start < to; start += step) codeHighIn(values, start, Math.min(to, start + step), hi, codes);
}

function codeHighIn(values: Float32Array, from: number, to: number, hi: number, codes: Uint8Array): void {
  for (let i = from; i < to; i++) codes[i] = +(values[i] === hi);
}
