import type { Matrix } from "../stats/matrix.js";
import { addLeafValues, type FlatTree } from "./treeGrowth.js";

/**
 * The forests' prediction: per row (and per class, width wide) the trees' leaf values summed in
 * tree order, then divided by the tree count, as scikit-learn's forests' predict_proba and
 * predict do.
 */
export function forestAverage(trees: readonly FlatTree[], X: Matrix, width: number): Float64Array {
  const out = new Float64Array(X.rows * width);
  for (const tree of trees) addLeafValues(tree, X, out, 1);
  for (let k = 0; k < out.length; k++) out[k] /= trees.length;
  return out;
}
