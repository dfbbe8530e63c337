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

const modelUnit = (partition: number, fold: number, model: number): UnitPlace => ({ partition, fold, model });
const byModel = (costs: readonly number[]) => (place: UnitPlace) => costs[place.model ?? 0];

test("chooseUnit takes a fold's costliest unit first, its own fold's or a free fold's, the first in queue order on ties", () => {
  const costs = [1, 5, 2, 5];
  const queue = [modelUnit(0, 0, 0), modelUnit(0, 0, 1), modelUnit(0, 1, 0), modelUnit(0, 1, 1), modelUnit(0, 1, 2), modelUnit(0, 0, 3)];
  assert.equal(chooseUnit(queue, holding(0, 0), [], byModel(costs)), 1);
  assert.equal(chooseUnit(queue, holding(0, 5), [holding(0, 0)], byModel(costs)), 3);
  // Unknown costs (Infinity) come before known ones.
  assert.equal(chooseUnit(queue, holding(0, 1), [], byModel([1, 5, Infinity, 5])), 4);
});

test("chooseUnit helping with another child's fold takes its cheapest unit, the last in queue order on ties", () => {
  const queue = [modelUnit(0, 0, 0), modelUnit(0, 0, 1), modelUnit(0, 0, 2), modelUnit(0, 0, 3)];
  assert.equal(chooseUnit(queue, holding(0, 9), [holding(0, 0)], byModel([3, 1, 4, 2])), 1);
  assert.equal(chooseUnit(queue, holding(0, 9), [holding(0, 0)], byModel([1, 3, 1, 2])), 2);
});

test("chooseUnit with costs leaves the cheap units of the last fold to the end, where two children meet", () => {
  // Two children share one fold's queue of models with these costs: the holder from the costly
  // end, the helper from the cheap end; the last unit started is a cheap one.
  const costs = [0.1, 3, 0.2, 2, 0.05, 1];
  const queue: UnitPlace[] = costs.map((_, m) => modelUnit(0, 0, m));
  const holder = holding(0, 0);
  const helper = holding(0, 1);
  const taken: number[] = [];
  for (let turn = 0; queue.length > 0; turn++) {
    const u = turn % 2 === 0 ? chooseUnit(queue, holder, [helper], byModel(costs)) : chooseUnit(queue, helper, [holder], byModel(costs));
    taken.push(queue[u].model ?? -1);
    queue.splice(u, 1);
  }
  assert.deepEqual(taken, [1, 4, 3, 0, 5, 2]);
});
