import assert from "node:assert/strict";
import { test } from "node:test";
import { chooseUnit, type Holding, type UnitPlace } from "../../src/parallel/unitChoice.js";

const unit = (partition: number, fold: number | null): UnitPlace => ({ partition, fold });
const holding = (partition: number | null, fold: number | null): Holding => ({ partition, fold });
const nothing = holding(null, null);

test("chooseUnit keeps a child on the fold it holds, wherever that fold's units are queued", () => {
  const queue = [unit(0, 1), unit(0, 1), unit(0, 2), unit(0, 0), unit(1, null)];
  assert.equal(chooseUnit(queue, holding(0, 0), [holding(0, 1)]), 3);
});

test("chooseUnit otherwise takes the first unit, in queue order, of a fold no other child holds, or a whole partition", () => {
  const queue = [unit(0, 0), unit(0, 0), unit(0, 1), unit(0, 1), unit(2, null)];
  assert.equal(chooseUnit(queue, nothing, [holding(0, 0)]), 2);
  assert.equal(chooseUnit(queue, nothing, []), 0);
  // The same fold number of another partition is another fold.
  assert.equal(chooseUnit([unit(0, 0), unit(1, 0)], holding(0, 3), [holding(0, 0)]), 1);
  assert.equal(chooseUnit([unit(0, 0), unit(2, null)], nothing, [holding(0, 0)]), 1);
});

test("chooseUnit with only other children's folds left takes the last unit of the fold with most units queued", () => {
  const queue = [unit(0, 0), unit(0, 1), unit(0, 1), unit(0, 1), unit(0, 0)];
  assert.equal(chooseUnit(queue, holding(0, 5), [holding(0, 0), holding(0, 1)]), 3);
  // Ties go to the fold queued first.
  assert.equal(chooseUnit([unit(0, 1), unit(0, 0), unit(0, 1), unit(0, 0)], nothing, [holding(0, 0), holding(0, 1)]), 2);
});

test("chooseUnit on an empty queue says there is nothing to take", () => {
  assert.equal(chooseUnit([], holding(0, 0), [holding(0, 1)]), -1);
});
