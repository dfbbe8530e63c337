/**
 * order[i] = i for the first count entries: the rows in their own order, where a sort or a
 * partition starts. A function of its own that ends with its loop, shared by the trees' binning,
 * sorted columns, stumps and the histogram grower: V8 compiles a long loop met in a first call on
 * the stack, and code after such a loop in the caller, not yet run, threw that compilation away.
 */
export function fillRowOrder(order: Uint32Array, count: number): void {
  for (let i = 0; i < count; i++) order[i] = i;
}
