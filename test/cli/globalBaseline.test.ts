import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { jsonlRows, jsonRows, runCli, tempFiles } from "../helpers.js";

type Row = Record<string, unknown>;

/**
 * Three groups of 120 rows; y follows x, in the opposite direction in group b when `flip`
 * (partitioning pays: one model for all rows cannot follow both), in the same one otherwise.
 * A fixed generator, so the table is the same on every machine.
 */
function groups(flip: boolean, regression = false): string {
  let state = 7;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const lines = ["g,x,z,y"];
  for (const g of ["a", "b", "c"]) {
    for (let i = 0; i < 120; i++) {
      const x = next() * 2 - 1;
      const z = next();
      const signal = (flip && g === "b" ? -x : x) + (next() - 0.5) * 0.3;
      lines.push(`${g},${x.toFixed(3)},${z.toFixed(3)},${regression ? (10 * signal).toFixed(3) : signal > 0 ? "yes" : "no"}`);
    }
  }
  return lines.join("\n") + "\n";
}

const dir = tempFiles({ "flip.csv": groups(true), "same.csv": groups(false), "flipR.csv": groups(true, true) });
const args = (file: string, ...more: string[]): string[] => [join(dir, file), "--target", "y", "--by", "g", "--baseline", "global", "--folds", "5", "--quiet", ...more];

/** Per partition: its best partitioned value (the first row's) and Global_Best. */
function sides(rows: readonly Row[], sort: string): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const row of rows) if (!out.has(String(row.g))) out.set(String(row.g), [row[sort] as number, row.Global_Best as number]);
  return out;
}

const withoutTime = (rows: readonly Row[]): Row[] => rows.map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !column.includes("TT_Sec"))));

test("--baseline global without --by, or with another value, is refused with one line and exit 2", () => {
  const none = runCli([join(dir, "flip.csv"), "--target", "y", "--baseline", "global"]);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /^automl-grid: error: --baseline global .* needs --by\n$/);
  const bad = runCli([join(dir, "flip.csv"), "--target", "y", "--by", "g", "--baseline", "local"]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--baseline local: expected global or none/);
});

test("where the target follows x in opposite directions per group, the partitioned models beat the global ones in the flipped group", () => {
  const rows = jsonRows(runCli(args("flip.csv", "--models", "lr,dummy", "--format", "json")).stdout);
  const [partitioned, global] = sides(rows, "Accuracy").get("b")!;
  assert.ok(partitioned > 0.85, String(partitioned));
  assert.ok(global < partitioned - 0.2, `${global} vs ${partitioned}`);
  assert.ok(rows.every((row) => typeof row.Global_Model === "string" && typeof row.Global_Best === "number"));
});

test("where every group follows x alike, the global model (three times the rows) does at least about as well", () => {
  const rows = jsonRows(runCli(args("same.csv", "--models", "lr,dummy", "--format", "json")).stdout);
  for (const [g, [partitioned, global]] of sides(rows, "Accuracy")) assert.ok(global >= partitioned - 0.02, `${g}: ${global} vs ${partitioned}`);
});

test("regression: the same verdicts, with R2", () => {
  const flipped = sides(jsonRows(runCli(args("flipR.csv", "--models", "lr,dummy", "--format", "json")).stdout), "R2");
  const [partitioned, global] = flipped.get("b")!;
  assert.ok(partitioned > 0.9 && global < 0.5, `${partitioned} ${global}`);
  // a and c share their direction: the one global line leans their way, and serves them better than b.
  assert.ok(flipped.get("a")![1] > global + 0.3, `${flipped.get("a")![1]} vs ${global}`);
});

test("csv carries Global_Best and Global_Model after Beats_Dummy; a run without the option has neither", () => {
  const csv = runCli(args("flip.csv", "--models", "lr,dt", "--format", "csv")).stdout.split("\n");
  assert.match(csv[0], /,Beats_Dummy,Global_Best,Global_Model,SD,status,reason$/);
  const plain = runCli([join(dir, "flip.csv"), "--target", "y", "--by", "g", "--models", "lr", "--folds", "3", "--quiet"]).stdout.split("\n");
  assert.doesNotMatch(plain[0], /Global/);
});

test("the grid and its global columns are the same for 1 and 3 workers", () => {
  const one = jsonRows(runCli(args("flip.csv", "--models", "lr,dt,dummy", "--format", "json", "--workers", "1")).stdout);
  const three = jsonRows(runCli(args("flip.csv", "--models", "lr,dt,dummy", "--format", "json", "--workers", "3")).stdout);
  assert.deepEqual(withoutTime(three), withoutTime(one));
});

test("a child killed on a global fold's first try is retried on a fresh child and the grid is unchanged", () => {
  const normal = runCli(args("flip.csv", "--models", "lr,dt,dummy", "--format", "json", "--workers", "2"));
  const killed = runCli(args("flip.csv", "--models", "lr,dt,dummy", "--format", "json", "--workers", "2"), { env: { AUTOML_GRID_TEST_KILL: "global@1" } });
  assert.equal(killed.status, 0, killed.stderr);
  assert.deepEqual(withoutTime(jsonRows(killed.stdout)), withoutTime(jsonRows(normal.stdout)));
});

test("a global fold whose child dies twice leaves the global columns empty, says why, writes the partitions' grid and exits 1", () => {
  const normal = runCli(args("flip.csv", "--models", "lr,dummy", "--format", "json"));
  const failed = runCli(args("flip.csv", "--models", "lr,dummy", "--format", "json"), { env: { AUTOML_GRID_TEST_KILL: "global@2" } });
  assert.equal(failed.status, 1, failed.stderr);
  assert.match(failed.stderr, /global baseline: worker process died twice \(signal SIGKILL\)/);
  const rows = jsonRows(failed.stdout);
  assert.ok(rows.length > 0 && rows.every((row) => row.Global_Best === null && row.Global_Model === null && row.status === "ok"));
  const withoutGlobal = (list: readonly Row[]): Row[] => withoutTime(list).map(({ Global_Best: _best, Global_Model: _model, ...rest }) => rest);
  assert.deepEqual(withoutGlobal(rows), withoutGlobal(jsonRows(normal.stdout)));
});

test("a --resume rerun after a failed global baseline computes it again: the grid equals an uninterrupted run's, exit 0", () => {
  const journal = join(dir, "rebaseline.journal");
  const normal = runCli(args("flip.csv", "--models", "lr,dummy", "--format", "json"));
  const failed = runCli(args("flip.csv", "--models", "lr,dummy", "--format", "json", "--resume", journal), { env: { AUTOML_GRID_TEST_KILL: "global@2" } });
  assert.equal(failed.status, 1, failed.stderr);
  assert.match(JSON.parse(failed.stdout).automl_grid.baselineFailed, /worker process died twice/);
  const resumed = runCli(args("flip.csv", "--models", "lr,dummy", "--format", "json", "--resume", journal));
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.deepEqual(withoutTime(jsonRows(resumed.stdout)), withoutTime(jsonRows(normal.stdout)));
  assert.equal(JSON.parse(resumed.stdout).automl_grid.baselineFailed, undefined);
  // The journal now holds the baseline: a third run computes nothing and gives the same grid.
  const again = runCli(args("flip.csv", "--models", "lr,dummy", "--format", "json", "--resume", journal), { env: { AUTOML_GRID_TEST_KILL: "global@2" } });
  assert.equal(again.status, 0, again.stderr);
  assert.deepEqual(withoutTime(jsonRows(again.stdout)), withoutTime(jsonRows(normal.stdout)));
});

test("a merge of a shard whose global baseline failed exits 1 and says why, naming the piece", () => {
  const pieces = [0, 1].map((i) => join(dir, `failed-piece-${i}.jsonl`));
  const first = runCli(args("flip.csv", "--models", "lr,dummy", "--shard", "0/2", "--out", pieces[0]), { env: { AUTOML_GRID_TEST_KILL: "global@2" } });
  assert.equal(first.status, 1, first.stderr);
  assert.equal(runCli(args("flip.csv", "--models", "lr,dummy", "--shard", "1/2", "--out", pieces[1])).status, 0);
  const merged = runCli(["merge", ...pieces, "--format", "json"]);
  assert.equal(merged.status, 1, merged.stderr);
  assert.match(merged.stderr, /global baseline: worker process died twice \(signal SIGKILL\) \(in .*failed-piece-0\.jsonl\)/);
  assert.match(JSON.parse(merged.stdout).automl_grid.baselineFailed, /failed-piece-0/);
});

test("shards compute the global models themselves; merged, they equal the single run, for another --sort too", () => {
  const pieces = [0, 1].map((i) => join(dir, `piece-${i}.jsonl`));
  pieces.forEach((out, i) => assert.equal(runCli(args("flip.csv", "--models", "lr,dt,dummy", "--shard", `${i}/2`, "--out", out)).status, 0));
  for (const sort of ["Accuracy", "F1"]) {
    const single = jsonRows(runCli(args("flip.csv", "--models", "lr,dt,dummy", "--format", "json", "--sort", sort)).stdout);
    const merged = runCli(["merge", ...pieces, "--format", "json", "--sort", sort]);
    assert.equal(merged.status, 0, merged.stderr);
    assert.deepEqual(withoutTime(jsonRows(merged.stdout)), withoutTime(single));
  }
});

test("a --resume journal records the option: a journal made without it is refused with it", () => {
  const journal = join(dir, "run.journal");
  const plain = [join(dir, "flip.csv"), "--target", "y", "--by", "g", "--models", "lr", "--folds", "3", "--quiet", "--resume", journal];
  assert.equal(runCli(plain).status, 0);
  const refused = runCli([...plain, "--baseline", "global"]);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /--baseline/);
  const fresh = join(dir, "global.journal");
  const first = runCli(args("flip.csv", "--models", "lr,dummy", "--format", "jsonl", "--resume", fresh));
  const again = runCli(args("flip.csv", "--models", "lr,dummy", "--format", "jsonl", "--resume", fresh));
  assert.deepEqual(withoutTime(jsonlRows(again.stdout)), withoutTime(jsonlRows(first.stdout)));
  assert.ok(jsonlRows(again.stdout).every((row) => typeof row.Global_Best === "number"));
});
