import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng, gaussian } from "../../src/stats/rng.js";
import { householderTridiagonal } from "../../src/stats/tridiagonal.js";
import { gram, orthonormalityError } from "./eigenReference.js";

const EPS = Number.EPSILON;

/** max |Q T Q' - A| over the entries, with Q' = basisT and T from its diagonal and subdiagonal. */
function rebuildError(a: Float64Array, n: number, diagonal: Float64Array, offDiagonal: Float64Array, basisT: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let j = 0; j < n; j++) {
        // (Q T)[i][j] = Q[i][j - 1] e[j - 1] + Q[i][j] d[j] + Q[i][j + 1] e[j]
        let qt = basisT[j * n + i] * diagonal[j];
        if (j > 0) qt += basisT[(j - 1) * n + i] * offDiagonal[j - 1];
        if (j + 1 < n) qt += basisT[(j + 1) * n + i] * offDiagonal[j];
        s += qt * basisT[j * n + k];
      }
      worst = Math.max(worst, Math.abs(s - a[i * n + k]));
    }
  }
  return worst;
}

function randomGram(rows: number, cols: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: rows * cols }, () => gaussian(rng));
  return gram(x, rows, cols);
}

test("householderTridiagonal gives A = Q T Q' with Q orthogonal", () => {
  for (const [rows, cols, seed] of [
    [60, 20, 1],
    [5, 5, 2],
    [2, 2, 3],
  ]) {
    const a = randomGram(rows, cols, seed);
    let top = 0;
    for (const v of a) top = Math.max(top, Math.abs(v));
    const { diagonal, offDiagonal, basisT } = householderTridiagonal(Float64Array.from(a), cols);
    assert.ok(rebuildError(a, cols, diagonal, offDiagonal, basisT) <= 8 * cols * EPS * top);
    assert.ok(orthonormalityError(basisT, cols) <= 8 * cols * EPS);
    assert.equal(offDiagonal[cols - 1], 0);
  }
});

test("householderTridiagonal leaves a matrix that is tridiagonal already, or diagonal, as it is", () => {
  const a = Float64Array.of(4, 1, 0, 0, 1, 3, 2, 0, 0, 2, 1, 0, 0, 0, 0, 6);
  const { diagonal, offDiagonal, basisT } = householderTridiagonal(Float64Array.from(a), 4);
  assert.deepEqual([...diagonal], [4, 3, 1, 6]);
  assert.deepEqual([...offDiagonal], [1, 2, 0, 0]);
  assert.deepEqual([...basisT], [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
});

test("householderTridiagonal stops once the rest is rounding noise: the scatter of 8 centred rows in 30 columns reduces in 8 steps", () => {
  const rows = 8;
  const cols = 30;
  const rng = createRng(4);
  const x = Float64Array.from({ length: rows * cols }, () => gaussian(rng));
  for (let j = 0; j < cols; j++) {
    let mean = 0;
    for (let i = 0; i < rows; i++) mean += x[i * cols + j] / rows;
    for (let i = 0; i < rows; i++) x[i * cols + j] -= mean;
  }
  const a = gram(x, rows, cols);
  let top = 0;
  for (const v of a) top = Math.max(top, Math.abs(v));
  const { diagonal, offDiagonal, basisT } = householderTridiagonal(Float64Array.from(a), cols);
  // Rank 7: the Krylov space of e_1 has 8 dimensions (A's range and e_1), so T's leading 8 x 8
  // block holds the spectrum, its last subdiagonal entry is rounding (the 8th step's column), and
  // the reduction stops there, the rest of the subdiagonal exactly 0.
  for (let k = 0; k < 7; k++) assert.ok(Math.abs(offDiagonal[k]) > 1e-3 * top, `subdiagonal ${k}`);
  assert.ok(Math.abs(offDiagonal[7]) <= 1e-9 * top, `subdiagonal 7: ${offDiagonal[7]}`);
  for (let k = 8; k < cols; k++) assert.equal(offDiagonal[k], 0, `subdiagonal ${k}`);
  for (let k = 8; k < cols; k++) assert.ok(Math.abs(diagonal[k]) <= cols * EPS * top, `diagonal ${k}: ${diagonal[k]}`);
  assert.ok(rebuildError(a, cols, diagonal, offDiagonal, basisT) <= 8 * cols * EPS * top);
  assert.ok(orthonormalityError(basisT, cols) <= 8 * cols * EPS);
});
