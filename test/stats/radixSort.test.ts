import assert from "node:assert/strict";
import { test } from "node:test";
import { float32Bits, float32Key, radixSort } from "../../src/stats/radixSort.js";
import { createRng } from "../../src/stats/rng.js";

const bitsOf = (v: number): number => new Uint32Array(Float32Array.of(v).buffer)[0];

test("float32Key orders float32 values as the typed arrays' sort does, -0 before 0, and float32Bits undoes it", () => {
  const values = [3.5, -0, 0, -1e30, 1e-40, -2, 1, -1e-40, 0.1];
  const byKey = [...values].sort((a, b) => float32Key(bitsOf(a)) - float32Key(bitsOf(b)));
  const sorted = [...Float32Array.from(values).sort()];
  assert.deepEqual(byKey.map((v) => Object.is(v, -0) ? "-0" : Math.fround(v)), sorted.map((v) => Object.is(v, -0) ? "-0" : v));
  for (const v of values) assert.equal(float32Bits(float32Key(bitsOf(v))), bitsOf(v));
});

test("radixSort sorts keys ascending, stably, carrying each key's row, including keys that share digits", () => {
  const rng = createRng(3);
  for (const spread of [2, 40, 1 << 30]) {
    // Few distinct keys (ties, shared low digits when spread is 2 or 40) and many.
    const n = 500;
    const keys = Uint32Array.from({ length: n }, () => ((rng.int(spread) << 12) | 0x800) >>> 0);
    const rows = Uint32Array.from({ length: n }, (_, i) => i);
    const expected = [...rows].sort((a, b) => keys[a] - keys[b] || a - b);
    const original = keys.slice();
    radixSort(keys, rows, new Uint32Array(n), new Uint32Array(n));
    assert.deepEqual([...rows], expected);
    assert.deepEqual([...keys], expected.map((i) => original[i]));
  }
});

test("radixSort leaves an empty or one-key array as it is", () => {
  const keys = Uint32Array.of(7, 7, 7);
  const rows = Uint32Array.of(0, 1, 2);
  radixSort(keys, rows, new Uint32Array(3), new Uint32Array(3));
  assert.deepEqual([...rows], [0, 1, 2]);
  radixSort(new Uint32Array(0), new Uint32Array(0), new Uint32Array(0), new Uint32Array(0));
});
