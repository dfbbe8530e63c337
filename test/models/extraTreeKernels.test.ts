import assert from "node:assert/strict";
import { test } from "node:test";
import { growExtraForest } from "../../src/models/extraTreeGrowth.js";
import { extraTreeKernels, float32AtMost } from "../../src/models/extraTreeKernels.js";
import { float32Columns } from "../../src/models/float32Columns.js";
import { GiniCriterion } from "../../src/models/giniCriterion.js";
import { SquaredErrorCriterion } from "../../src/models/squaredErrorCriterion.js";
import { createMatrix } from "../../src/stats/matrix.js";
import { createRng } from "../../src/stats/rng.js";

/** The float32 just above v (finite v). */
function nextFloat32Up(v: number): number {
  const bits = new Float32Array([v]);
  const integer = new Int32Array(bits.buffer);
  if (v === 0) integer[0] = 1;
  else integer[0] += v > 0 ? 1 : -1;
  return bits[0];
}

test("float32AtMost is the largest float32 at or below the threshold, for thresholds of any sign and size", () => {
  const rng = createRng(1);
  const thresholds = [0, -0, 1e-45, -1e-45, 1e-300, -1e-300, 0.1, -0.1, 1 / 3, -1 / 3, 3.4e38, -3.4e38, 16777217];
  for (let k = 0; k < 20000; k++) thresholds.push((rng.next() - 0.5) * 10 ** (rng.int(40) - 20));
  for (const t of thresholds) {
    const at = float32AtMost(t);
    assert.equal(Math.fround(at), at, `${t}: ${at} is no float32`);
    assert.ok(at <= t, `${t}: ${at} is above it`);
    assert.ok(nextFloat32Up(at) > t, `${t}: ${at} is not the largest`);
  }
});

test("the kernels gather, count and partition a node's rows as the JavaScript loops do, ties at the threshold included", () => {
  const rng = createRng(2);
  const rows = 700;
  const cols = 3;
  // Values on a coarse grid, of both signs, so that thresholds drawn between them often equal one.
  const values = Float32Array.from({ length: rows * cols }, () => (rng.int(60) - 30) / 7);
  const made = extraTreeKernels(values, rows, rows);
  assert.ok(made !== null);
  const kernels = made;
  for (let p = 0; p < rows; p++) kernels.order[p] = (p * 37) % rows;
  for (let p = 0; p < rows; p++) kernels.nodeLabels[p] = rng.int(2);
  for (let trial = 0; trial < 600; trial++) {
    const start = rng.int(rows);
    const end = start + 1 + rng.int(Math.min(rows - start, trial % 3 === 0 ? 9 : rows));
    const feature = rng.int(cols);
    const order: Uint32Array = kernels.order.slice(start, end);
    const expected: number[] = Array.from(order, (row) => values[feature * rows + row]);
    kernels.gather(feature, kernels.tried, start, end);
    assert.deepEqual(Array.from(kernels.tried.subarray(start, end)), expected);
    assert.deepEqual(Array.from(kernels.extent), [Math.min(...expected), Math.max(...expected)]);

    // A value itself, a double just below one (which rounds up to it in float32), or anywhere between.
    const value = expected[rng.int(expected.length)];
    const threshold = [value, value - Math.abs(value) * 1e-12 - 1e-300, (Math.max(...expected) - Math.min(...expected)) * rng.next() + Math.min(...expected)][trial % 3];
    const goesLeft = expected.map((v) => v <= threshold);
    kernels.count(kernels.tried, start, end, threshold);
    const left = goesLeft.filter(Boolean).length;
    const positives = goesLeft.filter((l, q) => l && kernels.nodeLabels[start + q] === 1).length;
    assert.deepEqual(Array.from(kernels.counts), [left, positives]);

    const middle = kernels.partition(kernels.tried, start, end, threshold);
    assert.equal(middle, start + left);
    const stable = [...Array.from(order).filter((_, q) => goesLeft[q]), ...Array.from(order).filter((_, q) => !goesLeft[q])];
    assert.deepEqual(Array.from(kernels.order.subarray(start, end)), stable);
  }
});

/** Columns fine-grained, coarse with negatives, and two-valued; labels of `classes` classes from them. */
function forestProblem(rows: number, seed: number, classes: number) {
  const rng = createRng(seed);
  const data = new Float64Array(rows * 4);
  const y = new Uint32Array(rows);
  const target = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    data[i * 4] = rng.next() * 100;
    data[i * 4 + 1] = rng.int(12) - 6;
    data[i * 4 + 2] = rng.int(2);
    data[i * 4 + 3] = Math.round(rng.next() * 1e3) / 1e3 - 0.5;
    const score = data[i * 4] / 20 + data[i * 4 + 1] + 3 * data[i * 4 + 2] + rng.next() * 4;
    y[i] = Math.min(classes - 1, Math.max(0, Math.floor(score / 4)));
    target[i] = score * score;
  }
  return { columns: float32Columns(createMatrix(rows, 4, data)), y, target };
}

test("extra trees grow the same trees with the kernels as with the JavaScript loops: two classes, three classes, weighted rows, regression", () => {
  const { columns, y, target } = forestProblem(900, 3, 2);
  const ones = new Float64Array(900).fill(1);
  const weighted = Float64Array.from(ones, (_, i) => (i % 5 === 0 ? 0 : 1 + (i % 3)));
  const three = Uint32Array.from(y, (label, i) => (label + (i % 7 === 0 ? 1 : 0)) % 3);
  const cases = [
    { name: "two classes", criterion: () => new GiniCriterion(y, 2, ones) },
    { name: "three classes", criterion: () => new GiniCriterion(three, 3, ones) },
    { name: "weighted", criterion: () => new GiniCriterion(y, 2, weighted) },
    { name: "regression", criterion: () => new SquaredErrorCriterion(target, ones) },
  ];
  for (const { name, criterion } of cases) {
    const withKernels = growExtraForest(columns, 4, 2, createRng(7), criterion(), true);
    const withLoops = growExtraForest(columns, 4, 2, createRng(7), criterion(), false);
    assert.ok(withKernels[0].nodeCount > 50, name);
    assert.deepEqual(withKernels, withLoops, name);
  }
});
