import assert from "node:assert/strict";
import { test } from "node:test";
import { tridiagonalEigen } from "../../src/stats/tridiagonalEigen.js";
import { orthonormalityError } from "./eigenReference.js";

const EPS = Number.EPSILON;

function identity(n: number): Float64Array {
  const z = new Float64Array(n * n);
  for (let i = 0; i < n; i++) z[i * n + i] = 1;
  return z;
}

test("tridiagonalEigen finds the eigenvalues 2 - 2 cos(k pi / (n + 1)) of the second-difference matrix and its sine eigenvectors", () => {
  for (const n of [1, 2, 7, 50]) {
    const diagonal = new Float64Array(n).fill(2);
    const offDiagonal = new Float64Array(n).fill(-1);
    offDiagonal[n - 1] = 0;
    const vectors = identity(n);
    tridiagonalEigen(diagonal, offDiagonal, vectors, n);
    const found = [...diagonal].sort((a, b) => a - b);
    // Eigenvalues below 4: within 8 eps of that.
    found.forEach((v, j) => assert.ok(Math.abs(v - (2 - 2 * Math.cos(((j + 1) * Math.PI) / (n + 1)))) <= 32 * EPS, `n ${n} value ${j}: ${v}`));
    assert.ok(offDiagonal.every((e) => e === 0));
    assert.ok(orthonormalityError(vectors, n) <= 8 * n * EPS);
    // Row j is the eigenvector of diagonal[j]: sin(i k pi / (n + 1)), up to sign and norm.
    for (let j = 0; j < n; j++) {
      const k = Math.round((Math.acos((2 - diagonal[j]) / 2) * (n + 1)) / Math.PI);
      let norm = 0;
      for (let i = 0; i < n; i++) norm += Math.sin(((i + 1) * k * Math.PI) / (n + 1)) ** 2;
      const sign = Math.sign(vectors[j * n]);
      for (let i = 0; i < n; i++) {
        const expected = (sign * Math.sin(((i + 1) * k * Math.PI) / (n + 1))) / Math.sqrt(norm);
        assert.ok(Math.abs(vectors[j * n + i] - expected) <= 1e-12, `n ${n} vector ${j} entry ${i}`);
      }
    }
  }
});

test("tridiagonalEigen splits at a zero subdiagonal and leaves a diagonal matrix and its vectors untouched", () => {
  const diagonal = Float64Array.of(3, -1, 0, 2);
  const offDiagonal = new Float64Array(4);
  const vectors = Float64Array.of(0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0);
  tridiagonalEigen(diagonal, offDiagonal, vectors, 4);
  assert.deepEqual([...diagonal], [3, -1, 0, 2]);
  assert.deepEqual([...vectors], [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0]);
  // Two blocks: [[1, 1], [1, 1]] (2 and 0) and [[5]].
  const blocks = Float64Array.of(1, 1, 5);
  const e = Float64Array.of(1, 0, 0);
  const z = identity(3);
  tridiagonalEigen(blocks, e, z, 3);
  assert.equal(blocks[2], 5);
  assert.deepEqual([...z.slice(6)], [0, 0, 1]);
  assert.ok(Math.abs(Math.max(blocks[0], blocks[1]) - 2) <= 4 * EPS && Math.abs(Math.min(blocks[0], blocks[1])) <= 4 * EPS);
});
