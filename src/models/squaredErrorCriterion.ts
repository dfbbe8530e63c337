import { MAX_BINS } from "./featureBins.js";
import { BIN_MASK, binRange, twoBinRange, type LabelCounting, type SplitChoice, type ThresholdCriterion } from "./splitCriterion.js";
import { holdShape } from "./heldShapes.js";

/**
 * Proxies closer than this share of the improvement over the node (proxy - S^2 / W) are a tie,
 * kept by the earlier candidate: two features that cut a node's rows the same way have one
 * improvement, which scikit-learn, adding the same targets in another order, may find equal or
 * not by a unit in the last place, so that its random feature order decides (a test row on the
 * other side of one feature's threshold can then land in either leaf). Ours, whose sums run in
 * bin order, would otherwise always take the same one. 64 units in the last place: rounding, not
 * a better split. Measured against the improvement, not the proxy: a target far from zero
 * (epoch seconds, 1.7e9 give or take hundreds) puts W mean^2 in every proxy, 64 units of which
 * exceeded the differences between real splits, and every threshold tied with the first. The
 * price: where the improvement is below about a twentieth of the proxy (a mean large beside the
 * spread), two cuts of one improvement can differ by more than the band, and the rounding of
 * our sums picks between them, as scikit-learn's own rounding does there.
 */
const TIE = 64 * Number.EPSILON;

/**
 * scikit-learn's squared_error (MSE) criterion on weighted sums: a node's impurity is its weighted
 * variance, sum(w y^2) / W - (sum(w y) / W)^2; a split's proxy is S_L^2 / W_L + S_R^2 / W_R (the
 * variance reduction with the terms common to all splits dropped), so each bin needs only its
 * weight and its sum of w y; a leaf holds the node's weighted mean. Targets must be finite; the
 * estimators check that at their door.
 */
export class SquaredErrorCriterion implements ThresholdCriterion {
  readonly leafWidth = 1;
  /** Targets are no labels to count. */
  readonly labelCounting: LabelCounting | null = null;
  binWeight = new Float64Array(MAX_BINS);
  nodeWeight = 0;
  private sum = 0;
  /** S^2 / W: the proxy of leaving the node whole, which every split's proxy exceeds by its improvement. */
  private nodeProxy = 0;
  /** Sum of w y per bin. */
  private binSum = new Float64Array(MAX_BINS);
  /** Left sum and weight of the split set up by twoValuedSplit. */
  private pendingLeftSum = 0;
  private pendingLeftWeight = 0;
  /** Every weight 1: the random splitter's loops skip the weights and read targets in node order. */
  private readonly unitWeights: boolean;
  /** With unitWeights: the target of row order[p] at [p], for the node set up by startNode. */
  private readonly nodeTarget: Float64Array;

  constructor(
    private readonly y: Float64Array,
    readonly weight: Float64Array,
  ) {
    if (y.length !== weight.length) throw new RangeError(`${y.length} targets but ${weight.length} weights`);
    this.unitWeights = weight.every((w) => w === 1);
    this.nodeTarget = new Float64Array(this.unitWeights ? y.length : 0);
    holdShape(this);
  }

  startNode(order: Uint32Array, start: number, end: number): number {
    const { y, weight, nodeTarget } = this;
    let nodeWeight = 0;
    let sum = 0;
    let squares = 0;
    if (this.unitWeights) for (let p = start; p < end; p++) nodeTarget[p] = y[order[p]];
    for (let p = start; p < end; p++) {
      const i = order[p];
      const wy = weight[i] * y[i];
      nodeWeight += weight[i];
      sum += wy;
      squares += wy * y[i];
    }
    this.nodeWeight = nodeWeight;
    this.sum = sum;
    this.nodeProxy = (sum * sum) / nodeWeight;
    const mean = sum / nodeWeight;
    return squares / nodeWeight - mean * mean;
  }

  histogram(codes: Uint8Array, base: number, order: Uint32Array, start: number, end: number): number {
    const { binSum, binWeight, y, weight } = this;
    let low = MAX_BINS - 1;
    let high = 0;
    for (let p = start; p < end; p++) {
      const i = order[p];
      const b = codes[base + i];
      const w = weight[i];
      binSum[b] += w * y[i];
      binWeight[b] += w;
      if (b < low) low = b;
      if (b > high) high = b;
    }
    return binRange(low, high);
  }

  reserveBins(bins: number): void {
    if (bins <= this.binWeight.length) return;
    this.binWeight = new Float64Array(bins);
    this.binSum = new Float64Array(bins);
  }

  rankHistogram(ranks: Uint32Array, base: number, order: Uint32Array, start: number, end: number, touched: Uint32Array): number {
    const { binSum, binWeight, y, weight } = this;
    let count = 0;
    for (let p = start; p < end; p++) {
      const i = order[p];
      const b = ranks[base + i];
      const w = weight[i];
      // As GiniCriterion's: an empty bin is one not met before, counted without a branch.
      touched[count] = b;
      count += +(binWeight[b] === 0);
      binSum[b] += w * y[i];
      binWeight[b] += w;
    }
    return count;
  }

  twoBinHistogram(codes: Uint8Array, base: number, order: Uint32Array, start: number, end: number): number {
    const { binSum, binWeight, y, weight } = this;
    // Each sum takes its rows' terms in row order and 0 for the others, which changes no sum.
    let lowSum = 0;
    let highSum = 0;
    let lowWeight = 0;
    let highWeight = 0;
    let high = 0;
    for (let p = start; p < end; p++) {
      const i = order[p];
      const code = codes[base + i];
      const w = weight[i];
      const wLow = w * (1 - code);
      const wHigh = w * code;
      lowSum += wLow * y[i];
      highSum += wHigh * y[i];
      lowWeight += wLow;
      highWeight += wHigh;
      high += code;
    }
    binSum[0] = lowSum;
    binSum[1] = highSum;
    binWeight[0] = lowWeight;
    binWeight[1] = highWeight;
    return twoBinRange(high, end - start);
  }

  /** The proxy in scikit-learn's order of operations; the first of equally good thresholds (within TIE) wins. */
  scan(feature: number, occupied: Uint32Array, count: number, best: SplitChoice): void {
    const { binSum, binWeight, nodeWeight, sum, nodeProxy } = this;
    let leftSum = 0;
    let leftWeight = 0;
    for (let k = 0; k < count; k++) {
      const entry = occupied[k];
      const b = entry & BIN_MASK;
      if (k > 0 && entry === b) {
        const rightSum = sum - leftSum;
        const proxy = (leftSum * leftSum) / leftWeight + (rightSum * rightSum) / (nodeWeight - leftWeight);
        if (proxy - best.proxy > TIE * Math.abs(proxy - nodeProxy)) {
          best.proxy = proxy;
          best.feature = feature;
          best.leftBin = occupied[k - 1] & BIN_MASK;
          best.rightBin = b;
        }
      }
      leftSum += binSum[b];
      leftWeight += binWeight[b];
      binSum[b] = 0;
      binWeight[b] = 0;
    }
  }

  clearBin(bin: number): void {
    this.binSum[bin] = 0;
    this.binWeight[bin] = 0;
  }

  writeLeaf(out: Float64Array, offset: number): void {
    out[offset] = this.sum / this.nodeWeight;
  }

  /**
   * One threshold's proxy (ThresholdCriterion), in the order of operations of scan. Rows on the
   * right add their weight times 0 rather than being branched around: a random threshold makes
   * that branch unpredictable (measured: the multiply is about a third faster than a branch).
   */
  thresholdProxy(values: Float32Array, order: Uint32Array, start: number, end: number, threshold: number): number {
    const { y, weight, nodeWeight, sum, nodeTarget } = this;
    let leftSum = 0;
    let leftWeight = 0;
    if (this.unitWeights) {
      // weight 1 times the comparison is the comparison: the same terms, in the same order.
      for (let p = start; p < end; p++) {
        const w = +(values[p] <= threshold);
        leftSum += w * nodeTarget[p];
        leftWeight += w;
      }
    } else {
      for (let p = start; p < end; p++) {
        const i = order[p];
        const w = weight[i] * +(values[p] <= threshold);
        leftSum += w * y[i];
        leftWeight += w;
      }
    }
    const rightSum = sum - leftSum;
    return (leftSum * leftSum) / leftWeight + (rightSum * rightSum) / (nodeWeight - leftWeight);
  }

  /**
   * A two-valued feature's split (ThresholdCriterion), in thresholdProxy's order of operations:
   * code 0 is at or below every threshold the splitter can draw for it, code 1 above.
   */
  twoValuedSplit(codes: Uint8Array, base: number, order: Uint32Array, start: number, end: number): number {
    const { y, weight, nodeTarget } = this;
    let high = 0;
    let leftSum = 0;
    let leftWeight = 0;
    if (this.unitWeights) {
      for (let p = start; p < end; p++) {
        const code = codes[base + order[p]];
        high += code;
        const w = 1 - code;
        leftSum += w * nodeTarget[p];
        leftWeight += w;
      }
    } else {
      for (let p = start; p < end; p++) {
        const i = order[p];
        const code = codes[base + i];
        high += code;
        const w = weight[i] * (1 - code);
        leftSum += w * y[i];
        leftWeight += w;
      }
    }
    this.pendingLeftSum = leftSum;
    this.pendingLeftWeight = leftWeight;
    return high;
  }

  twoValuedProxy(): number {
    const { nodeWeight, sum, pendingLeftSum: leftSum, pendingLeftWeight: leftWeight } = this;
    const rightSum = sum - leftSum;
    return (leftSum * leftSum) / leftWeight + (rightSum * rightSum) / (nodeWeight - leftWeight);
  }
}
