import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng, gaussian } from "../../src/stats/rng.js";
import { symmetricEigen } from "../../src/stats/symmetricEigen.js";
import { gram, jacobiEigen, orthonormalityError, projectorDistance, randomOrthogonal, reconstructionError, withSpectrum } from "./eigenReference.js";

const EPS = Number.EPSILON;

/** A v_j = lambda_j v_j, the v_j orthonormal, the lambda_j descending and summing to the trace. */
function assertEigen(a: Float64Array, n: number, tolerance: number): void {
  const { values, vectors } = symmetricEigen(a, n);
  let trace = 0;
  for (let i = 0; i < n; i++) trace += a[i * n + i];
  let scale = 0;
  for (const v of values) scale = Math.max(scale, Math.abs(v));
  assert.ok(Math.abs(values.reduce((s, v) => s + v, 0) - trace) <= tolerance * Math.max(1, scale));
  for (let j = 0; j < n; j++) {
    if (j > 0) assert.ok(values[j - 1] >= values[j]);
    for (let i = 0; i < n; i++) {
      let av = 0;
      for (let k = 0; k < n; k++) av += a[i * n + k] * vectors[j * n + k];
      assert.ok(Math.abs(av - values[j] * vectors[j * n + i]) <= tolerance * Math.max(1, scale), `A v_${j} row ${i}`);
    }
  }
  assert.ok(orthonormalityError(vectors, n) <= 1e-12);
}

/**
 * symmetricEigen against the Jacobi reference on the same matrix: eigenvalues within `ulps` eps of
 * the largest (most of that is the reference's: on the known spectra below Jacobi is off by up to
 * 84 eps of the largest, symmetricEigen by 8), the same invariant subspace for each group of eigenvalues equal to within
 * `gap` of the largest (the vectors up to sign and rotation inside such a group), A rebuilt from
 * the decomposition to 8 n eps of the largest, the vectors orthonormal to 8 n eps.
 */
function assertMatchesJacobi(a: Float64Array, n: number, ulps: number, gap = 1e-9): void {
  const ours = symmetricEigen(a, n);
  const reference = jacobiEigen(a, n);
  const top = Math.max(Math.abs(reference.values[0]), Math.abs(reference.values[n - 1]));
  for (let j = 0; j < n; j++) {
    assert.ok(Math.abs(ours.values[j] - reference.values[j]) <= ulps * EPS * top, `value ${j}: ${ours.values[j]} against ${reference.values[j]}`);
  }
  let from = 0;
  for (let j = 1; j <= n; j++) {
    if (j < n && reference.values[j - 1] - reference.values[j] <= gap * top) continue;
    const distance = projectorDistance(ours.vectors, reference.vectors, n, from, j);
    assert.ok(distance <= 1e-6, `the space of values ${from}..${j - 1} (${reference.values[from]}) moved by ${distance}`);
    from = j;
  }
  assert.ok(reconstructionError(a, n, ours.values, ours.vectors) <= 8 * n * EPS * top);
  assert.ok(orthonormalityError(ours.vectors, n) <= 8 * n * EPS);
}

/** The number of values at most p eps of the largest, as the callers' rank tests count them. */
function nearZero(values: Float64Array, p: number): number {
  return values.filter((v) => Math.abs(v) <= p * EPS * values[0]).length;
}

function randomRows(rows: number, cols: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: rows * cols }, () => gaussian(rng));
}

/** Centres each column (as the callers' scatter matrices are of centred rows). */
function centred(x: Float64Array, rows: number, cols: number): Float64Array {
  const out = Float64Array.from(x);
  for (let j = 0; j < cols; j++) {
    let mean = 0;
    for (let i = 0; i < rows; i++) mean += x[i * cols + j];
    mean /= rows;
    for (let i = 0; i < rows; i++) out[i * cols + j] -= mean;
  }
  return out;
}

test("symmetricEigen decomposes a random Gram matrix and a diagonal one", () => {
  const rng = createRng(11);
  const rows = 30;
  const n = 8;
  const x = Float64Array.from({ length: rows * n }, () => rng.next() - 0.5);
  assertEigen(gram(x, rows, n), n, 1e-12);
  const { values, vectors } = symmetricEigen(Float64Array.from([2, 0, 0, 0, 5, 0, 0, 0, -1]), 3);
  assert.deepEqual([...values], [5, 2, -1]);
  assert.deepEqual([...vectors], [0, 1, 0, 1, 0, 0, 0, 0, 1]);
});

test("symmetricEigen finds the zero eigenvalue of a singular matrix and refuses a wrong size", () => {
  // [[1, 1], [1, 1]]: eigenvalues 2 and 0, eigenvectors (1, 1) and (1, -1) over sqrt 2.
  const { values, vectors } = symmetricEigen(Float64Array.from([1, 1, 1, 1]), 2);
  assert.ok(Math.abs(values[0] - 2) < 1e-15 && Math.abs(values[1]) < 1e-15, `${[...values]}`);
  assert.ok(Math.abs(Math.abs(vectors[0]) - Math.SQRT1_2) < 1e-15 && Math.abs(vectors[0] - vectors[1]) < 1e-15);
  assert.throws(() => symmetricEigen(new Float64Array(3), 2), /expected 2 x 2/);
});

test("symmetricEigen recovers a known spectrum to a few eps of the largest eigenvalue, repeated eigenvalues included", () => {
  const rng = createRng(3);
  const spectra = [
    [9, 7, 7, 7, 4, 2, 2, 0, 0, 0, -1, -3],
    Array.from({ length: 40 }, (_, j) => (j < 25 ? 100 / (j + 1) : 0)),
    Array.from({ length: 30 }, (_, j) => 10 ** (-j / 3)),
    Array.from({ length: 20 }, (_, j) => (j % 2 === 0 ? 1 : -1)),
  ];
  for (const spectrum of spectra) {
    const n = spectrum.length;
    const q = randomOrthogonal(n, rng);
    const a = withSpectrum(spectrum, q);
    const { values, vectors } = symmetricEigen(a, n);
    const sorted = [...spectrum].sort((x, y) => y - x);
    const top = Math.max(...spectrum.map(Math.abs));
    sorted.forEach((v, j) => assert.ok(Math.abs(values[j] - v) <= 4 * Math.sqrt(n) * EPS * top, `n ${n} value ${j}: ${values[j]} against ${v}`));
    // Each group of equal eigenvalues spans the same space as Q's columns for it.
    const expected = new Float64Array(n * n);
    const order = Array.from({ length: n }, (_, j) => j).sort((x, y) => spectrum[y] - spectrum[x]);
    order.forEach((k, rank) => {
      for (let i = 0; i < n; i++) expected[rank * n + i] = q[i * n + k];
    });
    for (let from = 0; from < n; ) {
      let to = from + 1;
      while (to < n && sorted[to] === sorted[from]) to++;
      // A group close to others (the graded spectrum's tail) is determined only as far as its gap allows.
      const gap = Math.min(from > 0 ? sorted[from - 1] - sorted[from] : Infinity, to < n ? sorted[to - 1] - sorted[to] : Infinity);
      const distance = projectorDistance(vectors, expected, n, from, to);
      assert.ok(distance <= (8 * n * EPS * top) / gap, `n ${n} values ${from}..${to - 1}: the space moved by ${distance}`);
      from = to;
    }
  }
});

test("symmetricEigen matches the Jacobi method on rank-deficient Gram matrices, and resolves their zero eigenvalues to within p eps of the largest", () => {
  // One-hot blocks whose columns sum to 1 in every row (centred: their sum is a zero direction),
  // beside numeric columns, a duplicated column and a constant column.
  const rng = createRng(5);
  const rows = 120;
  const levels = [2, 5, 9];
  const numeric = 4;
  const cols = numeric + levels.reduce((s, l) => s + l, 0) + 2;
  const x = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    let at = i * cols;
    for (let j = 0; j < numeric; j++) x[at++] = gaussian(rng);
    for (const l of levels) {
      x[at + Math.floor(rng.next() * l)] = 1;
      at += l;
    }
    x[at++] = x[i * cols];
    x[at++] = 3;
  }
  const g = gram(centred(x, rows, cols), rows, cols);
  assertMatchesJacobi(g, cols, 96);
  // Each one-hot block's sum, the duplicate's difference and the constant column.
  const { values } = symmetricEigen(g, cols);
  assert.equal(nearZero(values, cols), levels.length + 2);
  assert.ok(values[cols - levels.length - 3] > 1e6 * cols * EPS * values[0]);
  assert.equal(nearZero(jacobiEigen(g, cols).values, cols), levels.length + 2);
});

test("symmetricEigen finds n - 1 non-zero eigenvalues of the scatter of n < p centred rows, the rest within p eps of 0", () => {
  for (const [rows, cols, seed] of [
    [12, 40, 1],
    [24, 65, 2],
    [3, 10, 3],
  ]) {
    const g = gram(centred(randomRows(rows, cols, seed), rows, cols), rows, cols);
    assertMatchesJacobi(g, cols, 96);
    const { values } = symmetricEigen(g, cols);
    assert.equal(nearZero(values, cols), cols - rows + 1, `${rows} x ${cols}`);
    assert.ok(values[rows - 2] > 1e6 * cols * EPS * values[0]);
  }
});

test("symmetricEigen converges where the reduction leaves a block of rounding noise before a full-rank one", () => {
  // The scatter of 24 centred rows in 60 columns (rank 23), then a full-rank 6 x 6 block: the
  // reduction cannot stop at the noise, and the QL sweeps meet subdiagonals of rounding size
  // between diagonal entries of rounding size, where a test relative to those alone never passes.
  const rows = 24;
  const cols = 60;
  const extra = 6;
  const n = cols + extra;
  // Without the absolute split, 2 of these 8 (5 and 7) stall for 30 sweeps.
  for (let seed = 1; seed <= 8; seed++) {
    const g = gram(centred(randomRows(rows, cols, seed), rows, cols), rows, cols);
    const c = gram(randomRows(3 * extra, extra, seed + 100), 3 * extra, extra);
    const a = new Float64Array(n * n);
    for (let i = 0; i < cols; i++) for (let j = 0; j < cols; j++) a[i * n + j] = g[i * cols + j];
    for (let i = 0; i < extra; i++) for (let j = 0; j < extra; j++) a[(cols + i) * n + cols + j] = 10 * c[i * extra + j];
    assertMatchesJacobi(a, n, 96);
    assert.equal(nearZero(symmetricEigen(a, n).values, n), cols - rows + 1);
  }
});

test("symmetricEigen matches the Jacobi method on full-rank Gram matrices and on indefinite matrices", () => {
  for (const [rows, cols, seed] of [
    [200, 66, 7],
    [50, 17, 8],
  ]) {
    assertMatchesJacobi(gram(randomRows(rows, cols, seed), rows, cols), cols, 96);
  }
  const n = 25;
  const rng = createRng(9);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = gaussian(rng);
  assertMatchesJacobi(a, n, 96);
});

test("symmetricEigen gives 1 x 1, 2 x 2, zero and empty matrices exactly, and equal eigenvalues in index order", () => {
  assert.deepEqual(symmetricEigen(Float64Array.of(-4), 1), { values: Float64Array.of(-4), vectors: Float64Array.of(1) });
  assert.deepEqual(symmetricEigen(new Float64Array(9), 3), { values: new Float64Array(3), vectors: Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1) });
  assert.deepEqual(symmetricEigen(new Float64Array(0), 0), { values: new Float64Array(0), vectors: new Float64Array(0) });
  // [[2, 1], [1, 2]]: 3 along (1, 1), 1 along (1, -1).
  const { values, vectors } = symmetricEigen(Float64Array.of(2, 1, 1, 2), 2);
  assert.ok(Math.abs(values[0] - 3) <= 4 * EPS && Math.abs(values[1] - 1) <= 4 * EPS, `${[...values]}`);
  assert.ok(Math.abs(Math.abs(vectors[0]) - Math.SQRT1_2) <= 2 * EPS && Math.abs(vectors[0] - vectors[1]) <= 2 * EPS);
  assert.ok(Math.abs(Math.abs(vectors[2]) - Math.SQRT1_2) <= 2 * EPS && Math.abs(vectors[2] + vectors[3]) <= 2 * EPS);
  // The identity: every eigenvalue 1, the unit vectors in index order, every time.
  const identity = new Float64Array(16);
  for (let i = 0; i < 4; i++) identity[i * 4 + i] = 1;
  assert.deepEqual(symmetricEigen(identity, 4), { values: Float64Array.of(1, 1, 1, 1), vectors: identity });
  // A block-diagonal matrix stays in its blocks, the diagonal block exact.
  const blocks = Float64Array.of(2, 1, 0, 0, 1, 2, 0, 0, 0, 0, 7, 0, 0, 0, 0, 5);
  const split = symmetricEigen(blocks, 4);
  assert.deepEqual([...split.values.slice(0, 2)], [7, 5]);
  assert.deepEqual([...split.vectors.slice(0, 8)], [0, 0, 1, 0, 0, 0, 0, 1]);
});

test("symmetricEigen scales: c A gives c times A's eigenvalues and A's eigenvectors, for c from 1e-300 to 1e300", () => {
  // Jacobi's off-diagonal sum of squares overflowed (or underflowed to 0) beyond 1e154 (below
  // 1e-154), and it returned the diagonal as the eigenvalues.
  const rows = 40;
  const cols = 12;
  const g = gram(centred(randomRows(rows, cols, 4), rows, cols), rows, cols);
  const base = symmetricEigen(g, cols);
  // Powers of 2 scale exactly: the very same bits.
  for (const c of [2 ** 600, 2 ** -600]) {
    const scaled = symmetricEigen(Float64Array.from(g, (v) => v * c), cols);
    assert.deepEqual(scaled.vectors, base.vectors);
    assert.deepEqual(scaled.values, Float64Array.from(base.values, (v) => v * c));
  }
  for (const c of [1e300, 1e-300, 3e-200]) {
    const scaled = symmetricEigen(Float64Array.from(g, (v) => v * c), cols);
    base.values.forEach((v, j) => assert.ok(Math.abs(scaled.values[j] / c - v) <= 64 * EPS * base.values[0], `c ${c} value ${j}`));
    assert.ok(projectorDistance(scaled.vectors, base.vectors, cols, 0, cols - 1) <= 1e-9);
  }
});

test("symmetricEigen refuses a matrix with a value that is not finite instead of returning NaN", () => {
  for (const bad of [NaN, Infinity, -Infinity]) {
    assert.throws(() => symmetricEigen(Float64Array.of(1, bad, bad, 1), 2), /not finite/);
  }
});
