/**
 * The power of 2 nearest `value` on a log scale (2^round(log2 value)), exponent within +-1000, or
 * 1 for 0, a negative or a non-finite value. Multiplying by it is exact, so a matrix scaled by
 * such factors (to bring columns of different units near 1 before a rank decision) holds the same
 * bits as its columns scaled one by one, and scaling back loses nothing.
 */
export function powerOfTwoNear(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  return 2 ** Math.min(1000, Math.max(-1000, Math.round(Math.log2(value))));
}
