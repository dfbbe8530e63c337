import type { Matrix } from "../stats/matrix.js";

/**
 * One regression tree of a boosted ensemble, in flat typed arrays: node 0 is the root, feature -1
 * marks a leaf, and a row goes left when its value is at most the node's threshold. Every node
 * carries one value; only the leaves' are read.
 */
export interface BoostedTree {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
}

/**
 * Adds scale times each row's leaf value to out[row * stride + column]. With `float32`, values are
 * rounded to float32 before each comparison, as scikit-learn's GradientBoosting* trees cast X;
 * without, they are compared as doubles, as HistGradientBoosting* predictors compare raw X.
 */
export function addTreeValues(tree: BoostedTree, X: Matrix, out: Float64Array, stride: number, column: number, scale: number, float32: boolean): void {
  const { rows, cols, data } = X;
  const { feature, threshold, left, right, value } = tree;
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    let node = 0;
    if (float32) {
      for (let f = feature[0]; f >= 0; f = feature[node]) node = Math.fround(data[base + f]) <= threshold[node] ? left[node] : right[node];
    } else {
      for (let f = feature[0]; f >= 0; f = feature[node]) node = data[base + f] <= threshold[node] ? left[node] : right[node];
    }
    out[i * stride + column] += scale * value[node];
  }
}

/** Growable node arrays for a tree being built; `finish` trims them to a BoostedTree. */
export class BoostedTreeBuilder {
  count = 0;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;

  constructor(capacity: number) {
    this.feature = new Int32Array(capacity);
    this.threshold = new Float64Array(capacity);
    this.left = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.value = new Float64Array(capacity);
  }

  /** A new leaf holding `value`; returns its index. */
  addLeaf(value: number): number {
    if (this.count === this.feature.length) this.grow();
    const node = this.count++;
    this.feature[node] = -1;
    this.threshold[node] = 0;
    this.left[node] = -1;
    this.right[node] = -1;
    this.value[node] = value;
    return node;
  }

  /** Turns a leaf into a split whose children are `left` and `right`. */
  setSplit(node: number, feature: number, threshold: number, left: number, right: number): void {
    this.feature[node] = feature;
    this.threshold[node] = threshold;
    this.left[node] = left;
    this.right[node] = right;
  }

  finish(): BoostedTree {
    const n = this.count;
    return {
      feature: this.feature.slice(0, n),
      threshold: this.threshold.slice(0, n),
      left: this.left.slice(0, n),
      right: this.right.slice(0, n),
      value: this.value.slice(0, n),
    };
  }

  private grow(): void {
    const capacity = 2 * this.feature.length + 1;
    this.feature = grownInt32(this.feature, capacity);
    this.threshold = grownFloat64(this.threshold, capacity);
    this.left = grownInt32(this.left, capacity);
    this.right = grownInt32(this.right, capacity);
    this.value = grownFloat64(this.value, capacity);
  }
}

function grownInt32(values: Int32Array, capacity: number): Int32Array {
  const next = new Int32Array(capacity);
  next.set(values);
  return next;
}

function grownFloat64(values: Float64Array, capacity: number): Float64Array {
  const next = new Float64Array(capacity);
  next.set(values);
  return next;
}
