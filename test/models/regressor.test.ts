import assert from "node:assert/strict";
import { test } from "node:test";
import { AdaBoostRegressor } from "../../src/models/adaBoostRegressor.js";
import { DecisionTreeRegressor } from "../../src/models/decisionTreeRegressor.js";
import { ElasticNet } from "../../src/models/elasticNet.js";
import { ExtraTreesRegressor } from "../../src/models/extraTreesRegressor.js";
import { createMatrix } from "../../src/stats/matrix.js";
import { KNeighborsRegressor } from "../../src/models/kNeighborsRegressor.js";
import { Lasso } from "../../src/models/lasso.js";
import { LinearRegression } from "../../src/models/linearRegression.js";
import { RandomForestRegressor } from "../../src/models/randomForestRegressor.js";
import type { Regressor } from "../../src/models/regressor.js";
import { Ridge } from "../../src/models/ridge.js";
import { createRng } from "../../src/stats/rng.js";
import { matrix } from "./regressionReference.js";

/** Every regressor but the dummy (which reads only the rows of X) checks its input at the door. */
const REGRESSORS: Readonly<Record<string, () => Regressor>> = {
  LinearRegression: () => new LinearRegression(),
  Ridge: () => new Ridge(),
  Lasso: () => new Lasso(),
  ElasticNet: () => new ElasticNet(),
  KNeighborsRegressor: () => new KNeighborsRegressor(),
  DecisionTreeRegressor: () => new DecisionTreeRegressor({ rng: createRng(1) }),
  RandomForestRegressor: () => new RandomForestRegressor({ rng: createRng(1), nEstimators: 3 }),
  ExtraTreesRegressor: () => new ExtraTreesRegressor({ rng: createRng(1), nEstimators: 3 }),
  AdaBoostRegressor: () => new AdaBoostRegressor({ rng: createRng(1), nEstimators: 3 }),
};

const X = matrix([[1, 2], [2, 1], [3, 5], [4, 4], [5, 0], [6, 3]]);
const y = Float64Array.from([1, 2, 2.5, 4, 5.5, 6]);

for (const [name, make] of Object.entries(REGRESSORS)) {
  test(`${name} refuses NaN or infinite features and targets, and mismatched shapes, naming the row`, () => {
    const bad = Float64Array.from(X.data);
    bad[7] = NaN;
    assert.throws(() => make().fit(createMatrix(6, 2, bad), y), /feature 1 row 3 is NaN/);
    assert.throws(() => make().fit(X, Float64Array.from(y, (v, i) => (i === 2 ? Infinity : v))), /target at row 2 is Infinity/);
    assert.throws(() => make().fit(X, y.subarray(0, 5)), /6 rows but 5 targets/);
    assert.throws(() => make().fit(createMatrix(0, 2), new Float64Array(0)), /zero rows/);
    const fitted = make().fit(X, y);
    assert.throws(() => fitted.predict(matrix([[1, 2, 3]])), /fitted on 2 features, got 3/);
    assert.throws(() => fitted.predict(matrix([[1, -Infinity]])), /feature 1 row 0 is -Infinity/);
    assert.throws(() => make().predict(X), /not fitted/);
  });

  test(`${name} predicts one finite value per row and does not change its training data`, () => {
    const before = Float64Array.from(X.data);
    const predictions = make().fit(X, y).predict(matrix([[0, 0], [3.5, 2.5], [10, 10]]));
    assert.equal(predictions.length, 3);
    for (const v of predictions) assert.ok(Number.isFinite(v));
    assert.deepEqual(X.data, before);
  });
}

test("the finiteness check finds a bad value anywhere in a large matrix, named by its first place", () => {
  const rows = 3001;
  const data = Float64Array.from({ length: rows * 5 }, (_, k) => Math.sin(k));
  const target = Float64Array.from({ length: rows }, (_, i) => Math.cos(i));
  const fitted = new LinearRegression().fit(createMatrix(rows, 5, data), target);
  assert.equal(fitted.predict(createMatrix(rows, 5, data)).length, rows);
  for (const [at, value] of [[rows * 5 - 1, Infinity], [7777, NaN], [0, -Infinity]] as const) {
    const bad = Float64Array.from(data);
    bad[at] = value;
    // A second bad value later on: the message names the first.
    bad[rows * 5 - 2] = NaN;
    const first = Math.min(at, rows * 5 - 2);
    const named = new RegExp(`feature ${first % 5} row ${Math.floor(first / 5)} is ${String(bad[first]).replace("+", "\\+")}`);
    assert.throws(() => new LinearRegression().fit(createMatrix(rows, 5, bad), target), named);
    assert.throws(() => fitted.predict(createMatrix(rows, 5, bad)), named);
  }
  const badTarget = Float64Array.from(target);
  badTarget[2999] = NaN;
  assert.throws(() => new LinearRegression().fit(createMatrix(rows, 5, data), badTarget), /target at row 2999 is NaN/);
});
