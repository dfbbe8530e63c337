import assert from "node:assert/strict";
import { test } from "node:test";
import { prepareFolds } from "../../src/evaluate/compareModels.js";
import { classificationTask } from "../../src/evaluate/classificationTask.js";
import { globalFold, prepareGlobal, scoreGlobalFold, type GlobalPart, type GlobalSpec } from "../../src/evaluate/globalFolds.js";
import { globalRows } from "../../src/evaluate/globalGrid.js";
import { regressionTask } from "../../src/evaluate/regressionTask.js";

const header = ["g", "x", "y"];

/** Two groups of regression rows; group b is smaller, so that a --fold-column gives it fewer folds. */
function parts(): GlobalPart[] {
  const make = (g: string, n: number, folds: number): string[][] => Array.from({ length: n }, (_, i) => [g, String((i * 7) % 11), String(g === "a" ? i * 1.5 : 40 - i), String(i % folds)]);
  return [
    { key: ["a"], table: { header: [...header, "f"], rows: make("a", 12, 3) } },
    { key: ["b"], table: { header: [...header, "f"], rows: make("b", 8, 2) } },
  ];
}

const spec = (models: string[], foldColumn: string | null = null): GlobalSpec => ({
  task: "regression",
  target: "y",
  models,
  folds: 3,
  foldColumn,
  trainSize: 1,
  minRows: 0,
  seed: 5,
  features: ["x"],
  by: ["g"],
});

test("global fold k trains on every partition's rows outside its own fold k, and holds out each partition's fold k", () => {
  const work = prepareGlobal(regressionTask, parts(), spec(["dummy"], "f"));
  assert.ok(work.ok);
  assert.deepEqual(work.value.partFolds.map((folds) => folds.length), [3, 2]);
  assert.equal(work.value.folds, 3);
  const seen = new Map<number, number>();
  for (let k = 0; k < 3; k++) {
    const { train, tests } = globalFold(work.value.partFolds, k);
    const trainSet = new Set(train);
    for (const test of tests) for (const row of test ?? []) {
      assert.ok(!trainSet.has(row), "a held-out row is never trained on");
      seen.set(row, (seen.get(row) ?? 0) + 1);
    }
    // b has 2 folds: in the third global fold it holds nothing out and trains with every row.
    if (k === 2) {
      assert.equal(tests[1], null);
      for (let row = 12; row < 20; row++) assert.ok(trainSet.has(row));
    }
  }
  assert.equal(seen.size, 20);
  assert.ok([...seen.values()].every((count) => count === 1), "each row is scored exactly once");
});

test("the global dummy's MAE on a partition equals the mean of |y - mean(global training y)| over that partition's own folds", () => {
  const given = parts();
  const work = prepareGlobal(regressionTask, given, spec(["dummy"]));
  assert.ok(work.ok);
  const answers = Array.from({ length: work.value.folds }, (_, k) => scoreGlobalFold(work.value, k));
  const rows = globalRows(regressionTask, ["Dummy Regressor"], answers, given.length);
  // By hand: each partition's own folds (as its grid makes them), the other partition's rows
  // outside the same fold number added to the training rows.
  const own = given.map((part) => {
    const prepared = prepareFolds(regressionTask, part.table, part.key, spec(["dummy"]), []).work;
    assert.ok(prepared.ok);
    return { y: prepared.value.table.y, folds: prepared.value.table.folds };
  });
  given.forEach((_, p) => {
    const maes = own[p].folds.map((fold, k) => {
      const train: number[] = own.flatMap((other) => (k < other.folds.length ? [...other.folds[k].train] : [...other.folds[0].train, ...other.folds[0].test]).map((i) => other.y[i]));
      const mean = train.reduce((sum, v) => sum + v, 0) / train.length;
      return [...fold.test].reduce((sum, i) => sum + Math.abs(own[p].y[i] - mean), 0) / fold.test.length;
    });
    const expected = maes.reduce((sum, v) => sum + v, 0) / maes.length;
    assert.ok(Math.abs(rows[p][0].mean.MAE - expected) < 1e-9, `${rows[p][0].mean.MAE} vs ${expected}`);
  });
});

test("a classification global model scores each partition in the file's labels; a partition that cannot be folded trains nothing", () => {
  const rows = (g: string, labels: string[]): string[][] => labels.map((label, i) => [g, String(i), label]);
  const given: GlobalPart[] = [
    { key: ["a"], table: { header, rows: rows("a", ["no", "yes", "no", "yes", "no", "yes", "no", "yes"]) } },
    { key: ["b"], table: { header, rows: rows("b", ["no", "no", "no"]) } },
  ];
  const work = prepareGlobal(classificationTask, given, { ...spec(["dummy"]), task: "classification", folds: 2 });
  assert.ok(work.ok);
  assert.deepEqual(work.value.partFolds.map((folds) => folds.length), [2, 0]);
  const answers = [0, 1].map((k) => scoreGlobalFold(work.value, k));
  const [a, b] = globalRows(classificationTask, ["Dummy Classifier"], answers, 2);
  assert.equal(b.length, 0);
  // A balanced training set: the prior dummy's first class wins every tie, so Accuracy is 0.5.
  assert.equal(a[0].mean.Accuracy, 0.5);
});
