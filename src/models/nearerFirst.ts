/**
 * Offers training row i, at squared distance d, to a query's k best so far (bestDistance and
 * bestIndex, sorted by distance, equal distances by index, unfilled places at Infinity and -1):
 * it takes its place if it comes before the last of them in that order. Rows may be offered in
 * any order; the k best are then the plain scan's, which meets rows in index order.
 */
export function offerNeighbour(bestDistance: Float64Array, bestIndex: Int32Array, d: number, i: number): void {
  const last = bestDistance.length - 1;
  if (d > bestDistance[last] || (d === bestDistance[last] && i > bestIndex[last])) return;
  let s = last;
  while (s > 0 && (bestDistance[s - 1] > d || (bestDistance[s - 1] === d && bestIndex[s - 1] > i))) {
    bestDistance[s] = bestDistance[s - 1];
    bestIndex[s] = bestIndex[s - 1];
    s--;
  }
  bestDistance[s] = d;
  bestIndex[s] = i;
}
