import { float32Bits, float32Key, radixCounts, radixSort } from "./radixSort.js";

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
  splitKeys(words, high, low);
  // Least significant half first, then the most significant, each sort stable and carrying
  // the other half along.
  const keyBuffer = new Uint32Array(n);
  const otherBuffer = new Uint32Array(n);
  const counts = radixCounts();
  radixSort(low, high, keyBuffer, otherBuffer, counts);
  radixSort(high, low, keyBuffer, otherBuffer, counts);
  joinKeys(high, low, words);
  return out;
}

/**
 * Each value's two halves as unsigned keys in IEEE order. This loop and joinKeys's are functions
 * of their own, each ending with its loop: V8 compiles a long loop met in a first call on the
 * stack (on-stack replacement) and throws the compiled code away where it reaches code after the
 * loop that has not run yet; sortFloat64's OSR code was thrown away again at every later call.
 */
function splitKeys(words: Uint32Array, high: Uint32Array, low: Uint32Array): void {
  for (let i = 0; i < high.length; i++) {
    const h = words[2 * i + 1];
    const l = words[2 * i];
    // IEEE order as unsigned order, as for a float32: the low half of a negative flipped too.
    high[i] = float32Key(h);
    low[i] = h & 0x80000000 ? ~l >>> 0 : l;
  }
}

/** splitKeys undone: the sorted keys back into the values' words. */
function joinKeys(high: Uint32Array, low: Uint32Array, words: Uint32Array): void {
  for (let i = 0; i < high.length; i++) {
    const h = float32Bits(high[i]);
    words[2 * i + 1] = h;
    words[2 * i] = h & 0x80000000 ? ~low[i] >>> 0 : low[i];
  }
}
