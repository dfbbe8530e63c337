import assert from "node:assert/strict";
import { test } from "node:test";
import { gramMinimumNormLeastSquares, minimumNormLeastSquares, rowGramMinimumNormLeastSquares } from "../../src/stats/minimumNormLeastSquares.js";
import { createRng } from "../../src/stats/rng.js";

const close = (actual: Float64Array, expected: readonly number[], tolerance = 1e-12) =>
  expected.forEach((v, i) => assert.ok(Math.abs(actual[i] - v) <= tolerance * Math.max(1, Math.abs(v)), `x[${i}] = ${actual[i]}, expected ${v}`));

test("minimumNormLeastSquares solves a square full-rank system", () => {
  const { x, rank } = minimumNormLeastSquares(Float64Array.from([2, 1, 1, 3]), 2, 2, Float64Array.from([3, 5]));
  assert.equal(rank, 2);
  close(x, [0.8, 1.4]);
});

test("minimumNormLeastSquares matches the normal equations on a tall full-rank system", () => {
  const rng = createRng(3);
  const rows = 40;
  const a = Float64Array.from({ length: rows * 2 }, () => rng.next() * 2 - 1);
  const b = Float64Array.from({ length: rows }, () => rng.next());
  // (A'A) x = A'b, solved by hand for two columns.
  let s00 = 0, s01 = 0, s11 = 0, t0 = 0, t1 = 0;
  for (let i = 0; i < rows; i++) {
    s00 += a[2 * i] ** 2;
    s01 += a[2 * i] * a[2 * i + 1];
    s11 += a[2 * i + 1] ** 2;
    t0 += a[2 * i] * b[i];
    t1 += a[2 * i + 1] * b[i];
  }
  const det = s00 * s11 - s01 * s01;
  close(minimumNormLeastSquares(a, rows, 2, b).x, [(s11 * t0 - s01 * t1) / det, (s00 * t1 - s01 * t0) / det], 1e-10);
});

test("minimumNormLeastSquares picks the shortest of many solutions: duplicated columns and fewer rows than columns", () => {
  // Columns equal: any x0 + x1 = 2 fits; the shortest is (1, 1).
  const duplicated = minimumNormLeastSquares(Float64Array.from([1, 1, 2, 2, 3, 3]), 3, 2, Float64Array.from([2, 4, 6]));
  assert.equal(duplicated.rank, 1);
  close(duplicated.x, [1, 1]);
  // One equation x0 + 2 x1 + 2 x2 = 9: the shortest solution is along (1, 2, 2).
  const wide = minimumNormLeastSquares(Float64Array.from([1, 2, 2]), 1, 3, Float64Array.from([9]));
  assert.equal(wide.rank, 1);
  close(wide.x, [1, 2, 2]);
});

test("minimumNormLeastSquares returns singular values largest first and drops those under the cutoff", () => {
  const diagonal = Float64Array.from([3, 0, 0, 0, 1e-20, 0, 0, 0, 5]);
  const { x, rank, singularValues } = minimumNormLeastSquares(diagonal, 3, 3, Float64Array.from([3, 1, 10]));
  assert.deepEqual([...singularValues], [5, 3, 1e-20]);
  assert.equal(rank, 2);
  close(x, [1, 0, 2]);
  // With no cutoff the tiny value counts, and its coordinate is 1 / 1e-20.
  assert.equal(minimumNormLeastSquares(diagonal, 3, 3, Float64Array.from([3, 1, 10]), 0).rank, 3);
});

test("minimumNormLeastSquares of a zero matrix is zero, and bad shapes are refused", () => {
  const { x, rank } = minimumNormLeastSquares(new Float64Array(6), 3, 2, Float64Array.from([1, 2, 3]));
  assert.equal(rank, 0);
  assert.deepEqual([...x], [0, 0]);
  assert.throws(() => minimumNormLeastSquares(new Float64Array(5), 3, 2, new Float64Array(3)), RangeError);
  assert.throws(() => minimumNormLeastSquares(new Float64Array(6), 3, 2, new Float64Array(2)), RangeError);
  assert.throws(() => minimumNormLeastSquares(new Float64Array(6), 3, 2, new Float64Array(3), 1), RangeError);
});

/** A'A and A'b of a row-major rows x cols A. */
function normalEquations(a: Float64Array, rows: number, cols: number, b: Float64Array): { gram: Float64Array; atb: Float64Array } {
  const gram = new Float64Array(cols * cols);
  const atb = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      atb[j] += a[i * cols + j] * b[i];
      for (let k = 0; k < cols; k++) gram[j * cols + k] += a[i * cols + j] * a[i * cols + k];
    }
  }
  return { gram, atb };
}

test("gramMinimumNormLeastSquares gives the QR route's answer with a known dependency and a constant column projected out", () => {
  const rng = createRng(5);
  const rows = 60;
  const cols = 5;
  // Columns 0 and 1 numeric, 2 and 3 sum to zero (a centred two-level block), 4 is zero.
  const a = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    a[i * cols] = rng.next() * 2 - 1;
    a[i * cols + 1] = rng.next() * 2 - 1;
    const on = rng.next() < 0.4 ? 1 : 0;
    a[i * cols + 2] = on - 0.4;
    a[i * cols + 3] = 0.4 - on;
  }
  const b = Float64Array.from({ length: rows }, () => rng.next());
  const { gram, atb } = normalEquations(a, rows, cols, b);
  const known = [Float64Array.from([0, 0, Math.SQRT1_2, Math.SQRT1_2, 0])];
  const fromGram = gramMinimumNormLeastSquares(gram, cols, atb, rows, known);
  if (fromGram === null) return assert.fail("the Gram route declined a resolved problem");
  const fromQr = minimumNormLeastSquares(a, rows, cols, b);
  assert.equal(fromQr.rank, 3);
  assert.equal(fromGram.rank, 3);
  close(fromGram.x, [...fromQr.x], 1e-10);
  assert.equal(fromGram.x[4], 0);
  assert.ok(Math.abs(fromGram.x[2] + fromGram.x[3]) < 1e-14, "no weight along the known dependency");
});

test("gramMinimumNormLeastSquares declines a dependency it was not told of, and a direction too close to singular", () => {
  const rng = createRng(6);
  const rows = 50;
  for (const noise of [0, 1e-7]) {
    // Column 2 repeats column 0 (exactly, or within noise): a singular value the Gram matrix cannot resolve.
    const a = new Float64Array(rows * 3);
    for (let i = 0; i < rows; i++) {
      a[i * 3] = rng.next() * 2 - 1;
      a[i * 3 + 1] = rng.next() * 2 - 1;
      a[i * 3 + 2] = a[i * 3] + noise * (rng.next() - 0.5);
    }
    const { gram, atb } = normalEquations(a, rows, 3, Float64Array.from({ length: rows }, () => rng.next()));
    assert.equal(gramMinimumNormLeastSquares(gram, 3, atb, rows, []), null, `noise ${noise}`);
  }
});

test("gramMinimumNormLeastSquares drops an exact numeric dependency it was not told of once A is null along it, and still declines a near one", () => {
  const rng = createRng(7);
  const rows = 80;
  const cols = 4;
  for (const noise of [0, 1e-7]) {
    // Column 3 is the sum of columns 0 and 1 (exactly, or within noise), as a total area of its parts.
    const a = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < 3; j++) a[i * cols + j] = rng.next() * 2 - 1;
      a[i * cols + 3] = a[i * cols] + a[i * cols + 1] + noise * (rng.next() - 0.5);
    }
    const b = Float64Array.from({ length: rows }, () => rng.next());
    const { gram, atb } = normalEquations(a, rows, cols, b);
    const image = (d: Float64Array): number => {
      let total = 0;
      for (let i = 0; i < rows; i++) {
        let s = 0;
        for (let j = 0; j < cols; j++) s += a[i * cols + j] * d[j];
        total += s * s;
      }
      return total;
    };
    const fromGram = gramMinimumNormLeastSquares(gram, cols, atb, rows, [], Math.max(rows, cols) * Number.EPSILON, image);
    if (noise !== 0) {
      assert.equal(fromGram, null, "a singular value of about 1e-8 of the largest is lstsq's to keep: the QR route's");
      continue;
    }
    if (fromGram === null) return assert.fail("the Gram route declined an exact dependency that A confirms");
    const fromQr = minimumNormLeastSquares(a, rows, cols, b);
    assert.equal(fromQr.rank, 3);
    assert.equal(fromGram.rank, 3);
    close(fromGram.x, [...fromQr.x], 1e-10);
  }
});

test("rowGramMinimumNormLeastSquares gives the Jacobi route's answer on a wide matrix, and declines rows repeating others within noise", () => {
  const rng = createRng(8);
  const rows = 12;
  const cols = 30;
  for (const noise of [null, 0, 1e-7]) {
    // Centred columns (so the all-ones vector is null to A'); row 11 repeats row 10 when noise is a number.
    const a = Float64Array.from({ length: rows * cols }, () => rng.next() * 2 - 1);
    if (noise !== null) for (let j = 0; j < cols; j++) a[11 * cols + j] = a[10 * cols + j] + noise * (rng.next() - 0.5);
    for (let j = 0; j < cols; j++) {
      let mean = 0;
      for (let i = 0; i < rows; i++) mean += a[i * cols + j] / rows;
      for (let i = 0; i < rows; i++) a[i * cols + j] -= mean;
    }
    const b = Float64Array.from({ length: rows }, () => rng.next());
    const wt = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) wt[j * rows + i] = a[i * cols + j];
    const fromGram = rowGramMinimumNormLeastSquares(wt, rows, cols, b);
    if (noise === 1e-7) {
      assert.equal(fromGram, null, "a singular value of about 1e-8 of the largest is lstsq's to keep: the Jacobi route's");
      continue;
    }
    if (fromGram === null) return assert.fail(`the row Gram route declined a resolved problem (noise ${noise})`);
    const fromJacobi = minimumNormLeastSquares(a, rows, cols, b);
    assert.equal(fromGram.rank, fromJacobi.rank);
    assert.equal(fromGram.rank, noise === null ? rows - 1 : rows - 2);
    close(fromGram.x, [...fromJacobi.x], 1e-10);
  }
});
