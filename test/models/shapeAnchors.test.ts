import assert from "node:assert/strict";
import { test } from "node:test";
import { CLASSIFIERS } from "../../src/models/classifiers.js";
import { REGRESSORS } from "../../src/models/regressors.js";
import { anchorModelShapes, anchoredClasses } from "../../src/models/shapeAnchors.js";
import { createRng } from "../../src/stats/rng.js";

test("anchorModelShapes holds one instance of every registered model, once however often it is called", () => {
  assert.deepEqual(anchoredClasses(), []);
  anchorModelShapes();
  anchorModelShapes();
  const rng = createRng(1);
  const expected = [...CLASSIFIERS.map((spec) => spec.create(rng).constructor.name), ...REGRESSORS.map((spec) => spec.create(rng).constructor.name)];
  assert.deepEqual(anchoredClasses(), expected);
});
