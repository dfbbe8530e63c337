import { BoostedTreeBuilder, type BoostedTree } from "./boostedTree.js";
import { nearBound } from "./featureBins.js";
import { shuffleInPlace, type Rng } from "../stats/rng.js";
import { sortColumns, type SortedColumns } from "./sortedColumns.js";
import { firstRow, type Matrix } from "../stats/matrix.js";
import { rowsPerCall } from "../stats/rowBlocks.js";
import { holdShape } from "./heldShapes.js";

/** scikit-learn's EPSILON for "this node is pure": DBL_EPSILON. */
const PURE = Number.EPSILON;

/**
 * Grows the regression trees of gradient boosting as scikit-learn 1.2's GradientBoosting* do:
 * DecisionTreeRegressor(criterion="friedman_mse", max_depth=3) with every other option at its
 * default (best split, min_samples_split 2, min_samples_leaf 1, all features, unit weights) on
 * float32 features. A node is a leaf at the depth limit, with one row, when its impurity (the
 * variance of its targets) is at most DBL_EPSILON, or when every feature is constant on it. A
 * split's score is Friedman's improvement proxy, (W_R S_L - W_L S_R)^2 / (W_L W_R), over the same
 * candidate thresholds as scikit-learn's (between neighbouring values more than 1e-7 apart, at
 * their midpoint), so the splits and thresholds are scikit-learn's exactly.
 *
 * Among equally good splits scikit-learn keeps the first in a random feature order drawn per
 * node from random_state, and so does this grower, from its own seeded generator (the lower
 * threshold within a feature). Exact ties are common where nodes are small (two rows, one
 * outlier cut off, one-hot columns): breaking them always towards the lowest column index made
 * the grid depend on the order of the columns and sit at one end of scikit-learn's spread.
 *
 * Each depth is grown in one pass per feature over the presorted rows, every node of the depth at
 * once, so a tree costs depth x features x rows steps instead of scikit-learn's sort per node.
 * The buffers are allocated once per fit and reused by every tree.
 */
export class FriedmanTreeGrower {
  /** The leaf each training row fell in, by the last grow(); overwritten by the next. */
  readonly leafOfRow: Int32Array;
  /** The slot (index among the nodes of the depth being split) of each row, or -1 once in a leaf. */
  private readonly slotOfRow: Int32Array;
  private readonly maxNodes: number;
  private readonly count: Float64Array;
  private readonly sum: Float64Array;
  private readonly squares: Float64Array;
  private readonly leftCount: Float64Array;
  private readonly leftSum: Float64Array;
  private readonly lastValue: Float64Array;
  private readonly bestProxy: Float64Array;
  private readonly bestFeature: Int32Array;
  private readonly bestThreshold: Float64Array;
  /** Each feature's shape (columnShapes). */
  private readonly shapes: ColumnShapes;
  /** Per slot, each feature's place in the node's random order: rankOf[s * cols + f]; the lower wins a tie. */
  private readonly rankOf: Int32Array;
  private readonly featureOrder: Uint32Array;

  constructor(
    private readonly columns: SortedColumns,
    private readonly maxDepth: number,
    private readonly rng: Rng,
  ) {
    if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > 20) throw new RangeError(`maxDepth must be an integer in 1..20, got ${maxDepth}`);
    this.leafOfRow = new Int32Array(columns.rows);
    this.slotOfRow = new Int32Array(columns.rows);
    // A depth holds at most 2^depth nodes, and never more than the rows.
    this.maxNodes = Math.min(2 ** maxDepth, Math.max(1, columns.rows));
    const perSlot = (): Float64Array => new Float64Array(this.maxNodes);
    this.count = perSlot();
    this.sum = perSlot();
    this.squares = perSlot();
    this.leftCount = perSlot();
    this.leftSum = perSlot();
    this.lastValue = perSlot();
    this.bestProxy = perSlot();
    this.bestFeature = new Int32Array(this.maxNodes);
    this.bestThreshold = perSlot();
    this.shapes = columnShapes(columns);
    this.rankOf = new Int32Array(this.maxNodes * columns.cols);
    this.featureOrder = Uint32Array.from({ length: columns.cols }, (_, f) => f);
    holdShape(this);
  }

  /** A fresh random feature order for each open node of the depth (bestFeature -2), as ranks. */
  private drawFeatureOrders(m: number): void {
    const { rankOf, featureOrder: order, rng, bestFeature } = this;
    const cols = order.length;
    for (let s = 0; s < m; s++) {
      if (bestFeature[s] !== -2) continue;
      shuffleInPlace(order, rng);
      for (let k = 0; k < cols; k++) rankOf[s * cols + order[k]] = k;
    }
  }

  /** Grows a tree on `target` (one value per row); leaves hold the mean target of their rows. */
  grow(target: Float64Array): BoostedTree {
    const { rows } = this.columns;
    if (target.length !== rows) throw new RangeError(`${rows} rows but ${target.length} targets`);
    const builder = new BoostedTreeBuilder(2 ** (this.maxDepth + 1) - 1);
    const slotOfRow = this.slotOfRow;
    slotOfRow.fill(0);
    let frontier = [builder.addLeaf(0)];
    for (let depth = 0; frontier.length > 0; depth++) {
      const splittable = this.nodeStatistics(target, frontier, builder, depth < this.maxDepth);
      const found = splittable > 0 && this.findSplits(target, frontier.length);
      const next: number[] = [];
      const childSlot = new Int32Array(2 * frontier.length).fill(-1);
      if (found) {
        for (let s = 0; s < frontier.length; s++) {
          if (this.bestFeature[s] < 0) continue;
          const left = builder.addLeaf(0);
          const right = builder.addLeaf(0);
          builder.setSplit(frontier[s], this.bestFeature[s], this.bestThreshold[s], left, right);
          childSlot[2 * s] = next.length;
          next.push(left);
          childSlot[2 * s + 1] = next.length;
          next.push(right);
        }
      }
      this.routeRows(frontier, childSlot, found);
      frontier = next;
    }
    return builder.finish();
  }

  /**
   * Sums each frontier node's rows, writes its mean as its value, and takes rows of nodes that
   * cannot be split (depth limit, one row, pure) out of the frontier into their leaf. Returns how
   * many nodes may be split.
   */
  private nodeStatistics(target: Float64Array, frontier: readonly number[], builder: BoostedTreeBuilder, belowLimit: boolean): number {
    const { slotOfRow, leafOfRow, count, sum, squares, bestFeature } = this;
    const m = frontier.length;
    count.fill(0, 0, m);
    sum.fill(0, 0, m);
    squares.fill(0, 0, m);
    // Each pass over the rows a block of rows per call (see sumBySlot).
    sumBySlot(slotOfRow, target, count, sum, squares);
    let splittable = 0;
    for (let s = 0; s < m; s++) {
      const mean = sum[s] / count[s];
      builder.value[frontier[s]] = mean;
      // scikit-learn's MSE node impurity, in its order of operations.
      const impurity = squares[s] / count[s] - mean * mean;
      const open = belowLimit && count[s] >= 2 && impurity > PURE;
      bestFeature[s] = open ? -2 : -1;
      if (open) splittable++;
    }
    if (splittable < m) closeLeafRows(slotOfRow, leafOfRow, bestFeature, frontier);
    return splittable;
  }

  /**
   * The best split of every open frontier node, each feature in one pass over its presorted
   * rows; an equal proxy goes to the feature earlier in the node's random order. bestFeature is
   * -2 for an open node before the search and stays negative when every feature is constant on
   * it. Returns whether any node found a split.
   */
  private findSplits(target: Float64Array, m: number): boolean {
    const { rows, cols, order, sorted } = this.columns;
    const { slotOfRow, count, sum, leftCount, leftSum, lastValue, bestProxy, bestFeature, bestThreshold, rankOf } = this;
    this.drawFeatureOrders(m);
    bestProxy.fill(-Infinity, 0, m);
    const { kind } = this.shapes;
    for (let f = 0; f < cols; f++) {
      if (kind[f] === CONSTANT) continue;
      if (kind[f] !== NUMERIC) {
        this.twoValuedSplits(target, m, f);
        continue;
      }
      leftCount.fill(0, 0, m);
      leftSum.fill(0, 0, m);
      numericSplits(order, sorted, f * rows, rows, f, cols, target, slotOfRow, count, sum, leftCount, leftSum, lastValue, bestProxy, bestFeature, bestThreshold, rankOf);
    }
    let found = false;
    for (let s = 0; s < m; s++) if (bestFeature[s] >= 0) found = true;
    return found;
  }

  /**
   * findSplits for a feature of two values, lo < hi, which has one candidate threshold: lo's rows
   * left, hi's right. Summing only the rows at its rarer value, in row order, costs those rows
   * instead of every row. When lo is the rarer value the left sums are those the scan adds up
   * (the scan meets a value's rows in row order, the sort being stable), bit for bit; when hi is,
   * the left sum is the node's sum minus the right one, which can differ from the scan's in the
   * last bit and so, between two features of equal proxy, pick the other one.
   */
  private twoValuedSplits(target: Float64Array, m: number, f: number): void {
    const { slotOfRow, count, sum, leftCount, leftSum, bestProxy, bestFeature, bestThreshold, rankOf } = this;
    const { kind, low, high, rareStart, rareRows } = this.shapes;
    const cols = this.columns.cols;
    const lo = low[f];
    const hi = high[f];
    if (!(hi > nearBound(lo))) return;
    leftCount.fill(0, 0, m);
    leftSum.fill(0, 0, m);
    // A block of rows per call (see sumBySlot).
    const rareEnd = rareStart[f + 1];
    for (let from = rareStart[f], step = rowsPerCall(1); from < rareEnd; from += step) sumRareRows(rareRows, from, Math.min(rareEnd, from + step), slotOfRow, target, leftCount, leftSum);
    const rareIsLow = kind[f] === RARE_LOW;
    const mid = lo / 2 + hi / 2;
    const threshold = mid === hi || !Number.isFinite(mid) ? lo : mid;
    for (let s = 0; s < m; s++) {
      if (bestFeature[s] === -1) continue;
      const wL = rareIsLow ? leftCount[s] : count[s] - leftCount[s];
      const wR = count[s] - wL;
      if (wL === 0 || wR === 0) continue;
      const sL = rareIsLow ? leftSum[s] : sum[s] - leftSum[s];
      const diff = wR * sL - wL * (sum[s] - sL);
      const proxy = (diff * diff) / (wL * wR);
      if (proxy > bestProxy[s] || (proxy === bestProxy[s] && rankOf[s * cols + f] < rankOf[s * cols + bestFeature[s]])) {
        bestProxy[s] = proxy;
        bestFeature[s] = f;
        bestThreshold[s] = threshold;
      }
    }
  }

  /** Sends each frontier row to its child's slot, or into its leaf when its node was not split. */
  private routeRows(frontier: readonly number[], childSlot: Int32Array, found: boolean): void {
    const { rows, values } = this.columns;
    const { slotOfRow, leafOfRow, bestFeature, bestThreshold } = this;
    // The frontier as a typed array: routeRange takes typed arrays only.
    const nodes = Int32Array.from(frontier);
    for (let from = 0, step = rowsPerCall(1); from < rows; from += step) routeRange(values, rows, from, Math.min(rows, from + step), nodes, childSlot, found, slotOfRow, leafOfRow, bestFeature, bestThreshold);
  }
}

/** routeRows for rows [from, to). */
function routeRange(
  values: Float32Array,
  rows: number,
  from: number,
  to: number,
  frontier: Int32Array,
  childSlot: Int32Array,
  found: boolean,
  slotOfRow: Int32Array,
  leafOfRow: Int32Array,
  bestFeature: Int32Array,
  bestThreshold: Float64Array,
): void {
  for (let i = from; i < to; i++) {
    const s = slotOfRow[i];
    if (s < 0) continue;
    const f = found ? bestFeature[s] : -1;
    if (f < 0) {
      leafOfRow[i] = frontier[s];
      slotOfRow[i] = -1;
    } else {
      slotOfRow[i] = values[f * rows + i] <= bestThreshold[s] ? childSlot[2 * s] : childSlot[2 * s + 1];
    }
  }
}

/**
 * findSplits's scan of one numeric feature over the rows in its sorted order (base = f * rows).
 * Run for every feature at every depth of every tree, it is compiled whole early, and it takes
 * arrays only, so that its code outlives the grower's hidden class: it runs its rows in one call
 * (halved down to rowsPerCall's rows, nineteen arguments a call, it cost gbc 2-4% of a credit.csv
 * fold).
 */
function numericSplits(
  order: Uint32Array,
  sorted: Float32Array,
  base: number,
  rows: number,
  f: number,
  cols: number,
  target: Float64Array,
  slotOfRow: Int32Array,
  count: Float64Array,
  sum: Float64Array,
  leftCount: Float64Array,
  leftSum: Float64Array,
  lastValue: Float64Array,
  bestProxy: Float64Array,
  bestFeature: Int32Array,
  bestThreshold: Float64Array,
  rankOf: Int32Array,
): void {
  for (let p = 0; p < rows; p++) {
    const i = order[base + p];
    const s = slotOfRow[i];
    if (s < 0) continue;
    const v = sorted[base + p];
    const wL = leftCount[s];
    // v > lastValue first: a run of equal values (most rows of a few-valued feature) skips the float32 bound.
    if (wL > 0 && v > lastValue[s] && v > nearBound(lastValue[s])) {
      const wR = count[s] - wL;
      const sL = leftSum[s];
      const diff = wR * sL - wL * (sum[s] - sL);
      const proxy = (diff * diff) / (wL * wR);
      if (proxy > bestProxy[s] || (proxy === bestProxy[s] && rankOf[s * cols + f] < rankOf[s * cols + bestFeature[s]])) {
        bestProxy[s] = proxy;
        bestFeature[s] = f;
        const a = lastValue[s];
        // scikit-learn's threshold: the midpoint, or the left value if it rounds onto the right.
        const mid = a / 2 + v / 2;
        bestThreshold[s] = mid === v || !Number.isFinite(mid) ? a : mid;
      }
    }
    leftCount[s] = wL + 1;
    leftSum[s] += target[i];
    lastValue[s] = v;
  }
}

/**
 * Counts, sums and sums of squares of the target by slot, for the rows still in a slot. This pass
 * and the others over the rows but numericSplits, once per depth or tree, run a block of rows per
 * call (rowBlocks.ts's CALL_STEPS).
 */
function sumBySlot(slotOfRow: Int32Array, target: Float64Array, count: Float64Array, sum: Float64Array, squares: Float64Array): void {
  const rows = slotOfRow.length;
  for (let from = 0, step = rowsPerCall(1); from < rows; from += step) sumBySlotRange(slotOfRow, target, from, Math.min(rows, from + step), count, sum, squares);
}

function sumBySlotRange(slotOfRow: Int32Array, target: Float64Array, from: number, to: number, count: Float64Array, sum: Float64Array, squares: Float64Array): void {
  for (let i = from; i < to; i++) {
    const s = slotOfRow[i];
    if (s < 0) continue;
    const y = target[i];
    count[s]++;
    sum[s] += y;
    squares[s] += y * y;
  }
}

/** Puts the rows of slots that are not split (bestFeature -1) into their node as a leaf. */
function closeLeafRows(slotOfRow: Int32Array, leafOfRow: Int32Array, bestFeature: Int32Array, frontier: readonly number[]): void {
  const nodes = Int32Array.from(frontier);
  const rows = slotOfRow.length;
  for (let from = 0, step = rowsPerCall(1); from < rows; from += step) closeLeafRange(slotOfRow, from, Math.min(rows, from + step), leafOfRow, bestFeature, nodes);
}

function closeLeafRange(slotOfRow: Int32Array, from: number, to: number, leafOfRow: Int32Array, bestFeature: Int32Array, frontier: Int32Array): void {
  for (let i = from; i < to; i++) {
    const s = slotOfRow[i];
    if (s >= 0 && bestFeature[s] === -1) {
      leafOfRow[i] = frontier[s];
      slotOfRow[i] = -1;
    }
  }
}

/** Count and target sum by slot of the rows rareRows[start..end). */
function sumRareRows(rareRows: Uint32Array, start: number, end: number, slotOfRow: Int32Array, target: Float64Array, leftCount: Float64Array, leftSum: Float64Array): void {
  for (let p = start; p < end; p++) {
    const i = rareRows[p];
    const s = slotOfRow[i];
    if (s < 0) continue;
    leftCount[s]++;
    leftSum[s] += target[i];
  }
}

/** The first p >= from with sorted[base + p] !== value, or rows. */
function runLength(sorted: Float32Array, base: number, from: number, rows: number, value: number): number {
  let p = from;
  for (let end = from, step = rowsPerCall(1); p === end && end < rows; ) {
    end = Math.min(rows, end + step);
    p = runEnd(sorted, base, p, end, value);
  }
  return p;
}

/** The first p in [from, to) with sorted[base + p] !== value, or to. */
function runEnd(sorted: Float32Array, base: number, from: number, to: number, value: number): number {
  let p = from;
  while (p < to && sorted[base + p] === value) p++;
  return p;
}

const NUMERIC = 0;
const CONSTANT = 1;
/** Two values, the lower one the rarer (or as frequent). */
const RARE_LOW = 2;
/** Two values, the higher one the rarer. */
const RARE_HIGH = 3;

/** What the split search needs to know of each feature's values, found once per fit. */
interface ColumnShapes {
  /** Per feature: NUMERIC (three values or more), CONSTANT, RARE_LOW or RARE_HIGH. */
  readonly kind: Uint8Array;
  /** A two-valued feature's values. */
  readonly low: Float64Array;
  readonly high: Float64Array;
  /** A two-valued feature's rows at its rarer value, ascending, are rareRows[rareStart[f]..rareStart[f + 1]). */
  readonly rareStart: Int32Array;
  readonly rareRows: Uint32Array;
}

/** One-hot and 0/1 columns take two values; on one-hot-heavy tables most columns do. */
function columnShapes(columns: SortedColumns): ColumnShapes {
  const { rows, cols, order, sorted } = columns;
  const kind = new Uint8Array(cols);
  const low = new Float64Array(cols);
  const high = new Float64Array(cols);
  const rareStart = new Int32Array(cols + 1);
  const lowCount = new Int32Array(cols);
  for (let f = 0; f < cols; f++) {
    const base = f * rows;
    const first = sorted[base];
    const last = sorted[base + rows - 1];
    // Each run over the rows a block of rows per call (see sumBySlot).
    const p = runLength(sorted, base, 0, rows, first);
    const q = runLength(sorted, base, p, rows, last);
    if (rows === 0 || p === rows) kind[f] = CONSTANT;
    else if (q === rows) {
      kind[f] = p <= rows - p ? RARE_LOW : RARE_HIGH;
      low[f] = first;
      high[f] = last;
      lowCount[f] = p;
    }
    rareStart[f + 1] = rareStart[f] + (kind[f] === RARE_LOW ? p : kind[f] === RARE_HIGH ? rows - p : 0);
  }
  const rareRows = new Uint32Array(rareStart[cols]);
  for (let f = 0; f < cols; f++) {
    if (kind[f] !== RARE_LOW && kind[f] !== RARE_HIGH) continue;
    const base = f * rows;
    const from = kind[f] === RARE_LOW ? base : base + lowCount[f];
    const to = kind[f] === RARE_LOW ? base + lowCount[f] : base + rows;
    const rare = order.subarray(from, to);
    // The sort is stable, so a value's rows already come in row order.
    rareRows.set(rare, rareStart[f]);
  }
  return { kind, low, high, rareStart, rareRows };
}

/**
 * Puts a grower on X's first row in the place heldShapes.ts keeps for the class, once a fit is
 * done with its own: the process keeps the growers' hidden class, and not the fit's sorted
 * columns (17 MB on a census-shaped fold) until the next fit.
 */
export function holdSmallFriedmanGrower(X: Matrix, maxDepth: number, rng: Rng): void {
  holdShape(new FriedmanTreeGrower(sortColumns(firstRow(X)), maxDepth, rng));
}
