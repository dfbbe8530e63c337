import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng } from "../../src/stats/rng.js";
import { sortFloat64 } from "../../src/stats/sortFloat64.js";

/** Both orders, compared bit for bit (so -0 and +0 are told apart). */
function assertSameOrder(values: Float64Array, label: string): void {
  const expected = Float64Array.from(values).sort();
  const got = sortFloat64(values);
  assert.deepEqual(new Uint32Array(got.buffer), new Uint32Array(expected.buffer), label);
}

test("sortFloat64 orders values as Float64Array.prototype.sort does: signs, -0 and +0, scales, ties, infinities", () => {
  const rng = createRng(3);
  const draws: [string, () => number][] = [
    ["uniform", () => rng.next()],
    ["signed, many ties", () => Math.round((rng.next() - 0.5) * 20) / 4],
    ["every scale", () => (rng.next() < 0.5 ? -1 : 1) * 10 ** (rng.next() * 600 - 300)],
    ["zeros of both signs", () => (rng.next() < 0.5 ? -0 : 0) + (rng.next() < 0.3 ? rng.next() - 0.5 : 0)],
    ["extremes", () => [Infinity, -Infinity, Number.MAX_VALUE, -Number.MIN_VALUE, Number.MIN_VALUE, 1, -1][rng.int(7)]],
  ];
  for (const [label, draw] of draws) for (const n of [0, 1, 2, 17, 3000]) assertSameOrder(Float64Array.from({ length: n }, draw), `${label}, ${n} values`);
});

test("sortFloat64 leaves its input as it was", () => {
  const values = Float64Array.from([3, -1, 2]);
  sortFloat64(values);
  assert.deepEqual([...values], [3, -1, 2]);
});
