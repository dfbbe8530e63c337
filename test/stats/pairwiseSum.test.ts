import assert from "node:assert/strict";
import { test } from "node:test";
import { numpyMean, pairwiseSum } from "../../src/stats/pairwiseSum.js";
import { metricsReference } from "./regressionMetricsReference.js";

/** The series of regression_metrics_reference.py, exact on both sides: integers and one correctly rounded division. */
function series(n: number): Float64Array {
  const powers = [1, 10, 100, 1000, 10000, 100000, 1000000];
  return Float64Array.from({ length: n }, (_, i) => ((((i * 7919) % 10007) - 5003) * powers[i % 7]) / 7);
}

test("pairwiseSum and numpyMean equal numpy's sum and mean bit for bit, across its 8-, 128- and 8192-value boundaries", () => {
  assert.ok(metricsReference.numpySums.some(({ n }) => n > 8192));
  for (const { n, sum, mean } of metricsReference.numpySums) {
    const values = series(n);
    assert.equal(pairwiseSum(values), sum, `sum of ${n}`);
    assert.equal(numpyMean(values), mean, `mean of ${n}`);
  }
});

test("pairwiseSum differs from a left-to-right sum where numpy's order does", () => {
  const values = series(1000);
  let leftToRight = 0;
  for (const v of values) leftToRight += v;
  const numpy = metricsReference.numpySums.find(({ n }) => n === 1000)?.sum;
  assert.notEqual(leftToRight, numpy);
  assert.equal(pairwiseSum(values), numpy);
});

test("pairwiseSum sums a sub-range, and an empty range to 0", () => {
  const values = Float64Array.from([1, 2, 3, 4, 5]);
  assert.equal(pairwiseSum(values, 1, 4), 9);
  assert.equal(pairwiseSum(values, 2, 2), 0);
  assert.throws(() => pairwiseSum(values, 3, 6), RangeError);
  assert.throws(() => numpyMean(new Float64Array(0)), RangeError);
});
