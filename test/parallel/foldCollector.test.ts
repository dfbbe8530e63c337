import assert from "node:assert/strict";
import { test } from "node:test";
import { FoldCollector, type FoldsChange } from "../../src/parallel/foldCollector.js";

import type { FoldScore } from "../../src/evaluate/compareModels.js";

const first = (scores: readonly (FoldScore | null)[]): number => (scores[0] !== null && "values" in scores[0] ? scores[0].values[0] : NaN);
const answer = (folds: number, score: number) => ({ ok: true as const, folds, notes: [`${folds} folds`], facts: { rows: 10 }, scores: [{ values: [score] }] });

test("FoldCollector completes once every fold is in, in fold order whatever the arrival order, a repeated fold counted once", () => {
  const collector = new FoldCollector(3, 1);
  assert.equal(collector.add(2, [0], answer(3, 0.2)).complete, null);
  assert.equal(collector.add(2, [0], answer(3, 0.9)).complete, null);
  assert.equal(collector.add(0, [0], answer(3, 0.0)).complete, null);
  const { complete, added, droppedFrom } = collector.add(1, [0], answer(3, 0.1));
  assert.deepEqual(added, []);
  assert.equal(droppedFrom, null);
  assert.deepEqual(complete?.map(first), [0, 0.1, 0.2]);
  assert.deepEqual(collector.notes, ["3 folds"]);
  assert.deepEqual(collector.facts, { rows: 10 });
});

test("FoldCollector's first answer sets the fold count: more folds than --folds are added, fewer dropped", () => {
  const more = new FoldCollector(2, 1);
  const counted = more.add(1, [0], answer(4, 1));
  assert.deepEqual(counted.added, [2, 3]);
  assert.equal(counted.droppedFrom, null);
  for (const fold of [0, 2]) assert.equal(more.add(fold, [0], answer(4, fold)).complete, null);
  assert.equal(more.add(3, [0], answer(4, 3)).complete?.length, 4);

  const fewer = new FoldCollector(5, 1);
  const dropped = fewer.add(0, [0], answer(2, 0));
  assert.equal(dropped.droppedFrom, 2);
  assert.deepEqual(dropped.added, []);
  // A fold beyond the count, answered by a child before the count was known, is ignored.
  assert.equal(fewer.add(3, [0], answer(2, 3)).complete, null);
  assert.deepEqual(fewer.add(1, [0], answer(2, 1)).complete?.map(first), [0, 1]);
});

test("FoldCollector fills a fold model by model: complete only when every model of every fold is in", () => {
  const scored = (m: number, value: number) => ({ ok: true as const, folds: 2, notes: [], facts: {}, scores: [0, 1, 2].map((k) => (k === m ? { values: [value] } : null)) });
  const collector = new FoldCollector(2, 3);
  const order: [number, number][] = [[1, 2], [0, 0], [1, 0], [0, 2], [1, 1], [0, 1]];
  const changes = order.map(([fold, m]) => collector.add(fold, [m], scored(m, 10 * fold + m)));
  assert.ok(changes.slice(0, -1).every((change) => change.complete === null));
  const values = (folds: FoldsChange["complete"]) => folds?.map((fold) => fold.map((score) => (score !== null && "values" in score ? score.values[0] : NaN)));
  const expected = [
    [0, 1, 2],
    [10, 11, 12],
  ];
  assert.deepEqual(values(changes[changes.length - 1].complete), expected);
  // A model answered again (a retry that raced its first try) keeps its first answer.
  assert.deepEqual(values(collector.add(1, [1], scored(1, 99)).complete), expected);
});
