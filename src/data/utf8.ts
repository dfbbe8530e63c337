/**
 * Where UTF-8 goes wrong. TextDecoder({ fatal: true }) only says that a chunk holds invalid bytes;
 * to name the line we find the first bad byte ourselves, in that one chunk, by the Unicode
 * standard's table of well-formed byte sequences (Table 3-7), the one TextDecoder applies.
 */

/** Bytes a sequence starting with `lead` has, or 0 when `lead` cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead < 0xc2) return 0;
  if (lead < 0xe0) return 2;
  if (lead < 0xf0) return 3;
  if (lead < 0xf5) return 4;
  return 0;
}

/** The range the byte after `lead` must fall in (overlongs, surrogates and > U+10FFFF excluded). */
function secondByteRange(lead: number): readonly [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/**
 * Offset of the first byte that starts an ill-formed sequence (a stray continuation byte, an
 * impossible lead, a lead whose continuation is wrong), or -1 when there is none. A sequence cut
 * off by the end of `bytes` is not ill-formed here: the next chunk may complete it.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(lead);
    if (length === 0) return i;
    const [low, high] = secondByteRange(lead);
    for (let k = 1; k < length; k++) {
      if (i + k >= n) return -1;
      const byte = bytes[i + k];
      if (k === 1 ? byte < low || byte > high : byte < 0x80 || byte > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}

/**
 * The bytes at the end of `bytes` that begin a sequence not yet complete (at most 3), which the
 * decoder holds back until the next chunk; empty when the chunk ends on a whole character.
 */
export function incompleteTail(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const byte = bytes[n - back];
    if (byte < 0x80) break;
    if (byte >= 0xc0) return sequenceLength(byte) > back ? bytes.subarray(n - back) : bytes.subarray(n);
  }
  return bytes.subarray(n);
}
