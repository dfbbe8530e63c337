import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { GridRow, PartitionResult } from "../../src/evaluate/grid.js";
import { renderLeaderboard } from "../../src/report/formats.js";
import { leaderboard, sortRows } from "../../src/report/leaderboard.js";
import { writeFileAtomic } from "../../src/report/writeFileAtomic.js";
import { tempFiles } from "../helpers.js";

function row(Model: string, Accuracy: number, TT_Sec: number, AUC = 0.5): GridRow {
  return { Model, Accuracy, AUC, Recall: 0, Prec: 0, F1: 0, Kappa: 0, MCC: 0, TT_Sec };
}

const ok = (key: string[], rows: GridRow[]): PartitionResult => ({ key, status: "ok", reason: "", rows, notes: [] });

test("sortRows sorts metrics descending, TT_Sec ascending, NaN last, ties in registry order", () => {
  const rows = [row("a", 0.5, 3), row("b", NaN, 1), row("c", 0.9, 2), row("d", 0.5, 0.5)];
  assert.deepEqual(
    sortRows(rows, "Accuracy").map((r) => r.Model),
    ["c", "a", "d", "b"],
  );
  assert.deepEqual(
    sortRows(rows, "TT_Sec").map((r) => r.Model),
    ["d", "b", "c", "a"],
  );
});

test("leaderboard puts partitions in key order, keys first, status and reason last, and a failed partition as one row", () => {
  const results: PartitionResult[] = [
    ok(["male"], [row("x", 0.7, 1), row("y", 0.8, 1)]),
    { key: ["alien"], status: "failed", reason: "the target has one class (0)", rows: [], notes: [] },
    ok(["female"], [row("x", 0.9, 1)]),
  ];
  const board = leaderboard(results, { by: ["Sex"], sort: "Accuracy", top: 1 });
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
  const board = leaderboard([ok(["a, b"], [row('say "hi"', 0.5, 0.25, NaN)])], { by: ["k"], sort: "Accuracy", top: 5 });
  const csv = renderLeaderboard(board, "csv", 2).split("\n");
  assert.equal(csv[1], '"a, b","say ""hi""",0.50,NaN,0.00,0.00,0.00,0.00,0.00,0.25,ok,');
  const json = JSON.parse(renderLeaderboard(board, "json", 2)) as Record<string, unknown>[];
  assert.equal(json[0].AUC, null);
  assert.equal(json[0].Accuracy, 0.5);
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
