import type { Matrix } from "../stats/matrix.js";
import type { RareColumns } from "../stats/rareColumns.js";
import { offerNeighbour } from "./nearerFirst.js";
import { patternTrie } from "./patternTrie.js";

/**
 * The plain scan's neighbours (scannedNeighbours), bit for bit, on tables of mostly two-valued
 * columns (one-hot blocks after z-scoring), computing few distances. A query's squared distance
 * to a training row is its numeric columns' part plus, per binary column j, a_j = (q_j - base_j)^2
 * where the row holds the common value or b_j = (q_j - rare_j)^2 where it holds the rarer one.
 * The rows sit in a trie of their binary patterns (patternTrie.ts); a node's prefix fixes the
 * terms of every binary column up to its own, and min(a_j, b_j) bounds each later one, so
 *   LB(node) = sum of min(a_j, b_j) + sum over columns up to the node's of (a_j - min) + sum over the prefix of (b_j - a_j)
 * is a lower bound on the distance of every row under it, computed per query in O(1) per node.
 * Nodes are expanded best first (smallest bound first) until the smallest bound left exceeds
 * the worst of the k best kept; each row of an expanded node is first bounded by its
 * O(numeric) approximate distance, then summed exactly as the scan sums it.
 *
 * Rows are met out of index order, so the k best are kept by (distance, index), which is the
 * scan's order too (its ties go to the lower index); every bound is loosened for rounding
 * (eps times the magnitude of the terms, shrink for the exact sum's own error, tiny for
 * underflow) and a row or node is dropped only when its bound is strictly above the worst kept,
 * so neither ties nor rounding change which rows are neighbours. A query holding a value that is
 * not finite is scanned plainly.
 */
export function binaryNeighbours(train: Matrix, split: RareColumns, query: Matrix, k: number): Int32Array {
  const trie = patternTrie(split);
  const { cols, data: trainData } = train;
  const { column: columnAt, rowValues, base, rare } = split;
  const { column, firstChild, childCount, rowFrom, rowTo, order } = trie;
  const unit = 2 ** -53;
  const eps = 8 * (cols + 16) * unit;
  const shrink = 1 - eps;
  const tiny = 8 * (cols + 16) * Number.MIN_VALUE;
  // Per binary position, for the current query: b_j - a_j.
  const delta = new Float64Array(cols);
  // Per position: the sum of (a_j - min(a_j, b_j)) over binary positions up to this one.
  const prefix = new Float64Array(cols);
  const queryNumeric = new Float64Array(split.numericCount);
  const heapKey = new Float64Array(trie.nodes);
  const heapNode = new Int32Array(trie.nodes);
  const heapSum = new Float64Array(trie.nodes);
  const bestDistance = new Float64Array(k);
  const bestIndex = new Int32Array(k);
  const out = new Int32Array(query.rows * k);
  for (let q = 0; q < query.rows; q++) {
    const row = query.data.subarray(q * cols, (q + 1) * cols);
    if (row.every(Number.isFinite)) {
      trieSearch(row, trainData, columnAt, rowValues, base, rare, column, firstChild, childCount, rowFrom, rowTo, order, eps, shrink, tiny, delta, prefix, queryNumeric, heapKey, heapNode, heapSum, bestDistance, bestIndex);
    } else {
      plainScan(row, trainData, train.rows, bestDistance, bestIndex);
    }
    out.set(bestIndex, q * k);
  }
  return out;
}

/**
 * One query's k nearest (bestDistance and bestIndex, k long), q its values (cols long, as each
 * training row in trainData); queryNumeric (the split's numeric count long), delta, prefix and the
 * heap's arrays are scratch. It takes the arrays themselves, not an object holding them: the
 * hidden class of an object made anew each prediction was generalised in a child's second and
 * third folds, and the search's compiled code, which relied on its earlier form, was thrown away
 * and compiled again (7-8 ms a fold on a census-shaped table).
 */
function trieSearch(
  q: Float64Array,
  trainData: Float64Array,
  columnAt: Int32Array,
  rowValues: Float64Array,
  base: Float64Array,
  rare: Float64Array,
  column: Int32Array,
  firstChild: Int32Array,
  childCount: Int32Array,
  rowFrom: Int32Array,
  rowTo: Int32Array,
  order: Int32Array,
  eps: number,
  shrink: number,
  tiny: number,
  delta: Float64Array,
  prefix: Float64Array,
  queryNumeric: Float64Array,
  heapKey: Float64Array,
  heapNode: Int32Array,
  heapSum: Float64Array,
  bestDistance: Float64Array,
  bestIndex: Int32Array,
): void {
  const cols = q.length;
  const nNumeric = queryNumeric.length;
  const k = bestDistance.length;
  const stride = 1 + nNumeric;
  let least = 0;
  let excess = 0;
  let magnitude = 0;
  for (let at = nNumeric; at < cols; at++) {
    const x = q[columnAt[at]];
    const a = (x - base[at]) ** 2;
    const b = (x - rare[at]) ** 2;
    const m = a < b ? a : b;
    least += m;
    excess += a - m;
    magnitude += a + b;
    delta[at] = b - a;
    prefix[at] = excess;
  }
  for (let m = 0; m < nNumeric; m++) queryNumeric[m] = q[columnAt[m]];
  // Every row's own binary part: all columns after its last rare one hold their common value.
  const whole = least + excess;
  const slack = eps * magnitude;
  bestDistance.fill(Infinity);
  bestIndex.fill(-1);
  let worst = Infinity;
  let size = 1;
  heapKey[0] = least;
  heapNode[0] = 0;
  heapSum[0] = 0;
  while (size > 0) {
    const node = heapNode[0];
    const sum = heapSum[0];
    if ((heapKey[0] - slack) * shrink - tiny > worst) break;
    // Pop: move the last entry to the root and sift it down.
    size--;
    if (size > 0) siftDown(heapKey, heapNode, heapSum, size, heapKey[size], heapNode[size], heapSum[size]);
    const binaryPart = whole + sum;
    for (let r = rowFrom[node]; r < rowTo[node]; r++) {
      const i = order[r];
      const s0 = i * stride + 1;
      let numericPart = 0;
      for (let m = 0; m < nNumeric; m++) {
        const x = queryNumeric[m] - rowValues[s0 + m];
        numericPart += x * x;
      }
      if ((numericPart + binaryPart - eps * numericPart - slack) * shrink - tiny > worst) continue;
      const io = i * cols;
      let d = 0;
      for (let j = 0; j < cols; j++) {
        const y = q[j] - trainData[io + j];
        d += y * y;
      }
      if (d > worst) continue;
      offerNeighbour(bestDistance, bestIndex, d, i);
      worst = bestDistance[k - 1];
    }
    const first = firstChild[node];
    for (let c = first; c < first + childCount[node]; c++) {
      const j = column[c];
      const childSum = sum + delta[j];
      const bound = least + prefix[j] + childSum;
      if ((bound - slack) * shrink - tiny > worst) continue;
      siftUp(heapKey, heapNode, heapSum, size++, bound, c, childSum);
    }
  }
}

function siftUp(key: Float64Array, node: Int32Array, sum: Float64Array, at: number, k: number, n: number, s: number): void {
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (key[parent] <= k) break;
    key[at] = key[parent];
    node[at] = node[parent];
    sum[at] = sum[parent];
    at = parent;
  }
  key[at] = k;
  node[at] = n;
  sum[at] = s;
}

/** Places (k, n, s) in a heap of `size` entries whose root slot is free. */
function siftDown(key: Float64Array, node: Int32Array, sum: Float64Array, size: number, k: number, n: number, s: number): void {
  let at = 0;
  for (;;) {
    let child = 2 * at + 1;
    if (child >= size) break;
    if (child + 1 < size && key[child + 1] < key[child]) child++;
    if (key[child] >= k) break;
    key[at] = key[child];
    node[at] = node[child];
    sum[at] = sum[child];
    at = child;
  }
  key[at] = k;
  node[at] = n;
  sum[at] = s;
}

/** The scan itself, for a query the bounds cannot serve (a value that is not finite). */
function plainScan(q: Float64Array, data: Float64Array, rows: number, bestDistance: Float64Array, bestIndex: Int32Array): void {
  const cols = q.length;
  const k = bestDistance.length;
  bestDistance.fill(Infinity);
  bestIndex.fill(-1);
  for (let i = 0; i < rows; i++) {
    let d = 0;
    for (let j = 0; j < cols; j++) {
      const y = q[j] - data[i * cols + j];
      d += y * y;
    }
    if (d >= bestDistance[k - 1]) continue;
    let s = k - 1;
    while (s > 0 && bestDistance[s - 1] > d) {
      bestDistance[s] = bestDistance[s - 1];
      bestIndex[s] = bestIndex[s - 1];
      s--;
    }
    bestDistance[s] = d;
    bestIndex[s] = i;
  }
}
