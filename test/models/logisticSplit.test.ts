import assert from "node:assert/strict";
import { test } from "node:test";
import { softmaxLink } from "../../src/models/logisticLinks.js";
import { inColumnOrder, splitBinaryObjective, splitLogisticObjective } from "../../src/models/logisticSplit.js";
import { createMatrix, type Matrix } from "../../src/stats/matrix.js";
import { rareColumns, type RareColumns } from "../../src/stats/rareColumns.js";
import { createRng } from "../../src/stats/rng.js";

/**
 * z-scored-like one-hot blocks of 3 and 4 levels (base and rare values unequal to 0/1) with a
 * numeric column after each, so that the split's position order (numeric columns first) is not
 * the column order.
 */
function table(rows: number): Matrix {
  const rng = createRng(7);
  const data = new Float64Array(rows * 9);
  for (let i = 0; i < rows; i++) {
    const o = i * 9;
    const a = rng.next() < 0.7 ? 0 : 1 + Math.floor(rng.next() * 2);
    const b = Math.floor(rng.next() * 4);
    for (let l = 0; l < 3; l++) data[o + l] = l === a ? 1.7 : -0.4;
    data[o + 3] = rng.next() * 4 - 2;
    for (let l = 0; l < 4; l++) data[o + 4 + l] = l === b ? 2.2 : -0.6;
    data[o + 8] = Math.round(rng.next() * 10);
  }
  return createMatrix(rows, 9, data);
}

/** The dense definition: loss, gradient and (binary) Hessian of sum of log-losses + lambda ||W||^2 / 2. */
function dense(X: Matrix, y: Int32Array, K: number, lambda: number, w: Float64Array): { loss: number; grad: Float64Array; hessian: Float64Array } {
  const { rows, cols, data } = X;
  const width = cols + 1;
  const grad = new Float64Array(K * width);
  const hessian = new Float64Array(width * width);
  let loss = 0;
  for (let i = 0; i < rows; i++) {
    const x = [...data.subarray(i * cols, (i + 1) * cols), 1];
    const z = Array.from({ length: K }, (_, k) => x.reduce((s, v, j) => s + v * w[k * width + j], 0));
    const p = K === 1 ? [1 / (1 + Math.exp(-z[0]))] : z.map((t) => Math.exp(t) / z.reduce((s, u) => s + Math.exp(u), 0));
    loss += K === 1 ? -(y[i] * Math.log(p[0]) + (1 - y[i]) * Math.log(1 - p[0])) : -Math.log(p[y[i]]);
    for (let k = 0; k < K; k++) for (let j = 0; j < width; j++) grad[k * width + j] += (p[k] - ((K === 1 ? y[i] === 1 : y[i] === k) ? 1 : 0)) * x[j];
    if (K === 1) for (let j = 0; j < width; j++) for (let l = 0; l <= j; l++) hessian[j * width + l] += p[0] * (1 - p[0]) * x[j] * x[l];
  }
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < cols; j++) {
      loss += 0.5 * lambda * w[k * width + j] ** 2;
      grad[k * width + j] += lambda * w[k * width + j];
      if (K === 1) hessian[j * width + j] += lambda;
    }
  }
  return { loss, grad, hessian };
}

/** Column-order weights (K blocks, intercept last) in the split's position order. */
function inPositions(split: RareColumns, w: Float64Array, K: number): Float64Array {
  const width = split.column.length + 1;
  const out = Float64Array.from(w);
  for (let k = 0; k < K; k++) split.column.forEach((j, at) => (out[k * width + at] = w[k * width + j]));
  return out;
}

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string): void {
  for (let i = 0; i < expected.length; i++) assert.ok(Math.abs(actual[i] - expected[i]) <= 1e-9 * (1 + Math.abs(expected[i])), `${label}[${i}]: ${actual[i]} vs ${expected[i]}`);
}

test("the split binary objective gives the dense loss, gradient and Hessian (lower triangle)", () => {
  const X = table(300);
  const split = rareColumns(X);
  if (split === null) return assert.fail("no split");
  assert.deepEqual([...split.column], [3, 8, 0, 1, 2, 4, 5, 6, 7]);
  const rng = createRng(3);
  const y = Int32Array.from({ length: 300 }, () => (rng.next() < 0.4 ? 1 : 0));
  const w = Float64Array.from({ length: 10 }, () => rng.next() - 0.5);
  const f = splitBinaryObjective(split, y, 0.7);
  const grad = new Float64Array(10);
  const loss = f.evaluate(inPositions(split, w, 1), grad);
  const hessian = new Float64Array(100);
  f.hessian(hessian);
  const expected = dense(X, y, 1, 0.7, w);
  close([loss], [expected.loss], "loss");
  close(inColumnOrder(split, grad, 1), expected.grad, "gradient");
  // Position j is column column[j] (the intercept, 9, stays last); the dense reference fills its lower triangle.
  const columnOf = (at: number): number => (at === 9 ? 9 : split.column[at]);
  const at = (j: number, l: number): number => expected.hessian[Math.max(j, l) * 10 + Math.min(j, l)];
  const lower = Array.from({ length: 10 }, (_, j) => Array.from({ length: j + 1 }, (_, l) => hessian[j * 10 + l])).flat();
  const expectedLower = Array.from({ length: 10 }, (_, j) => Array.from({ length: j + 1 }, (_, l) => at(columnOf(j), columnOf(l)))).flat();
  close(lower, expectedLower, "hessian");
});

test("the binary split objective adds each row's terms in row order: its value and gradient equal a row-by-row evaluation bit for bit", () => {
  // 1,503 rows: blocks of four rows and a tail.
  const X = table(1503);
  const split = rareColumns(X);
  if (split === null) return assert.fail("no split");
  const { numericCount, rowValues, start, entries, base, delta } = split;
  const cols = base.length;
  const rng = createRng(13);
  const y = Int32Array.from({ length: 1503 }, () => (rng.next() < 0.35 ? 1 : 0));
  const w = Float64Array.from({ length: cols + 1 }, () => (rng.next() - 0.5) * 3);
  const grad = new Float64Array(cols + 1);
  const value = splitBinaryObjective(split, y, 0.7).evaluate(w, grad);
  // Row by row: each margin summed as offset, numeric terms, then entries; the link; the sums in row order.
  let offset = w[cols];
  for (let at = 0; at < cols; at++) offset += base[at] * w[at];
  let loss = 0;
  const expected = new Float64Array(cols + 1);
  const rareSum = new Float64Array(cols);
  for (let i = 0; i < 1503; i++) {
    const vo = i * (1 + numericCount) + 1;
    let t = offset;
    for (let q = 0; q < numericCount; q++) t += rowValues[vo + q] * w[q];
    for (let e = start[i]; e < start[i + 1]; e++) t += delta[entries[e]] * w[entries[e]];
    const ex = Math.exp(-Math.abs(t));
    loss += (t > 0 ? t : 0) + Math.log1p(ex) - y[i] * t;
    const r = (t >= 0 ? 1 / (1 + ex) : ex / (1 + ex)) - y[i];
    for (let q = 0; q < numericCount; q++) expected[q] += r * rowValues[vo + q];
    for (let e = start[i]; e < start[i + 1]; e++) rareSum[entries[e]] += r;
    expected[cols] += r;
  }
  const total = expected[cols];
  for (let at = 0; at < cols; at++) {
    loss += 0.5 * 0.7 * w[at] * w[at];
    expected[at] = base[at] * total + (at < numericCount ? expected[at] : delta[at] * rareSum[at]) + 0.7 * w[at];
  }
  assert.equal(value, loss);
  assert.deepEqual([...grad], [...expected]);
});

test("the split multinomial objective gives the dense loss and gradient", () => {
  const X = table(200);
  const split = rareColumns(X);
  if (split === null) return assert.fail("no split");
  const rng = createRng(5);
  const y = Int32Array.from({ length: 200 }, () => Math.floor(rng.next() * 3));
  const w = Float64Array.from({ length: 30 }, () => rng.next() - 0.5);
  const grad = new Float64Array(30);
  const loss = splitLogisticObjective(split, y, 3, 1, softmaxLink)(inPositions(split, w, 3), grad);
  const expected = dense(X, y, 3, 1, w);
  close([loss], [expected.loss], "loss");
  close(inColumnOrder(split, grad, 3), expected.grad, "gradient");
});

test("the binary split objective's WebAssembly kernels give the JavaScript passes' value, gradient and Hessian bit for bit", () => {
  for (const rows of [1503, 37, 4]) {
    const X = table(rows);
    const split = rareColumns(X);
    if (split === null) return assert.fail("no split");
    const width = split.base.length + 1;
    const rng = createRng(rows);
    const y = Int32Array.from({ length: rows }, () => (rng.next() < 0.35 ? 1 : 0));
    const kernel = splitBinaryObjective(split, y, 0.7, true);
    const plain = splitBinaryObjective(split, y, 0.7, false);
    for (let point = 0; point < 3; point++) {
      const w = Float64Array.from({ length: width }, () => (rng.next() - 0.5) * 3);
      const [gradKernel, gradPlain] = [new Float64Array(width), new Float64Array(width)];
      assert.ok(Object.is(kernel.evaluate(w, gradKernel), plain.evaluate(w, gradPlain)), `${rows} rows, value`);
      assert.deepEqual([...gradKernel], [...gradPlain], `${rows} rows, gradient`);
      const [hessianKernel, hessianPlain] = [new Float64Array(width * width), new Float64Array(width * width)];
      kernel.hessian(hessianKernel);
      plain.hessian(hessianPlain);
      assert.deepEqual([...hessianKernel], [...hessianPlain], `${rows} rows, Hessian`);
    }
  }
});
