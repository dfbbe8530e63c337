import type { Rng } from "../stats/rng.js";
import { MAX_BINS, type FeatureBins } from "./featureBins.js";

/** A grown tree in flat typed arrays; feature -1 marks a leaf. */
export interface FlatTree {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Class fractions of each node, [node * nClasses + c]; read at leaves. */
  readonly value: Float64Array;
  readonly nClasses: number;
}

export interface GrowOptions {
  /** Features drawn per node (scikit-learn's max_features): all for a tree, sqrt for a forest. */
  readonly maxFeatures: number;
  readonly rng: Rng;
}

/**
 * Grows one unpruned gini tree (scikit-learn's defaults: best split, min_samples_split 2,
 * min_samples_leaf 1, no depth limit) on binned features with per-row weights (bootstrap counts;
 * rows of weight 0 are left out). Each node draws features in a random order until it has seen
 * maxFeatures that are not constant in the node, as scikit-learn's splitter does, and keeps the
 * first split with the strictly best gini proxy. A split's threshold is the midpoint between the
 * largest value left and the smallest value right, scikit-learn's threshold on exact bins.
 */
export function growTree(bins: FeatureBins, y: Uint32Array, weight: Float64Array, nClasses: number, options: GrowOptions): FlatTree {
  const { rows, cols, codes, binMin, binMax } = bins;
  const K = nClasses;
  let size = 0;
  for (let i = 0; i < rows; i++) if (weight[i] > 0) size++;
  const index = new Uint32Array(size);
  for (let i = 0, p = 0; i < rows; i++) if (weight[i] > 0) index[p++] = i;

  // A binary tree over `size` samples has at most 2 * size - 1 nodes.
  const capacity = Math.max(1, 2 * size - 1);
  const feature = new Int32Array(capacity).fill(-1);
  const threshold = new Float64Array(capacity);
  const left = new Int32Array(capacity).fill(-1);
  const right = new Int32Array(capacity).fill(-1);
  const value = new Float64Array(capacity * K);
  let nodeCount = 1;

  const hist = new Float64Array(MAX_BINS * K);
  const binSamples = new Uint32Array(MAX_BINS);
  const touched = new Uint16Array(MAX_BINS);
  const leftW = new Float64Array(K);
  const nodeW = new Float64Array(K);
  const order = Int32Array.from({ length: cols }, (_, j) => j);

  // Stack of (node, start, end) over index.
  const stack: number[] = [0, 0, size];
  while (stack.length > 0) {
    const end = stack.pop() as number;
    const start = stack.pop() as number;
    const node = stack.pop() as number;
    nodeW.fill(0);
    let total = 0;
    for (let p = start; p < end; p++) {
      const i = index[p];
      nodeW[y[i]] += weight[i];
      total += weight[i];
    }
    let classesHere = 0;
    for (let c = 0; c < K; c++) {
      value[node * K + c] = nodeW[c] / total;
      if (nodeW[c] > 0) classesHere++;
    }
    if (classesHere < 2 || end - start < 2) continue;

    // Proxy of the impurity decrease: sum_c L_c^2 / W_L + sum_c R_c^2 / W_R (the parent's term is
    // constant). Like scikit-learn, the best split is taken even when it does not lower the impurity.
    let bestProxy = -Infinity;
    let bestFeature = -1;
    let bestBin = -1;
    let bestThreshold = 0;

    // scikit-learn's draw: constant features count towards maxFeatures, unless every feature
    // drawn so far was constant.
    let drawn = 0;
    let nonConstant = 0;
    let drawable = cols;
    while (drawable > 0 && (drawn < options.maxFeatures || nonConstant === 0)) {
      drawn++;
      const pick = options.rng.int(drawable);
      const j = order[pick];
      order[pick] = order[drawable - 1];
      order[drawable - 1] = j;
      drawable--;

      const column = j * rows;
      let touchedCount = 0;
      for (let p = start; p < end; p++) {
        const i = index[p];
        const b = codes[column + i];
        if (binSamples[b] === 0) touched[touchedCount++] = b;
        binSamples[b]++;
        hist[b * K + y[i]] += weight[i];
      }
      if (touchedCount > 1) {
        nonConstant++;
        const used = touched.subarray(0, touchedCount).sort();
        leftW.fill(0);
        let leftTotal = 0;
        const base = j * MAX_BINS;
        for (let u = 0; u + 1 < touchedCount; u++) {
          const b = used[u];
          for (let c = 0; c < K; c++) {
            const h = hist[b * K + c];
            if (h === 0) continue;
            leftTotal += h;
            leftW[c] += h;
          }
          let leftSq = 0;
          let rightSq = 0;
          for (let c = 0; c < K; c++) {
            leftSq += leftW[c] * leftW[c];
            const r = nodeW[c] - leftW[c];
            rightSq += r * r;
          }
          const proxy = leftSq / leftTotal + rightSq / (total - leftTotal);
          if (proxy > bestProxy) {
            bestProxy = proxy;
            bestFeature = j;
            bestBin = b;
            const lo = binMax[base + b];
            const hi = binMin[base + used[u + 1]];
            let t = lo / 2 + hi / 2;
            if (t === hi || !Number.isFinite(t)) t = lo;
            bestThreshold = t;
          }
        }
      }
      for (let u = 0; u < touchedCount; u++) {
        const b = touched[u];
        binSamples[b] = 0;
        hist.fill(0, b * K, b * K + K);
      }
    }
    if (bestFeature < 0) continue;

    // Partition index[start, end) so rows with code <= bestBin come first.
    const column = bestFeature * rows;
    let lo = start;
    let hi = end - 1;
    while (lo <= hi) {
      if (codes[column + index[lo]] <= bestBin) lo++;
      else {
        const t = index[lo];
        index[lo] = index[hi];
        index[hi] = t;
        hi--;
      }
    }
    const l = nodeCount++;
    const r = nodeCount++;
    feature[node] = bestFeature;
    threshold[node] = bestThreshold;
    left[node] = l;
    right[node] = r;
    stack.push(r, lo, end, l, start, lo);
  }
  return {
    feature: feature.slice(0, nodeCount),
    threshold: threshold.slice(0, nodeCount),
    left: left.slice(0, nodeCount),
    right: right.slice(0, nodeCount),
    value: value.slice(0, nodeCount * K),
    nClasses: K,
  };
}

/** Adds each row's leaf class fractions, times `scale`, into out (rows x nClasses). */
export function accumulateLeafValues(tree: FlatTree, data: Float64Array, rows: number, cols: number, out: Float64Array, scale: number): void {
  const K = tree.nClasses;
  for (let i = 0; i < rows; i++) {
    let node = 0;
    while (tree.feature[node] >= 0) {
      node = data[i * cols + tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
    }
    for (let c = 0; c < K; c++) out[i * K + c] += scale * tree.value[node * K + c];
  }
}
