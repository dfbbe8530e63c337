import { rowsPerCall } from "./rowBlocks.js";

/**
 * Each group's rows (0..groups - 1 by `group`), ascending; null (every row) for a single group of
 * all rows when group is null. Both passes a few rows a call (rowBlocks.ts's CALL_STEPS).
 */
export function groupRows(group: Uint32Array | null, groups: number, rows: number): (Uint32Array | null)[] {
  if (group === null) return Array.from({ length: groups }, (_, g) => (g === 0 ? null : new Uint32Array(0)));
  const counts = new Uint32Array(groups);
  const step = rowsPerCall(1);
  for (let from = 0; from < rows; from += step) countGroups(group, groups, from, Math.min(rows, from + step), counts);
  const lists = Array.from(counts, (n) => new Uint32Array(n));
  const filled = new Uint32Array(groups);
  for (let from = 0; from < rows; from += step) listGroups(group, from, Math.min(rows, from + step), lists, filled);
  return lists;
}

function countGroups(group: Uint32Array, groups: number, from: number, to: number, counts: Uint32Array): void {
  for (let i = from; i < to; i++) {
    if (group[i] >= groups) throw new RangeError(`group ${group[i]} of ${groups} at row ${i}`);
    counts[group[i]]++;
  }
}

function listGroups(group: Uint32Array, from: number, to: number, lists: readonly Uint32Array[], filled: Uint32Array): void {
  for (let i = from; i < to; i++) lists[group[i]][filled[group[i]]++] = i;
}
