import assert from "node:assert/strict";
import { test } from "node:test";
import type { CategoricalColumn, NumericColumn } from "../../src/data/featureColumns.js";
import { fitFeaturePlan, MAX_ONE_HOT_LEVELS } from "../../src/preprocess/featurePlan.js";
import { applyStandardScaler, fitStandardScaler } from "../../src/preprocess/standardScaler.js";

const rows = (...indices: number[]): Uint32Array => Uint32Array.from(indices);

const age: NumericColumn = { kind: "numeric", name: "age", values: Float64Array.from([10, NaN, 30, 1000]) };
const port: CategoricalColumn = {
  kind: "categorical",
  name: "port",
  levels: ["C", "Q", "S"],
  codes: Int32Array.from([2, -1, 0, 1]),
};

test("fitFeaturePlan imputes numeric means from training rows only (no leakage)", () => {
  const plan = fitFeaturePlan([age], rows(0, 1, 2));
  // The mean of 10 and 30; row 3's 1000 is a test row and must not move it.
  assert.deepEqual([...plan.transform(rows(0, 1, 2, 3)).data], [10, 20, 30, 1000]);
});

test("fitFeaturePlan one-hot encodes sorted training levels, mode-imputes, and zeroes unseen levels", () => {
  // Training rows 0..2 hold S, missing, C: a tie between C and S, so the mode is C (smallest).
  const plan = fitFeaturePlan([port], rows(0, 1, 2));
  assert.equal(plan.width, 2);
  const X = plan.transform(rows(0, 1, 2, 3));
  assert.deepEqual([...X.data], [0, 1, /* missing -> C */ 1, 0, 1, 0, /* Q unseen */ 0, 0]);
});

test("fitFeaturePlan frequency-encodes a categorical with more than 25 levels", () => {
  const n = 60;
  const codes = Int32Array.from({ length: n }, (_, i) => (i < 4 ? 0 : i % (MAX_ONE_HOT_LEVELS + 5)));
  const levels = Array.from({ length: MAX_ONE_HOT_LEVELS + 5 }, (_, i) => `L${String(i).padStart(2, "0")}`);
  const column: CategoricalColumn = { kind: "categorical", name: "ticket", levels, codes };
  const train = Uint32Array.from({ length: n }, (_, i) => i);
  const plan = fitFeaturePlan([column], train);
  assert.equal(plan.width, 1);
  const count0 = [...codes].filter((c) => c === 0).length;
  assert.equal(plan.transform(rows(0)).data[0], count0 / n);
});

test("standard scaler z-scores with population std and leaves a constant column at 0", () => {
  const X = { rows: 3, cols: 2, data: Float64Array.from([1, 5, 2, 5, 3, 5]) };
  const scaled = applyStandardScaler(X, fitStandardScaler(X));
  const s = Math.sqrt(2 / 3);
  const expected = [-1 / s, 0, 0, 0, 1 / s, 0];
  scaled.data.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-12, `${v} vs ${expected[i]}`));
});

test("fitFeaturePlan says which feature column each encoded column comes from", () => {
  const plan = fitFeaturePlan([age, port, age], rows(0, 1, 2, 3));
  assert.deepEqual(plan.source, [0, 1, 1, 1, 2]);
  assert.equal(plan.width, 5);
});
