import { float32Bits, float32Key, radixCounts, radixSort } from "./radixSort.js";
import { rowsPerCall } from "./rowBlocks.js";

/**
 * A copy of `values` in ascending order, as Float64Array.prototype.sort orders them (-0 before
 * +0; NaN, which callers exclude, last), by a least-significant-digit radix sort of their IEEE
 * bits (radixSort.ts, on each 32-bit half): linear in the values, where the built-in comparison
 * sort took 2.3 ms for 15,000 values.
 */
export function sortFloat64(values: Float64Array): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  out.set(values);
  if (n < 2) return out;
  // Little-endian words: [2i] the low half, [2i + 1] the high half with the sign.
  const words = new Uint32Array(out.buffer);
  const low = new Uint32Array(n);
  const high = new Uint32Array(n);
  const step = rowsPerCall(1);
  for (let from = 0; from < n; from += step) splitKeys(words, high, low, from, Math.min(n, from + step));
  // Least significant half first, then the most significant, each sort stable and carrying
  // the other half along.
  const keyBuffer = new Uint32Array(n);
  const otherBuffer = new Uint32Array(n);
  const counts = radixCounts();
  radixSort(low, high, keyBuffer, otherBuffer, counts);
  radixSort(high, low, keyBuffer, otherBuffer, counts);
  for (let from = 0; from < n; from += step) joinKeys(high, low, words, from, Math.min(n, from + step));
  return out;
}

/**
 * Values [from, to)'s two halves as unsigned keys in IEEE order. This pass and joinKeys's run a
 * block of values per call (rowBlocks.ts's CALL_STEPS): sortFloat64 runs once per column of a fit.
 */
function splitKeys(words: Uint32Array, high: Uint32Array, low: Uint32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const h = words[2 * i + 1];
    const l = words[2 * i];
    // IEEE order as unsigned order, as for a float32: the low half of a negative flipped too.
    high[i] = float32Key(h);
    low[i] = h & 0x80000000 ? ~l >>> 0 : l;
  }
}

/** splitKeys undone for [from, to): the sorted keys back into the values' words. */
function joinKeys(high: Uint32Array, low: Uint32Array, words: Uint32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const h = float32Bits(high[i]);
    words[2 * i + 1] = h;
    words[2 * i] = h & 0x80000000 ? ~low[i] >>> 0 : low[i];
  }
}
