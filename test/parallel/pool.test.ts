import assert from "node:assert/strict";
import { test } from "node:test";
import { rowText } from "../../src/data/rowText.js";
import type { GridSpec } from "../../src/evaluate/compareModels.js";
import type { PartitionResult } from "../../src/evaluate/grid.js";
import { SpareChildren } from "../../src/parallel/childPool.js";
import { scorePartitions, splitThreshold, type PartitionJob } from "../../src/parallel/pool.js";

/**
 * The pool's fold-by-fold scheduling, driven directly (the CLI tests cover the whole run): a
 * partition cut into one unit per model and fold must give the grid its whole-partition scoring gives,
 * whatever the number of folds turns out to be, and survive its children dying.
 */
const header = ["g", "x", "z", "colour", "fold", "y"];

/** Rows of partition g: x and z numeric, a categorical, a fold column with `foldValues` values, a no/yes target. */
function partition(g: string, rows: number, foldValues: number, oneClass = false): PartitionJob {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const x = (i * 37) % 101;
    const z = (i * 53) % 17;
    const colour = ["red", "green", "blue", "teal"][(i * 7) % 4];
    const y = oneClass ? "no" : (x + 3 * z + (colour === "red" ? 30 : 0) + ((i * 13) % 29)) % 100 < 55 ? "no" : "yes";
    lines.push(rowText([g, String(x), String(z), colour, String(i % foldValues), y]));
  }
  return { key: [g], lines };
}

const spec: GridSpec = {
  task: "classification",
  target: "y",
  models: ["lr", "nb", "knn", "dt"],
  folds: 4,
  foldColumn: null,
  trainSize: 0.8,
  minRows: 0,
  seed: 11,
  features: ["x", "z", "colour"],
};

function withoutTime(results: readonly PartitionResult[]): unknown[] {
  return results.map((result) => ({
    ...result,
    rows: result.rows.map((row) => ({ model: row.model, mean: { ...row.mean, TT_Sec: 0 }, sd: { ...row.sd, TT_Sec: 0 } })),
  }));
}

const jobs = [partition("big", 240, 3), partition("small", 90, 3), partition("flat", 60, 3, true)];

test("a partition scored model by model and fold by fold across the pool gives the grid of its whole-partition scoring", async () => {
  const whole = await scorePartitions(jobs, { workers: 1, header, spec });
  assert.equal(whole[0].status, "ok");
  assert.equal(whole[0].rows.length, 4);
  assert.equal(whole[2].status, "skipped");
  // Three children on four folds share the last folds' models between them.
  for (const workers of [2, 3]) {
    const cut = await scorePartitions(jobs, { workers, header, spec, splitRows: 1 });
    assert.deepEqual(withoutTime(cut), withoutTime(whole));
  }
});

test("a spare child killed while the parent is busy (its exit not yet seen) has its unit retried on a fresh child, not the run failed", async () => {
  const whole = await scorePartitions(jobs, { workers: 1, header, spec });
  const spares = new SpareChildren(1, 2);
  try {
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The children are private to the class; the test kills one as the OOM killer would.
    process.kill(spares["children"][0].pid ?? 0, "SIGKILL");
    // Synchronous work, as reading a file is: the child's exit is not handled before the pool takes it.
    for (const start = Date.now(); Date.now() - start < 300; );
    const cut = await scorePartitions(jobs, { workers: 1, header, spec, spares });
    assert.deepEqual(withoutTime(cut), withoutTime(whole));
  } finally {
    spares.release();
  }
});

test("a pool takes started spare children before it forks, and gives the grid it gives without them", async () => {
  const whole = await scorePartitions(jobs, { workers: 1, header, spec });
  const spares = new SpareChildren(2, 2);
  try {
    const cut = await scorePartitions(jobs, { workers: 3, header, spec, splitRows: 1, spares });
    assert.deepEqual(withoutTime(cut), withoutTime(whole));
    assert.equal(spares.take(), undefined, "both spares were taken");
  } finally {
    spares.release();
  }
});

test("a regression partition scored model by model and fold by fold gives the grid of its whole-partition scoring", async () => {
  const quantity = (g: string, rows: number): PartitionJob => ({
    key: [g],
    lines: Array.from({ length: rows }, (_, i) => {
      const x = (i * 37) % 101;
      const z = (i * 53) % 17;
      const colour = ["red", "green", "blue", "teal"][(i * 7) % 4];
      return rowText([g, String(x), String(z), colour, String(i % 3), String(2 * x - z + (colour === "red" ? 15 : 0) + ((i * 13) % 29) / 3)]);
    }),
  });
  const regression: GridSpec = { ...spec, task: "regression", models: ["lr", "ridge", "knn", "dt"] };
  const parts = [quantity("a", 200), quantity("b", 120)];
  const whole = await scorePartitions(parts, { workers: 1, header, spec: regression });
  const cut = await scorePartitions(parts, { workers: 2, header, spec: regression, splitRows: 1 });
  assert.equal(whole[0].status, "ok");
  assert.equal(whole[0].rows.length, 4);
  assert.deepEqual(withoutTime(cut), withoutTime(whole));
});

test("a split partition with fewer folds than --folds (a small class) drops the surplus units and keeps its note", async () => {
  const few = [partition("few", 30, 3)];
  const folded = { ...spec, folds: 20 };
  const whole = await scorePartitions(few, { workers: 1, header, spec: folded });
  const cut = await scorePartitions(few, { workers: 2, header, spec: folded, splitRows: 1 });
  assert.ok(whole[0].notes.some((note) => /smallest class has \d+ rows: using \d+ folds instead of 20/.test(note)), whole[0].notes.join("; "));
  assert.deepEqual(withoutTime(cut), withoutTime(whole));
});

test("a split partition whose fold column has more folds than --folds gets a unit for every fold", async () => {
  const many = [partition("many", 240, 7)];
  const byColumn = { ...spec, foldColumn: "fold", folds: 2, features: ["x", "z", "colour"] };
  const whole = await scorePartitions(many, { workers: 1, header, spec: byColumn });
  const cut = await scorePartitions(many, { workers: 2, header, spec: byColumn, splitRows: 1 });
  assert.equal(whole[0].status, "ok");
  assert.deepEqual(withoutTime(cut), withoutTime(whole));
  // Seven folds, not two: the standard deviation over folds of 7 values differs from that of 2.
  const twoFolds = await scorePartitions([partition("many", 240, 2)], { workers: 1, header, spec: byColumn });
  assert.notDeepEqual(withoutTime(whole)[0], withoutTime(twoFolds)[0]);
});

async function withKill<T>(value: string, run: () => Promise<T>): Promise<T> {
  process.env.AUTOML_GRID_TEST_KILL = value;
  try {
    return await run();
  } finally {
    delete process.env.AUTOML_GRID_TEST_KILL;
  }
}

test("a split partition's folds killed on their first try are retried on fresh children and the grid is unchanged", async () => {
  const whole = await scorePartitions(jobs, { workers: 1, header, spec });
  const cut = await withKill('["big"]@1', () => scorePartitions(jobs, { workers: 2, header, spec, splitRows: 200 }));
  assert.deepEqual(withoutTime(cut), withoutTime(whole));
});

test("a split partition whose fold dies twice is reported as failed and the others are scored", async () => {
  const whole = await scorePartitions(jobs, { workers: 1, header, spec });
  const cut = await withKill('["big"]@2', () => scorePartitions(jobs, { workers: 2, header, spec, splitRows: 200 }));
  assert.equal(cut[0].status, "failed");
  assert.match(cut[0].reason, /worker process died twice \(signal SIGKILL\)/);
  assert.deepEqual(withoutTime(cut.slice(1)), withoutTime(whole.slice(1)));
});

test("only partitions that would leave workers idle are split, and never for one worker", () => {
  assert.equal(splitThreshold([30_000], 1), Infinity);
  // One partition alone (no --by) is always split on two workers.
  assert.ok(30_000 >= splitThreshold([30_000], 2));
  // A 27,000-row partition among 5,000 other rows is split; the small ones are not.
  const census = [27_000, 2_000, 1_500, 1_500];
  assert.ok(27_000 >= splitThreshold(census, 2));
  assert.ok(2_000 < splitThreshold(census, 2));
  // 100 partitions of 10,000 rows balance whole.
  assert.ok(10_000 < splitThreshold(new Array(100).fill(10_000), 2));
  // Tiny tables are never split: their folds cost less than the messages.
  assert.ok(500 < splitThreshold([500], 2));
});
