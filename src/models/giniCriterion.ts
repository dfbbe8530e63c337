import { MAX_BINS } from "./featureBins.js";
import { BIN_MASK, binRange, twoBinRange, type LabelCounting, type SplitChoice, type ThresholdCriterion } from "./splitCriterion.js";
import { holdShape } from "./heldShapes.js";

/**
 * scikit-learn's Gini criterion on weighted class counts: a node's impurity is 1 - sum p_c^2, a
 * split's proxy -(W_R gini_R) - (W_L gini_L), and a leaf holds the node's class fractions. Labels
 * must be valid class indices below nClasses; the estimators check that at their door.
 */
export class GiniCriterion implements ThresholdCriterion {
  readonly leafWidth: number;
  binWeight = new Float64Array(MAX_BINS);
  nodeWeight = 0;
  /** The node's weighted class counts. */
  private readonly total: Float64Array;
  /** Weighted class counts per bin, [bin * nClasses + c]. */
  private hist: Float64Array;
  private readonly leftCounts: Float64Array;
  /** Left weight of the split set up by twoValuedSplit, whose class weights are in leftCounts. */
  private pendingLeftWeight = 0;
  /** countHigh's second count. */
  private highPositives = 0;
  /**
   * Two classes and every weight 1: class counts are small integers, exact in any order, so the
   * random splitter's loops count in integer registers from labels kept in node order.
   */
  private readonly binaryCounts: boolean;
  /** With binaryCounts: the label of row order[p] at [p], for the node set up by startNode. */
  private nodeLabel: Uint8Array;
  readonly labelCounting: LabelCounting | null;
  /** With binaryCounts: the labels as bytes, a quarter of y's cache footprint for startNode's gather. */
  private readonly byteLabels: Uint8Array;

  constructor(
    private readonly y: Uint32Array,
    private readonly nClasses: number,
    readonly weight: Float64Array,
  ) {
    if (y.length !== weight.length) throw new RangeError(`${y.length} labels but ${weight.length} weights`);
    this.leafWidth = nClasses;
    this.total = new Float64Array(nClasses);
    this.hist = new Float64Array(MAX_BINS * nClasses);
    this.leftCounts = new Float64Array(nClasses);
    this.binaryCounts = nClasses === 2 && weight.every((w) => w === 1);
    this.nodeLabel = new Uint8Array(this.binaryCounts ? y.length : 0);
    this.byteLabels = this.binaryCounts ? Uint8Array.from(y) : new Uint8Array(0);
    this.labelCounting = this.binaryCounts
      ? {
          keepNodeLabelsIn: (buffer) => {
            if (buffer.length < y.length) throw new RangeError(`room for ${buffer.length} labels, ${y.length} needed`);
            this.nodeLabel = buffer;
          },
          countedProxy: (left, leftPositives) => this.countedProxy(left, leftPositives),
        }
      : null;
    holdShape(this);
  }

  startNode(order: Uint32Array, start: number, end: number): number {
    const { total, y, weight, nClasses, nodeLabel, byteLabels } = this;
    total.fill(0);
    let nodeWeight = 0;
    if (this.binaryCounts) {
      let positives = 0;
      for (let p = start; p < end; p++) {
        const label = byteLabels[order[p]];
        nodeLabel[p] = label;
        positives += label;
      }
      total[0] = end - start - positives;
      total[1] = positives;
      nodeWeight = end - start;
    } else {
      for (let p = start; p < end; p++) {
        const i = order[p];
        total[y[i]] += weight[i];
        nodeWeight += weight[i];
      }
    }
    this.nodeWeight = nodeWeight;
    let squares = 0;
    for (let c = 0; c < nClasses; c++) squares += total[c] * total[c];
    return 1 - squares / (nodeWeight * nodeWeight);
  }

  histogram(codes: Uint8Array, base: number, order: Uint32Array, start: number, end: number): number {
    const { hist, binWeight, y, weight, nClasses } = this;
    let low = MAX_BINS - 1;
    let high = 0;
    for (let p = start; p < end; p++) {
      const i = order[p];
      const b = codes[base + i];
      const w = weight[i];
      hist[b * nClasses + y[i]] += w;
      binWeight[b] += w;
      if (b < low) low = b;
      if (b > high) high = b;
    }
    return binRange(low, high);
  }

  reserveBins(bins: number): void {
    if (bins <= this.binWeight.length) return;
    this.binWeight = new Float64Array(bins);
    this.hist = new Float64Array(bins * this.nClasses);
  }

  rankHistogram(ranks: Uint32Array, base: number, order: Uint32Array, start: number, end: number, touched: Uint32Array): number {
    const { hist, binWeight, y, weight, nClasses } = this;
    let count = 0;
    for (let p = start; p < end; p++) {
      const i = order[p];
      const b = ranks[base + i];
      const w = weight[i];
      // Every row in a node has a positive weight, so an empty bin is one not met before; the
      // store is unconditional and only the count is moved, without a branch to mispredict.
      touched[count] = b;
      count += +(binWeight[b] === 0);
      hist[b * nClasses + y[i]] += w;
      binWeight[b] += w;
    }
    return count;
  }

  twoBinHistogram(codes: Uint8Array, base: number, order: Uint32Array, start: number, end: number): number {
    const { hist, binWeight, y, weight, total } = this;
    if (this.nClasses !== 2) return this.histogram(codes, base, order, start, end);
    let high: number;
    if (this.binaryCounts) {
      // Integer counts: the low bin's are the node's less the high bin's, exactly.
      high = this.countHigh(codes, base, order, start, end);
      const highPositives = this.highPositives;
      hist[0] = total[0] - (high - highPositives);
      hist[1] = total[1] - highPositives;
      hist[2] = high - highPositives;
      hist[3] = highPositives;
      binWeight[0] = end - start - high;
      binWeight[1] = high;
    } else {
      // Each sum takes its rows' weights in row order and 0 for the others, which changes no sum.
      let low0 = 0;
      let low1 = 0;
      let high0 = 0;
      let high1 = 0;
      let lowWeight = 0;
      let highWeight = 0;
      high = 0;
      for (let p = start; p < end; p++) {
        const i = order[p];
        const code = codes[base + i];
        const w = weight[i];
        const label = y[i];
        const wLow = w * (1 - code);
        const wHigh = w * code;
        low0 += wLow * (1 - label);
        low1 += wLow * label;
        high0 += wHigh * (1 - label);
        high1 += wHigh * label;
        lowWeight += wLow;
        highWeight += wHigh;
        high += code;
      }
      hist[0] = low0;
      hist[1] = low1;
      hist[2] = high0;
      hist[3] = high1;
      binWeight[0] = lowWeight;
      binWeight[1] = highWeight;
    }
    return twoBinRange(high, end - start);
  }

  /**
   * The gini proxy computed in scikit-learn's order of operations, so that exact ties stay ties
   * and the first (lowest) of equally good thresholds wins, as there.
   */
  scan(feature: number, occupied: Uint32Array, count: number, best: SplitChoice): void {
    if (this.nClasses === 2) {
      this.scanTwoClasses(feature, occupied, count, best);
      return;
    }
    const { hist, binWeight, leftCounts, nClasses } = this;
    for (let c = 0; c < nClasses; c++) leftCounts[c] = 0;
    let leftWeight = 0;
    for (let k = 0; k < count; k++) {
      const entry = occupied[k];
      const b = entry & BIN_MASK;
      if (k > 0 && entry === b) {
        const proxy = this.leftProxy(leftWeight);
        if (proxy > best.proxy) {
          best.proxy = proxy;
          best.feature = feature;
          best.leftBin = occupied[k - 1] & BIN_MASK;
          best.rightBin = b;
        }
      }
      const offset = b * nClasses;
      for (let c = 0; c < nClasses; c++) {
        leftCounts[c] += hist[offset + c];
        hist[offset + c] = 0;
      }
      leftWeight += binWeight[b];
      binWeight[b] = 0;
    }
  }

  /**
   * scan for two classes, with giniProxy's arithmetic written out on registers (the same
   * operations in the same order, so the same numbers): a feature of thousands of values has as
   * many boundaries, and the loops over a two-entry array cost more than the proxy.
   */
  private scanTwoClasses(feature: number, occupied: Uint32Array, count: number, best: SplitChoice): void {
    const { hist, binWeight, nodeWeight } = this;
    const total0 = this.total[0];
    const total1 = this.total[1];
    let left0 = 0;
    let left1 = 0;
    let leftWeight = 0;
    for (let k = 0; k < count; k++) {
      const entry = occupied[k];
      const b = entry & BIN_MASK;
      if (k > 0 && entry === b) {
        const rightWeight = nodeWeight - leftWeight;
        const right0 = total0 - left0;
        const right1 = total1 - left1;
        const giniLeft = 1 - (left0 * left0 + left1 * left1) / (leftWeight * leftWeight);
        const giniRight = 1 - (right0 * right0 + right1 * right1) / (rightWeight * rightWeight);
        const proxy = -rightWeight * giniRight - leftWeight * giniLeft;
        if (proxy > best.proxy) {
          best.proxy = proxy;
          best.feature = feature;
          best.leftBin = occupied[k - 1] & BIN_MASK;
          best.rightBin = b;
        }
      }
      left0 += hist[2 * b];
      left1 += hist[2 * b + 1];
      hist[2 * b] = 0;
      hist[2 * b + 1] = 0;
      leftWeight += binWeight[b];
      binWeight[b] = 0;
    }
  }

  clearBin(bin: number): void {
    const { hist, nClasses } = this;
    this.binWeight[bin] = 0;
    for (let k = bin * nClasses; k < (bin + 1) * nClasses; k++) hist[k] = 0;
  }

  writeLeaf(out: Float64Array, offset: number): void {
    for (let c = 0; c < this.nClasses; c++) out[offset + c] = this.total[c] / this.nodeWeight;
  }

  /**
   * One threshold's proxy (ThresholdCriterion), in the order of operations of scan. Rows on the
   * right add their weight times 0 rather than being branched around: a random threshold makes
   * that branch unpredictable (measured: the multiply is about a third faster than a branch).
   * With binaryCounts the counts are integers, exact in any order: the same numbers as the
   * per-class sums.
   */
  thresholdProxy(values: Float32Array, order: Uint32Array, start: number, end: number, threshold: number): number {
    const { leftCounts, y, weight, nodeLabel } = this;
    if (this.binaryCounts) {
      let left = 0;
      let leftPositives = 0;
      for (let p = start; p < end; p++) {
        const goesLeft = +(values[p] <= threshold);
        left += goesLeft;
        leftPositives += goesLeft & nodeLabel[p];
      }
      return this.countedProxy(left, leftPositives);
    }
    leftCounts.fill(0);
    let leftWeight = 0;
    for (let p = start; p < end; p++) {
      const i = order[p];
      const w = weight[i] * +(values[p] <= threshold);
      leftCounts[y[i]] += w;
      leftWeight += w;
    }
    return this.leftProxy(leftWeight);
  }

  /**
   * A two-valued feature's split (ThresholdCriterion), in thresholdProxy's order of operations:
   * code 0 is at or below every threshold the splitter can draw for it, code 1 above.
   */
  twoValuedSplit(codes: Uint8Array, base: number, order: Uint32Array, start: number, end: number): number {
    const { leftCounts, y, weight, total } = this;
    let high = 0;
    if (this.binaryCounts) {
      high = this.countHigh(codes, base, order, start, end);
      const highPositives = this.highPositives;
      leftCounts[0] = total[0] - (high - highPositives);
      leftCounts[1] = total[1] - highPositives;
      this.pendingLeftWeight = end - start - high;
      return high;
    }
    leftCounts.fill(0);
    let leftWeight = 0;
    for (let p = start; p < end; p++) {
      const i = order[p];
      const code = codes[base + i];
      high += code;
      const w = weight[i] * (1 - code);
      leftCounts[y[i]] += w;
      leftWeight += w;
    }
    this.pendingLeftWeight = leftWeight;
    return high;
  }

  private countedProxy(left: number, leftPositives: number): number {
    const leftCounts = this.leftCounts;
    leftCounts[0] = left - leftPositives;
    leftCounts[1] = leftPositives;
    return this.leftProxy(left);
  }

  twoValuedProxy(): number {
    return this.leftProxy(this.pendingLeftWeight);
  }

  /**
   * scikit-learn's gini proxy of the split whose left side holds leftCounts (of total weight
   * leftWeight) and whose right side the rest of the node, in its order of operations.
   */
  /**
   * Two classes and unit weights: the node's rows at the high code, returned, and of them those
   * labelled 1, left in highPositives (integer counts, exact).
   */
  private countHigh(codes: Uint8Array, base: number, order: Uint32Array, start: number, end: number): number {
    const nodeLabel = this.nodeLabel;
    let high = 0;
    let highPositives = 0;
    for (let p = start; p < end; p++) {
      const code = codes[base + order[p]];
      high += code;
      highPositives += code & nodeLabel[p];
    }
    this.highPositives = highPositives;
    return high;
  }

  private leftProxy(leftWeight: number): number {
    return giniProxy(this.leftCounts, this.total, leftWeight, this.nodeWeight);
  }
}

/**
 * scikit-learn's gini proxy_impurity_improvement of a split, -(W_R gini_R) - (W_L gini_L), from the
 * left side's class weights and the node's, in scikit-learn's order of operations.
 */
export function giniProxy(leftCounts: Float64Array, total: Float64Array, leftWeight: number, nodeWeight: number): number {
  const rightWeight = nodeWeight - leftWeight;
  let leftSquares = 0;
  let rightSquares = 0;
  for (let c = 0; c < leftCounts.length; c++) {
    const l = leftCounts[c];
    const r = total[c] - l;
    leftSquares += l * l;
    rightSquares += r * r;
  }
  const giniLeft = 1 - leftSquares / (leftWeight * leftWeight);
  const giniRight = 1 - rightSquares / (rightWeight * rightWeight);
  return -rightWeight * giniRight - leftWeight * giniLeft;
}
