import { rowsPerCall } from "./rowBlocks.js";

const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;
const DIGITS = 3;

/**
 * A float32's bits as an unsigned key whose order is the numeric order (and the typed arrays'
 * sort order: -0 before 0): every bit of a negative flipped, only the sign bit of the rest.
 */
export function float32Key(bits: number): number {
  return bits & 0x80000000 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0;
}

/** The float32 bits behind a float32Key. */
export function float32Bits(key: number): number {
  return key & 0x80000000 ? (key ^ 0x80000000) >>> 0 : ~key >>> 0;
}

/** The radix sort's bucket counts, for callers that sort many columns and keep one array. */
export function radixCounts(): Uint32Array {
  return new Uint32Array(DIGITS * BUCKETS);
}

/**
 * Stable least-significant-digit radix sort of 32-bit keys (three 11-bit digits), carrying row
 * indices along; linear in the rows, where a comparison sort would compare n log n times. Both
 * arrays end sorted in place; the buffers are scratch of the same length. The three digits are
 * counted in one pass, and a digit every key shares is not moved (one-hot columns differ in their
 * top digit only).
 */
export function radixSort(keys: Uint32Array, rows: Uint32Array, keyBuffer: Uint32Array, rowBuffer: Uint32Array, counts: Uint32Array = radixCounts()): void {
  const n = keys.length;
  if (n === 0) return;
  counts.fill(0);
  // The passes over the keys run a block of keys per call (rowBlocks.ts's CALL_STEPS); a digit's
  // buckets, 2,048, are one call's work.
  const step = rowsPerCall(1);
  for (let from = 0; from < n; from += step) countDigits(keys, from, Math.min(n, from + step), counts);
  let fromKeys = keys;
  let fromRows = rows;
  let toKeys = keyBuffer;
  let toRows = rowBuffer;
  for (let digit = 0; digit < DIGITS; digit++) {
    const shift = digit * DIGIT_BITS;
    const base = digit * BUCKETS;
    if (counts[base + ((fromKeys[0] >>> shift) & (BUCKETS - 1))] === n) continue;
    bucketStarts(counts, base);
    for (let from = 0; from < n; from += step) scatterDigit(fromKeys, fromRows, toKeys, toRows, counts, base, shift, from, Math.min(n, from + step));
    [fromKeys, toKeys] = [toKeys, fromKeys];
    [fromRows, toRows] = [toRows, fromRows];
  }
  // An odd number of passes leaves the result in the buffers; copy it back.
  if (fromKeys !== keys) {
    keys.set(fromKeys);
    rows.set(fromRows);
  }
}

/** Each digit's bucket counts of keys[from, to), all three in one pass. */
function countDigits(keys: Uint32Array, from: number, to: number, counts: Uint32Array): void {
  for (let i = from; i < to; i++) {
    const key = keys[i];
    counts[key & (BUCKETS - 1)]++;
    counts[BUCKETS + ((key >>> DIGIT_BITS) & (BUCKETS - 1))]++;
    counts[2 * BUCKETS + (key >>> (2 * DIGIT_BITS))]++;
  }
}

/** A digit's bucket counts at counts[base, base + BUCKETS) turned into each bucket's first slot. */
function bucketStarts(counts: Uint32Array, base: number): void {
  let total = 0;
  for (let b = base; b < base + BUCKETS; b++) {
    const c = counts[b];
    counts[b] = total;
    total += c;
  }
}

/** Moves keys [from, to) and their rows, each to its bucket's next slot for the digit at `shift`. */
function scatterDigit(fromKeys: Uint32Array, fromRows: Uint32Array, toKeys: Uint32Array, toRows: Uint32Array, counts: Uint32Array, base: number, shift: number, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const key = fromKeys[i];
    const slot = counts[base + ((key >>> shift) & (BUCKETS - 1))]++;
    toKeys[slot] = key;
    toRows[slot] = fromRows[i];
  }
}
