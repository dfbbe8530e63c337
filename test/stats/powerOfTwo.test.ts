import assert from "node:assert/strict";
import { test } from "node:test";
import { powerOfTwoNear } from "../../src/stats/powerOfTwo.js";

test("powerOfTwoNear rounds on a log scale to a power of 2", () => {
  assert.equal(powerOfTwoNear(1), 1);
  assert.equal(powerOfTwoNear(1.4), 1);
  assert.equal(powerOfTwoNear(1.5), 2);
  assert.equal(powerOfTwoNear(0.3), 0.25);
  assert.equal(powerOfTwoNear(1e7), 2 ** 23);
  assert.equal(powerOfTwoNear(1e-12), 2 ** -40);
  for (const v of [3e-300, 7e-9, 0.1, 12345, 6e250]) {
    const p = powerOfTwoNear(v);
    assert.equal(Math.log2(p), Math.round(Math.log2(p)), `${v}`);
    assert.ok(p / v < Math.SQRT2 * 1.000001 && v / p < Math.SQRT2 * 1.000001, `${v} -> ${p}`);
  }
});

test("powerOfTwoNear keeps its exponent within +-1000 and gives 1 for 0, negatives, NaN and infinities", () => {
  assert.equal(powerOfTwoNear(Number.MIN_VALUE), 2 ** -1000);
  assert.equal(powerOfTwoNear(Number.MAX_VALUE), 2 ** 1000);
  for (const v of [0, -0, -2, Number.NaN, Infinity, -Infinity]) assert.equal(powerOfTwoNear(v), 1, `${v}`);
});
