import type { Matrix } from "../stats/matrix.js";
import { grownFloat64, grownInt32 } from "./grownArrays.js";
import { rowsPerCall } from "../stats/rowBlocks.js";
import { holdShape } from "./heldShapes.js";

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
 * The trees of a boosted model packed end to end, node indices absolute: a node's children are
 * children[2 node] (left) and children[2 node + 1] (right), so a step down is one indexed load.
 */
export interface PackedForest {
  readonly trees: number;
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly children: Int32Array;
  readonly value: Float64Array;
}

export function packForest(trees: readonly BoostedTree[]): PackedForest {
  const total = trees.reduce((sum, tree) => sum + tree.feature.length, 0);
  const forest = {
    trees: trees.length,
    roots: new Int32Array(trees.length),
    feature: new Int32Array(total),
    threshold: new Float64Array(total),
    children: new Int32Array(2 * total),
    value: new Float64Array(total),
  };
  let offset = 0;
  trees.forEach((tree, t) => {
    forest.roots[t] = offset;
    forest.feature.set(tree.feature, offset);
    forest.threshold.set(tree.threshold, offset);
    forest.value.set(tree.value, offset);
    for (let node = 0; node < tree.feature.length; node++) {
      forest.children[2 * (offset + node)] = tree.left[node] + offset;
      forest.children[2 * (offset + node) + 1] = tree.right[node] + offset;
    }
    offset += tree.feature.length;
  });
  return forest;
}

/**
 * Adds scale times each tree's leaf value for each row of X into out (rows x outputs): tree t
 * into column t % outputs, trees in order, as scikit-learn adds them stage by stage. A row goes
 * left when its value is at most the threshold (X is finite: the estimators check it). With
 * `float32`, values are rounded to float32 first, as scikit-learn's GradientBoosting* trees cast
 * X; without, they are compared as doubles, as the predictors of HistGradientBoosting* compare
 * raw X.
 *
 * Rows go down each tree four at a time: the four walks do not depend on each other, so the
 * processor overlaps their loads and mispredicted turns instead of waiting on each in turn
 * (measured about 1.5x faster than one row at a time).
 */
export function addForestValues(forest: PackedForest, X: Matrix, out: Float64Array, outputs: number, scale: number, float32: boolean): void {
  const data = float32 ? X.data.map(Math.fround) : X.data;
  for (let t = 0; t < forest.trees; t++) addTreeValues(forest, forest.roots[t], data, X.rows, X.cols, out, outputs, t % outputs, scale);
}

/** One tree's part of addForestValues: a function of its own, called once per tree, so that it is optimised early. */
function addTreeValues(forest: PackedForest, root: number, data: Float64Array, rows: number, cols: number, out: Float64Array, outputs: number, column: number, scale: number): void {
  const { feature, threshold, children, value } = forest;
  // Once per tree of a prediction: the rows four at a time, a block of rows per call
  // (rowBlocks.ts's CALL_STEPS), a multiple of four.
  const step = Math.max(4, rowsPerCall(WALK_STEPS) & ~3);
  const whole = rows - (rows % 4);
  for (let from = 0; from < whole; from += step) addFourRowsAtATime(feature, threshold, children, value, root, data, from, Math.min(whole, from + step), cols, out, outputs, column, scale);
  for (let i = whole; i < rows; i++) {
    const base = i * cols;
    let node = root;
    for (let f = feature[node]; f >= 0; f = feature[node]) node = children[2 * node + (data[base + f] > threshold[node] ? 1 : 0)];
    out[i * outputs + column] += scale * value[node];
  }
}

/** Steps a row takes down a boosted tree, about, for rowsPerCall. */
const WALK_STEPS = 8;

/** addTreeValues for rows [from, to), four at a time (to - from a multiple of four). */
function addFourRowsAtATime(
  feature: Int32Array,
  threshold: Float64Array,
  children: Int32Array,
  value: Float64Array,
  root: number,
  data: Float64Array,
  from: number,
  to: number,
  cols: number,
  out: Float64Array,
  outputs: number,
  column: number,
  scale: number,
): void {
  for (let i = from; i < to; i += 4) {
    let a = root;
    let b = root;
    let c = root;
    let d = root;
    const ba = i * cols;
    const bb = ba + cols;
    const bc = bb + cols;
    const bd = bc + cols;
    let fa = feature[root];
    let fb = fa;
    let fc = fa;
    let fd = fa;
    while (fa >= 0 || fb >= 0 || fc >= 0 || fd >= 0) {
      if (fa >= 0) {
        a = children[2 * a + (data[ba + fa] > threshold[a] ? 1 : 0)];
        fa = feature[a];
      }
      if (fb >= 0) {
        b = children[2 * b + (data[bb + fb] > threshold[b] ? 1 : 0)];
        fb = feature[b];
      }
      if (fc >= 0) {
        c = children[2 * c + (data[bc + fc] > threshold[c] ? 1 : 0)];
        fc = feature[c];
      }
      if (fd >= 0) {
        d = children[2 * d + (data[bd + fd] > threshold[d] ? 1 : 0)];
        fd = feature[d];
      }
    }
    out[i * outputs + column] += scale * value[a];
    out[(i + 1) * outputs + column] += scale * value[b];
    out[(i + 2) * outputs + column] += scale * value[c];
    out[(i + 3) * outputs + column] += scale * value[d];
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
    holdShape(this);
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

/** Each of the n rows of raw (row-major, initial.length scores a row) set to initial, a block of rows per call (rowBlocks.ts's CALL_STEPS). */
export function fillRawScores(raw: Float64Array, initial: Float64Array, n: number): void {
  for (let from = 0, step = rowsPerCall(initial.length); from < n; from += step) fillRawRange(raw, initial, from, Math.min(n, from + step));
}

function fillRawRange(raw: Float64Array, initial: Float64Array, from: number, to: number): void {
  for (let i = from; i < to; i++) raw.set(initial, i * initial.length);
}
