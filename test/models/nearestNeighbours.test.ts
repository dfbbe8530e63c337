import assert from "node:assert/strict";
import { test } from "node:test";
import { createMatrix } from "../../src/stats/matrix.js";
import { nearestNeighbours } from "../../src/models/nearestNeighbours.js";
import { createRng } from "../../src/stats/rng.js";

test("nearestNeighbours lists each query's k nearest rows nearest first, ties to the lower index", () => {
  const train = createMatrix(5, 1, Float64Array.from([4, -1, 1, 0, 2]));
  const query = createMatrix(2, 1, Float64Array.from([0, 3.9]));
  // From 0: row 3 (0), rows 1 and 2 (1, tied), row 4 (2). From 3.9: row 0, row 4, row 2.
  assert.deepEqual([...nearestNeighbours(train, query, 3)], [3, 1, 2, 0, 4, 2]);
});

test("nearestNeighbours gives the same neighbours in blocks of four queries as one at a time", () => {
  const rng = createRng(5);
  const train = createMatrix(50, 3, Float64Array.from({ length: 150 }, () => Math.round(rng.next() * 20)));
  const queries = createMatrix(11, 3, Float64Array.from({ length: 33 }, () => Math.round(rng.next() * 20)));
  const together = nearestNeighbours(train, queries, 5);
  for (let q = 0; q < 11; q++) {
    const alone = nearestNeighbours(train, createMatrix(1, 3, queries.data.slice(q * 3, q * 3 + 3)), 5);
    assert.deepEqual([...together.subarray(q * 5, q * 5 + 5)], [...alone], `query ${q}`);
  }
});

test("nearestNeighbours refuses a k outside 1..rows and a query of another width", () => {
  const train = createMatrix(3, 1, Float64Array.from([1, 2, 3]));
  assert.throws(() => nearestNeighbours(train, train, 0), /k must be an integer in 1..3/);
  assert.throws(() => nearestNeighbours(train, train, 4), /k must be an integer in 1..3/);
  assert.throws(() => nearestNeighbours(train, createMatrix(1, 2), 1), /fitted on 1 features, got 2/);
});
