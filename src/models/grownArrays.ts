/** A copy of `values` in a longer array (the tree builders' node arrays double as they fill). */
export function grownInt32(values: Int32Array, capacity: number): Int32Array {
  const next = new Int32Array(capacity);
  next.set(values);
  return next;
}

export function grownFloat64(values: Float64Array, capacity: number): Float64Array {
  const next = new Float64Array(capacity);
  next.set(values);
  return next;
}
