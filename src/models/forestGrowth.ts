import { createRng, type Rng } from "../stats/rng.js";
import type { FeatureBins } from "./featureBins.js";
import type { SplitCriterion } from "./splitCriterion.js";
import { growTree, type FlatTree } from "./treeGrowth.js";

/**
 * The trees of a random forest, as scikit-learn's BaseForest.fit grows them for both tasks: each
 * on a bootstrap sample of n rows drawn with replacement, kept as integer row weights (scikit-learn
 * passes its sample counts as sample_weight), from one random stream per tree drawn in order from
 * the forest's. The features are binned once by the caller and shared by all trees; the criterion
 * for a tree is made from its bootstrap weights.
 */
export function growForest(bins: FeatureBins, count: number, maxFeatures: number, rng: Rng, criterionFor: (weight: Float64Array) => SplitCriterion): FlatTree[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`the tree count must be a positive integer, got ${count}`);
  const rows = bins.rows;
  // One weight array reused by every tree: a tree is fully grown before the next one is drawn.
  const weight = new Float64Array(rows);
  const trees: FlatTree[] = [];
  for (let t = 0; t < count; t++) {
    const treeRng = createRng(rng.uint32());
    drawBootstrap(weight, treeRng);
    trees.push(growTree(bins, criterionFor(weight), { maxFeatures, rng: treeRng }));
  }
  return trees;
}

/**
 * A bootstrap sample of the rows as counts in weight: rows draws with replacement. A function of
 * its own: V8 compiles the loop on the stack in a first call, and growForest compiled with it was
 * thrown away at the tree's growth, which had not run yet.
 */
function drawBootstrap(weight: Float64Array, rng: Rng): void {
  const rows = weight.length;
  weight.fill(0);
  for (let d = 0; d < rows; d++) weight[rng.int(rows)]++;
}
