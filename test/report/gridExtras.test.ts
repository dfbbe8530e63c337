import assert from "node:assert/strict";
import { test } from "node:test";
import type { GridRow, PartitionResult } from "../../src/evaluate/grid.js";
import { taskInfo } from "../../src/evaluate/tasks.js";
import { renderLeaderboard } from "../../src/report/formats.js";
import { journalManifestLine, journalResultLine, parseJournal } from "../../src/report/journal.js";
import { keyColumns, leaderboard } from "../../src/report/leaderboard.js";
import { jsonlRows, jsonRows } from "../helpers.js";
import { classification as task, gridRow, metadataFor } from "./gridFixtures.js";

/** A row whose Accuracy and F1 deviate by different amounts over the folds. */
function row(model: string, Accuracy: number, sdAccuracy: number, sdF1: number): GridRow {
  const plain = gridRow(model, { Accuracy, F1: Accuracy / 2 });
  return { ...plain, sd: { ...plain.sd, Accuracy: sdAccuracy, F1: sdF1, AUC: NaN } };
}

const scored: PartitionResult = {
  key: ["a"],
  status: "ok",
  reason: "",
  rows: [row("Naive Bayes", 0.5, 0.25, 0.125), row("Decision Tree Classifier", 0.625, 0.125, 0.2)],
  notes: [],
  facts: { Rows: 10, Minority: 0.3 },
};
const oneClass: PartitionResult = { key: ["b"], status: "skipped", reason: "the target y has one class (no)", rows: [], notes: [], facts: { Rows: 4 } };
const died: PartitionResult = { key: ["c"], status: "failed", reason: "worker process died twice (signal SIGKILL)", rows: [], notes: [] };

const board = leaderboard([died, oneClass, scored], { task, by: ["g"], sort: "Accuracy", top: 5 });

test("Rows, Minority and SD come after the metrics and TT_Sec, before status and reason", () => {
  assert.deepEqual(board.columns, ["g", "Model", "Accuracy", "AUC", "Recall", "Prec", "F1", "Kappa", "MCC", "TT_Sec", "Rows", "Minority", "Beats_Dummy", "SD", "status", "reason"]);
  assert.deepEqual(board.numeric.slice(-6), [true, true, false, true, false, false]);
  const single = leaderboard([scored], { task, by: [], sort: "Accuracy", top: 5 });
  assert.deepEqual(single.columns.slice(-5), ["TT_Sec", "Rows", "Minority", "Beats_Dummy", "SD"]);
});

test("csv and markdown: Rows is a whole number, Minority a share, SD the sort column's fold deviation; skipped and failed rows keep what is known", () => {
  const csv = renderLeaderboard(board, "csv", 4, metadataFor(["g"])).trimEnd().split("\n");
  assert.deepEqual(csv.slice(1), [
    "a,Decision Tree Classifier,0.6250,0.0000,0.0000,0.0000,0.3125,0.0000,0.0000,0.0000,10,0.3000,,0.1250,ok,",
    "a,Naive Bayes,0.5000,0.0000,0.0000,0.0000,0.2500,0.0000,0.0000,0.0000,10,0.3000,,0.2500,ok,",
    "b,,,,,,,,,,4,,,,skipped,the target y has one class (no)",
    "c,,,,,,,,,,,,,,failed,worker process died twice (signal SIGKILL)",
  ]);
  const byF1 = renderLeaderboard(leaderboard([scored], { task, by: ["g"], sort: "F1", top: 5 }), "csv", 4, metadataFor(["g"]));
  assert.deepEqual(
    byF1.trimEnd().split("\n").slice(1).map((line) => line.split(",")[13]),
    ["0.2000", "0.1250"],
  );
  const markdown = renderLeaderboard(board, "markdown", 2, metadataFor(["g"])).split("\n");
  assert.equal(markdown[2], "| a | Decision Tree Classifier | 0.63 | 0.00 | 0.00 | 0.00 | 0.31 | 0.00 | 0.00 | 0.00 | 10 | 0.30 |  | 0.13 | ok |  |");
});

test("json and jsonl: Rows, Minority and SD are numbers at full precision, null where unknown", () => {
  for (const rows of [jsonRows(renderLeaderboard(board, "json", 2, metadataFor(["g"]))), jsonlRows(renderLeaderboard(board, "jsonl", 2, metadataFor(["g"])))]) {
    assert.deepEqual(
      rows.map((r) => [r.g, r.Rows, r.Minority, r.SD, r.status]),
      [
        ["a", 10, 0.3, 0.125, "ok"],
        ["a", 10, 0.3, 0.25, "ok"],
        ["b", 4, null, null, "skipped"],
        ["c", null, null, null, "failed"],
      ],
    );
  }
});

test("a shard's piece carries every column's fold deviation after SD, an undefined one empty", () => {
  const piece = leaderboard([scored], { task, by: ["g"], sort: "Accuracy", top: 5, everyDeviation: true });
  const deviations = ["SD_Accuracy", "SD_AUC", "SD_Recall", "SD_Prec", "SD_F1", "SD_Kappa", "SD_MCC", "SD_TT_Sec"];
  assert.deepEqual(board.columns.filter((column) => column.startsWith("SD_")), []);
  assert.deepEqual(piece.columns.slice(14, 22), deviations);
  const [first] = jsonlRows(renderLeaderboard(piece, "jsonl", 2, metadataFor(["g"])));
  assert.equal(first.SD, 0.125);
  assert.equal(first.SD_Accuracy, 0.125);
  assert.equal(first.SD_F1, 0.2);
  assert.equal(first.SD_AUC, null);
});

test("a regression grid has Rows and SD but no Minority", () => {
  const regression = taskInfo("regression");
  const mean = Object.fromEntries([...regression.metrics.map((metric) => metric.id), "TT_Sec"].map((id) => [id, 1]));
  const result: PartitionResult = { key: [], status: "ok", reason: "", rows: [{ model: "Linear Regression", mean, sd: { ...mean, R2: 0.5 } }], notes: [], facts: { Rows: 12 } };
  const regressionBoard = leaderboard([result], { task: regression, by: [], sort: "R2", top: 5 });
  assert.deepEqual(regressionBoard.columns.slice(-4), ["TT_Sec", "Rows", "Beats_Dummy", "SD"]);
  assert.deepEqual(regressionBoard.rows[0].slice(-3), [12, null, 0.5]);
});

test("a --by column named like a new column is renamed, in pieces and whole grids alike", () => {
  assert.deepEqual(keyColumns(["Rows", "Minority", "SD", "SD_F1", "SD_TT_Sec"], task), ["by_Rows", "by_Minority", "by_SD", "by_SD_F1", "by_SD_TT_Sec"]);
  // Regression has no Minority column: a key of that name keeps it.
  assert.deepEqual(keyColumns(["Minority", "SD_R2"], taskInfo("regression")), ["Minority", "by_SD_R2"]);
});

test("a journal line keeps a skipped status and the partition's facts", () => {
  const text = journalManifestLine(metadataFor(["g"])) + [scored, oneClass, died].map(journalResultLine).join("");
  assert.deepEqual(parseJournal("j.jsonl", text).results, [scored, oneClass, died]);
  const badFacts = journalResultLine(scored).replace('"Rows":10', '"Rows":"ten"');
  assert.throws(() => parseJournal("j.jsonl", journalManifestLine(metadataFor(["g"])) + badFacts), /line 2 is not a partition result/);
});
