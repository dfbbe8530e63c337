import assert from "node:assert/strict";
import { test } from "node:test";
import type { CategoricalColumn, FeatureColumn, NumericColumn } from "../../src/data/featureColumns.js";
import { fitFeaturePlan } from "../../src/preprocess/featurePlan.js";
import { applyStandardScaler, fitStandardScaler } from "../../src/preprocess/standardScaler.js";
import { createMatrix, type Matrix } from "../../src/stats/matrix.js";
import { binaryColumns } from "../../src/stats/binaryColumns.js";
import { rareColumns } from "../../src/stats/rareColumns.js";
import { splitScatters } from "../../src/stats/splitScatter.js";
import { createRng, gaussian, type Rng } from "../../src/stats/rng.js";
import { twoValuedColumns } from "../../src/stats/twoValuedColumns.js";

/** The same values with no one-hot blocks: every column read value by value. */
const withoutBlocks = (X: Matrix): Matrix => createMatrix(X.rows, X.cols, X.data);

function categorical(name: string, levels: number, codeOf: (i: number) => number, n: number): CategoricalColumn {
  return { kind: "categorical", name, levels: Array.from({ length: levels }, (_, l) => `${name}${l}`), codes: Int32Array.from({ length: n }, (_, i) => codeOf(i)) };
}

/**
 * A table with every case the blocks must agree with the values on: a level held by most rows
 * (its column's base is "on"), two levels in an exact tie, a column with a single level
 * (constant), missing cells (mode-imputed), levels no training row has (all off on test rows),
 * a 0/1 numeric column (two-valued, outside any block) and plain numeric ones.
 */
function table(rng: Rng, n: number): FeatureColumn[] {
  const u = (): number => rng.next();
  const skew = Int32Array.from({ length: n }, () => (u() < 0.7 ? 0 : 1 + Math.floor(u() * 4)));
  const columns: FeatureColumn[] = [
    { kind: "numeric", name: "x", values: Float64Array.from({ length: n }, () => gaussian(rng)) } satisfies NumericColumn,
    categorical("major", 5, (i) => skew[i], n),
    categorical("tie", 2, (i) => i % 2, n),
    { kind: "numeric", name: "flag", values: Float64Array.from({ length: n }, () => (u() < 0.3 ? 1 : 0)) } satisfies NumericColumn,
    categorical("single", 1, () => 0, n),
    categorical("missing", 4, () => (u() < 0.2 ? -1 : Math.floor(u() * 3)), n),
    // Level 6 only on the last rows: unseen when they are test rows.
    categorical("rare", 7, (i) => (i >= n - 5 ? 6 : Math.floor(u() * 6)), n),
    { kind: "numeric", name: "z", values: Float64Array.from({ length: n }, () => 10 + gaussian(rng)) } satisfies NumericColumn,
  ];
  return columns;
}

function prepared(seed: number, n: number, trainRows: number): { train: Matrix; test: Matrix }[] {
  const columns = table(createRng(seed), n);
  const train = Uint32Array.from({ length: trainRows }, (_, i) => i);
  const test = Uint32Array.from({ length: n - trainRows }, (_, i) => trainRows + i);
  const plan = fitFeaturePlan(columns, train);
  const plain = { train: plan.transform(train), test: plan.transform(test) };
  const scaler = fitStandardScaler(plain.train);
  return [plain, { train: applyStandardScaler(plain.train, scaler), test: applyStandardScaler(plain.test, scaler) }];
}

test("the feature plan's one-hot blocks describe its matrices exactly, scaled or not", () => {
  for (const { train, test } of prepared(3, 120, 100)) {
    for (const X of [train, test]) {
      const blocks = X.oneHot ?? [];
      assert.equal(blocks.length, 5);
      for (const { first, width, level } of blocks) {
        for (let k = 0; k < width; k++) {
          const on = new Set<number>();
          const off = new Set<number>();
          for (let i = 0; i < X.rows; i++) (level[i] === k ? on : off).add(X.data[i * X.cols + first + k]);
          assert.ok(on.size <= 1 && off.size <= 1, `column ${first + k}: one value on, one off`);
          if (on.size === 1 && off.size === 1) assert.notEqual([...on][0], [...off][0]);
        }
      }
    }
  }
});

test("twoValuedColumns finds from the blocks exactly what it finds from the values, for any grouping", () => {
  for (const seed of [1, 2, 3]) {
    for (const { train, test } of prepared(seed, 150, 120)) {
      for (const X of [train, test]) {
        for (const groups of [1, 3]) {
          const group = groups === 1 ? null : Uint32Array.from({ length: X.rows }, (_, i) => (i * 7) % 3);
          const fromBlocks = twoValuedColumns(X, group, groups, X.cols);
          const fromValues = twoValuedColumns(withoutBlocks(X), group, groups, X.cols);
          assert.notEqual(fromValues, null);
          assert.deepEqual(fromBlocks, fromValues, `seed ${seed}, ${X.rows} rows, ${groups} groups`);
        }
      }
    }
  }
});

test("rareColumns builds from the blocks the same split it builds from the values", () => {
  for (const seed of [1, 2, 3, 4]) {
    for (const { train, test } of prepared(seed, 150, 120)) {
      for (const X of [train, test]) {
        const fromBlocks = rareColumns(X);
        assert.notEqual(fromBlocks, null);
        assert.deepEqual(fromBlocks, rareColumns(withoutBlocks(X)), `seed ${seed}, ${X.rows} rows`);
      }
    }
  }
});

test("binaryColumns lists from the blocks the same entries it lists from the values", () => {
  for (const seed of [1, 2, 3]) {
    for (const { train, test } of prepared(seed, 150, 120)) {
      for (const X of [train, test]) {
        const fromBlocks = binaryColumns(X, 1);
        assert.notEqual(fromBlocks, null);
        assert.deepEqual(fromBlocks, binaryColumns(withoutBlocks(X), 1), `seed ${seed}, ${X.rows} rows`);
      }
    }
  }
});

test("splitScatters sums from the blocks exactly what it sums from the values, for any grouping and shifts", () => {
  for (const seed of [1, 2, 3]) {
    for (const { train, test } of prepared(seed, 150, 120)) {
      for (const X of [train, test]) {
        for (const groups of [1, 3]) {
          const group = groups === 1 ? null : Uint32Array.from({ length: X.rows }, (_, i) => (i * 7) % 3);
          const rng = createRng(seed + groups);
          const shifts = Float64Array.from({ length: groups * X.cols }, () => gaussian(rng));
          for (const shift of [null, shifts]) {
            const fromBlocks = splitScatters(X, group, groups, shift);
            assert.notEqual(fromBlocks, null);
            assert.deepEqual(fromBlocks, splitScatters(withoutBlocks(X), group, groups, shift), `seed ${seed}, ${X.rows} rows, ${groups} groups`);
          }
        }
      }
    }
  }
});

test("splitScatters' kernel sums what its JavaScript loops sum, bit for bit, over several blocks of rows", () => {
  for (const { train, test } of prepared(4, 1400, 1150)) {
    for (const X of [train, test]) {
      for (const groups of [1, 3]) {
        const group = groups === 1 ? null : Uint32Array.from({ length: X.rows }, (_, i) => (i * 7 + (X.data[i * X.cols] > 0 ? 1 : 0)) % 3);
        const rng = createRng(groups);
        const shifts = Float64Array.from({ length: groups * X.cols }, () => gaussian(rng));
        for (const shift of [null, shifts]) {
          const withKernel = splitScatters(X, group, groups, shift, true);
          assert.notEqual(withKernel, null);
          assert.deepEqual(withKernel, splitScatters(X, group, groups, shift, false), `${X.rows} rows, ${groups} groups`);
        }
      }
    }
  }
});

test("createMatrix refuses blocks that do not fit the matrix", () => {
  const level = new Int32Array(2);
  assert.throws(() => createMatrix(2, 3, new Float64Array(6), [{ first: 2, width: 2, level }]), /does not fit/);
  assert.throws(() => createMatrix(2, 3, new Float64Array(6), [{ first: 0, width: 2, level: new Int32Array(3) }]), /does not fit/);
  assert.throws(() => createMatrix(2, 3, new Float64Array(6), [{ first: 0, width: 2, level }, { first: 1, width: 1, level }]), /does not fit/);
});
