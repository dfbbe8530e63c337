/**
 * The weighted median of one row's estimator predictions, as scikit-learn's
 * AdaBoostRegressor._get_median_predict: predictions sorted ascending, estimator weights summed
 * along that order, and the first prediction at which the running sum reaches half the total.
 * Equal predictions are one value whatever their order, so the result does not depend on how the
 * sort breaks ties. `order` is scratch of the same length.
 */
export function weightedMedian(predictions: Float64Array, weights: Float64Array, order: Uint32Array): number {
  const n = predictions.length;
  if (n === 0) throw new RangeError("the weighted median of no predictions is undefined");
  if (weights.length !== n || order.length !== n) throw new RangeError(`${n} predictions but ${weights.length} weights and ${order.length} scratch slots`);
  for (let e = 0; e < n; e++) order[e] = e;
  order.sort((a, b) => predictions[a] - predictions[b]);
  let total = 0;
  for (let k = 0; k < n; k++) total += weights[order[k]];
  const half = 0.5 * total;
  let running = 0;
  for (let k = 0; k < n; k++) {
    running += weights[order[k]];
    if (running >= half) return predictions[order[k]];
  }
  return predictions[order[n - 1]];
}
