import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { GridRow, PartitionResult } from "../../src/evaluate/grid.js";
import { TIME_COLUMN } from "../../src/evaluate/task.js";
import { taskInfo } from "../../src/evaluate/tasks.js";
import type { RunMetadata } from "../../src/report/runMetadata.js";
import { renderLeaderboard } from "../../src/report/formats.js";
import { leaderboard, sortRows } from "../../src/report/leaderboard.js";
import { writeFileAtomic } from "../../src/report/writeFileAtomic.js";
import { tempFiles } from "../helpers.js";

const task = taskInfo("classification");

function row(model: string, Accuracy: number, TT_Sec: number, AUC = 0.5): GridRow {
  const mean = { Accuracy, AUC, Recall: 0, Prec: 0, F1: 0, Kappa: 0, MCC: 0, TT_Sec };
  return { model, mean, sd: Object.fromEntries(Object.keys(mean).map((column) => [column, 0])) };
}

const metadata: RunMetadata = {
  format: "automl-grid",
  version: 2,
  fingerprint: "0",
  options: { task: "classification", target: "y", by: ["k"], models: ["lr"], folds: 10, foldColumn: null, trainSize: 0.7, minRows: 0, seed: 1, ignore: [], delimiter: "auto", encoding: "utf-8", decimal: "." },
  shard: null,
};

const ok = (key: string[], rows: GridRow[]): PartitionResult => ({ key, status: "ok", reason: "", rows, notes: [] });

test("sortRows sorts metrics descending, TT_Sec ascending, NaN last, ties in registry order", () => {
  const rows = [row("a", 0.5, 3), row("b", NaN, 1), row("c", 0.9, 2), row("d", 0.5, 0.5)];
  assert.deepEqual(
    sortRows(rows, task.metrics[0]).map((r) => r.model),
    ["c", "a", "d", "b"],
  );
  assert.deepEqual(
    sortRows(rows, TIME_COLUMN).map((r) => r.model),
    ["d", "b", "c", "a"],
  );
});

test("leaderboard puts partitions in key order, keys first, status and reason last, and a failed partition as one row", () => {
  const results: PartitionResult[] = [
    ok(["male"], [row("x", 0.7, 1), row("y", 0.8, 1)]),
    { key: ["alien"], status: "failed", reason: "the target has one class (0)", rows: [], notes: [] },
    ok(["female"], [row("x", 0.9, 1)]),
  ];
  const board = leaderboard(results, { task, by: ["Sex"], sort: "Accuracy", top: 1 });
  assert.deepEqual(board.columns.slice(0, 2), ["Sex", "Model"]);
  assert.deepEqual(board.columns.slice(-2), ["status", "reason"]);
  assert.deepEqual(
    board.rows.map((r) => [r[0], r[1], r[r.length - 2]]),
    [
      ["alien", null, "failed"],
      ["female", "x", "ok"],
      ["male", "y", "ok"],
    ],
  );
});

test("csv quotes fields only when needed, and shows an undefined metric as NaN; json shows it as null", () => {
  const board = leaderboard([ok(["a, b"], [row('say "hi"', 0.5, 0.25, NaN)])], { task, by: ["k"], sort: "Accuracy", top: 5 });
  const csv = renderLeaderboard(board, "csv", 2, metadata).split("\n");
  // Rows and Minority unknown (the result carries no facts), no dummy to beat, SD the Accuracy's fold deviation.
  assert.equal(csv[1], '"a, b","say ""hi""",0.50,NaN,0.00,0.00,0.00,0.00,0.00,0.25,,,,0.00,ok,');
  const json = JSON.parse(renderLeaderboard(board, "json", 2, metadata)) as { automl_grid: RunMetadata; rows: Record<string, unknown>[] };
  assert.equal(json.rows[0].AUC, null);
  assert.equal(json.rows[0].Accuracy, 0.5);
  assert.equal(json.automl_grid.options.task, "classification");
});

test("writeFileAtomic replaces the file whole and leaves no temp file", () => {
  const dir = tempFiles({ "grid.csv": "old\n" });
  const path = join(dir, "grid.csv");
  writeFileAtomic(path, "new\n");
  assert.equal(readFileSync(path, "utf8"), "new\n");
  assert.deepEqual(readdirSync(dir), ["grid.csv"]);
  assert.throws(() => writeFileAtomic(join(dir, "no-such-dir", "x.csv"), "x"));
  assert.deepEqual(readdirSync(dir), ["grid.csv"]);
});

test("Beats_Dummy is judged per partition on every row before --top cuts them, by the --sort column; empty without a dummy or a grid", () => {
  const dummy = (accuracy: number): GridRow => row("Dummy Classifier", accuracy, 0.001);
  const results: PartitionResult[] = [
    ok(["a"], [row("x", 0.7, 1), row("y", 0.8, 1), dummy(0.75)]),
    ok(["b"], [row("x", 0.7, 1), dummy(0.75)]),
    ok(["c"], [row("x", 0.7, 1)]),
    { key: ["d"], status: "skipped", reason: "one class", rows: [], notes: [] },
  ];
  const beats = (sort: string, top: number): [unknown, unknown][] => {
    const board = leaderboard(results, { task, by: ["k"], sort, top });
    const at = board.columns.indexOf("Beats_Dummy");
    assert.equal(board.numeric[at], false);
    assert.equal(board.perPartition[at], true);
    return board.rows.map((r) => [r[0], r[at]]);
  };
  assert.deepEqual(beats("Accuracy", 1), [["a", "yes"], ["b", "no"], ["c", null], ["d", null]]);
  // The same rows sorted by TT_Sec: the dummy is the fastest, so nothing beats it there.
  assert.deepEqual(beats("TT_Sec", 5), [["a", "no"], ["a", "no"], ["a", "no"], ["b", "no"], ["b", "no"], ["c", null], ["d", null]]);
});

test("a shard's piece keeps the dummy's row when --top cuts it, so that merge can judge its own sort", () => {
  const results = [ok(["a"], [row("x", 0.7, 1), row("y", 0.8, 1), row("Dummy Classifier", 0.5, 0.001)])];
  const piece = leaderboard(results, { task, by: ["k"], sort: "Accuracy", top: 1, everyDeviation: true });
  assert.deepEqual(piece.rows.map((r) => r[1]), ["y", "Dummy Classifier"]);
  const whole = leaderboard(results, { task, by: ["k"], sort: "Accuracy", top: 1 });
  assert.deepEqual(whole.rows.map((r) => r[1]), ["y"]);
});

test("a --by column named Beats_Dummy is renamed by_Beats_Dummy, as the grid's other columns reserve their names", () => {
  const board = leaderboard([ok(["yes"], [row("x", 0.7, 1)])], { task, by: ["Beats_Dummy"], sort: "Accuracy", top: 5 });
  assert.equal(board.columns[0], "by_Beats_Dummy");
  assert.equal(board.columns.filter((column) => column === "Beats_Dummy").length, 1);
});
