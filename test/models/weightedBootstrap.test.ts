import assert from "node:assert/strict";
import { test } from "node:test";
import { weightedBootstrap } from "../../src/models/weightedBootstrap.js";
import { createRng } from "../../src/stats/rng.js";
import { ensembles, systematicRng } from "./ensembleReference.js";

test("weightedBootstrap draws the rows numpy's choice draws for the same weights and uniforms", () => {
  const { weights, counts } = ensembles.bootstrap;
  const n = weights.length;
  const drawn = new Float64Array(n);
  weightedBootstrap(Float64Array.from(weights), systematicRng(n), drawn, new Float64Array(n));
  assert.deepEqual([...drawn], counts);
});

test("weightedBootstrap draws n rows, never one of weight 0, and in proportion to the weights", () => {
  const n = 4000;
  const weight = Float64Array.from({ length: n }, (_, i) => (i % 4 === 3 ? 0 : i % 4));
  const counts = new Float64Array(n);
  weightedBootstrap(weight, createRng(5), counts, new Float64Array(n));
  let total = 0;
  const byWeight = [0, 0, 0, 0];
  counts.forEach((c, i) => {
    total += c;
    byWeight[i % 4] += c;
  });
  assert.equal(total, n);
  assert.equal(byWeight[0] + byWeight[3], 0);
  // Weights 1 and 2: expected shares 1/3 and 2/3 of 4,000 draws (sd about 30).
  assert.ok(Math.abs(byWeight[2] / n - 2 / 3) < 0.03, `${byWeight}`);
});

test("weightedBootstrap refuses negative, non-finite or all-zero weights", () => {
  const counts = new Float64Array(2);
  const cdf = new Float64Array(2);
  assert.throws(() => weightedBootstrap(Float64Array.from([1, -1]), createRng(1), counts, cdf), /weight 1 is -1/);
  assert.throws(() => weightedBootstrap(Float64Array.from([1, NaN]), createRng(1), counts, cdf), /weight 1 is NaN/);
  assert.throws(() => weightedBootstrap(Float64Array.from([0, 0]), createRng(1), counts, cdf), /sum to 0/);
});
