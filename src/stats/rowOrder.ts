import { rowsPerCall } from "./rowBlocks.js";

/**
 * order[i] = i for the first count entries: the rows in their own order, where a sort or a
 * partition starts. Shared by the trees' binning, sorted columns, stumps and the histogram grower.
 * A block of rows per call (rowBlocks.ts's CALL_STEPS).
 */
export function fillRowOrder(order: Uint32Array, count: number): void {
  for (let from = 0, step = rowsPerCall(1); from < count; from += step) fillOrderRange(order, from, Math.min(count, from + step));
}

function fillOrderRange(order: Uint32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) order[i] = i;
}
