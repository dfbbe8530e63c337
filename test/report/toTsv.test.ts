import assert from "node:assert/strict";
import { test } from "node:test";
import type { GridRow, PartitionResult } from "../../src/evaluate/grid.js";
import { renderLeaderboard } from "../../src/report/formats.js";
import { leaderboard } from "../../src/report/leaderboard.js";
import { classification as task, gridRow, metadataFor } from "./gridFixtures.js";

function row(model: string, Kappa: number): GridRow {
  return gridRow(model, { Accuracy: 0.5, AUC: Number.NaN, Recall: 0.5, Prec: 0.5, F1: 0.5, Kappa, MCC: Kappa, TT_Sec: 0.01 });
}

const tsv = (results: PartitionResult[], by: string[]): string[] =>
  renderLeaderboard(leaderboard(results, { task, by, sort: "Accuracy", top: 5 }), "tsv", 2, metadataFor([])).split("\n");

test("tsv: a header row, one line per grid row, fields split by tabs only, numbers rounded as in csv", () => {
  const lines = tsv([{ key: ["a, b \"c\""], status: "ok", reason: "", rows: [row("Naive Bayes", -0.25)], notes: [] }], ["key"]);
  assert.deepEqual(lines, [
    "key\tModel\tAccuracy\tAUC\tRecall\tPrec\tF1\tKappa\tMCC\tTT_Sec\tRows\tMinority\tBeats_Dummy\tSD\tstatus\treason",
    'a, b "c"\tNaive Bayes\t0.50\tNaN\t0.50\t0.50\t0.50\t-0.25\t-0.25\t0.01\t\t\t\t0.00\tok\t',
    "",
  ]);
});

test("tsv: a tab or a line break inside a key, a column name or a reason becomes a space, so each row stays one line of the same fields", () => {
  const lines = tsv(
    [
      { key: ["north\tsouth"], status: "ok", reason: "", rows: [row("Naive Bayes", 0.1)], notes: [] },
      { key: ["two\r\nlines\nthree"], status: "failed", reason: "one class\tonly\rhere", rows: [], notes: [] },
    ],
    ["re\tgion"],
  );
  assert.equal(lines[0].split("\t")[0], "re gion");
  assert.equal(lines[1], "north south\tNaive Bayes\t0.50\tNaN\t0.50\t0.50\t0.50\t0.10\t0.10\t0.01\t\t\t\t0.00\tok\t");
  assert.equal(lines[2], "two lines three\t\t\t\t\t\t\t\t\t\t\t\t\t\tfailed\tone class only here");
  assert.equal(lines.length, 4);
  for (const line of lines.slice(0, 3)) assert.equal(line.split("\t").length, 16);
});

test("tsv neutralises formula-like text as csv does (a leading tab included), never numbers", () => {
  const lines = tsv(
    [
      { key: ['=HYPERLINK("http://evil.example")'], status: "ok", reason: "", rows: [row("Naive Bayes", -0.5)], notes: [] },
      { key: ["-5"], status: "ok", reason: "", rows: [row("Naive Bayes", 0.1)], notes: [] },
      { key: ["\t+cmd"], status: "failed", reason: "@bad", rows: [], notes: [] },
    ],
    ["@by"],
  );
  assert.equal(lines[0].split("\t")[0], "'@by");
  const firstCells = lines.slice(1, 4).map((line) => line.split("\t")[0]);
  assert.deepEqual(firstCells, ["-5", "' +cmd", "'=HYPERLINK(\"http://evil.example\")"]);
  assert.match(lines[1], /\t0\.10\t0\.10\t/);
  assert.match(lines[3], /\t-0\.50\t-0\.50\t/);
  assert.equal(lines[2].split("\t")[15], "'@bad");
});
