import assert from "node:assert/strict";
import { test } from "node:test";
import { DecisionTreeClassifier } from "../../src/models/decisionTree.js";
import { FriedmanTreeGrower } from "../../src/models/friedmanTree.js";
import { GiniCriterion } from "../../src/models/giniCriterion.js";
import { GradientBoostingClassifier } from "../../src/models/gradientBoostingClassifier.js";
import { heldInstance } from "../../src/models/heldShapes.js";
import { HistGradientBoostingClassifier } from "../../src/models/histGradientBoostingClassifier.js";
import { HistogramGrower } from "../../src/models/histogramGrower.js";
import { TreeBuffer } from "../../src/models/treeGrowth.js";
import { createMatrix } from "../../src/stats/matrix.js";
import { createRng } from "../../src/stats/rng.js";

function table(rows: number): { X: ReturnType<typeof createMatrix>; y: Uint32Array } {
  const rng = createRng(7);
  const X = createMatrix(rows, 3, Float64Array.from({ length: rows * 3 }, () => rng.next()));
  const y = Uint32Array.from({ length: rows }, (_, i) => (X.data[i * 3] + 0.3 * X.data[i * 3 + 1] > 0.6 ? 1 : 0));
  return { X, y };
}

test("a tree's fit leaves its latest criterion and tree buffer held, so that their hidden classes outlive the fit", () => {
  const { X, y } = table(60);
  new DecisionTreeClassifier({ rng: createRng(1) }).fit(X, y, 2);
  assert.ok(heldInstance(GiniCriterion) instanceof GiniCriterion);
  assert.ok(heldInstance(TreeBuffer) instanceof TreeBuffer);
});

test("a boosting fit leaves a one-row grower held in place of its own, not the fit's buffers", () => {
  const { X, y } = table(80);
  new GradientBoostingClassifier({ rng: createRng(2) }).fit(X, y, 2);
  const friedman = heldInstance(FriedmanTreeGrower);
  assert.ok(friedman instanceof FriedmanTreeGrower);
  assert.equal(friedman.leafOfRow.length, 1);
  new HistGradientBoostingClassifier({}).fit(X, y, 2);
  const histogram = heldInstance(HistogramGrower);
  assert.ok(histogram instanceof HistogramGrower);
  // The held grower grows on its one row: one leaf, that row.
  const grown = histogram.grow(new Float32Array([0.5]), null);
  assert.equal(grown.partition.length, 1);
});
