import assert from "node:assert/strict";
import { test } from "node:test";
import type { GridRow, PartitionResult } from "../../src/evaluate/grid.js";
import { FORMATS, renderLeaderboard } from "../../src/report/formats.js";
import { leaderboard } from "../../src/report/leaderboard.js";
import { jsonlRows, jsonRows } from "../helpers.js";
import { classification as task, gridRow, metadataFor } from "./gridFixtures.js";

function row(model: string, Kappa: number): GridRow {
  return gridRow(model, { Accuracy: 0.5, AUC: 0.5, Recall: 0.5, Prec: 0.5, F1: 0.5, Kappa, MCC: Kappa, TT_Sec: 0.01 });
}

const ok = (key: string[], rows: GridRow[]): PartitionResult => ({ key, status: "ok", reason: "", rows, notes: [] });

test("a --by column named Model or status keeps its values in every format, as by_Model and by_status", () => {
  const board = leaderboard([ok(["Corolla", "used"], [row("Naive Bayes", 0.1)])], { task, by: ["Model", "status"], sort: "Accuracy", top: 5 });
  assert.deepEqual(board.columns.slice(0, 3), ["by_Model", "by_status", "Model"]);
  assert.deepEqual(board.numeric.slice(0, 4), [false, false, false, true]);
  for (const format of FORMATS) {
    const text = renderLeaderboard(board, format, 2, metadataFor(["Model", "status"]));
    assert.match(text, /by_Model/, format);
    assert.match(text, /Corolla/, format);
    assert.match(text, /used/, format);
    assert.match(text, /Naive Bayes/, format);
  }
  const [json] = jsonRows(renderLeaderboard(board, "json", 2, metadataFor([])));
  assert.equal(json.by_Model, "Corolla");
  assert.equal(json.by_status, "used");
  assert.equal(json.Model, "Naive Bayes");
  assert.equal(json.status, "ok");
  assert.equal(renderLeaderboard(board, "csv", 2, metadataFor([])).split("\n")[0], "by_Model,by_status,Model,Accuracy,AUC,Recall,Prec,F1,Kappa,MCC,TT_Sec,Rows,Minority,Beats_Dummy,SD,status,reason");
});

test("a key column named like a metric stays a left-aligned text column with its own values", () => {
  const board = leaderboard([ok(["high"], [row("Naive Bayes", 0.1)])], { task, by: ["Accuracy"], sort: "Accuracy", top: 5 });
  assert.equal(renderLeaderboard(board, "markdown", 2, metadataFor([])).split("\n")[1].split(" | ")[0], "| ---");
  const [json] = jsonRows(renderLeaderboard(board, "json", 2, metadataFor([])));
  assert.equal(json.by_Accuracy, "high");
  assert.equal(json.Accuracy, 0.5);
});

test("csv and markdown neutralise formula-like keys, key column names and reasons, never numbers; json keeps them raw", () => {
  const formula = '=HYPERLINK("http://evil.example","x")';
  const board = leaderboard(
    [
      ok([formula], [row("Naive Bayes", -0.25)]),
      ok(["-5"], [row("Naive Bayes", -0.5)]),
      { key: ["+x"], status: "failed", reason: "-bad", rows: [], notes: [] },
    ],
    { task, by: ["@cmd"], sort: "Accuracy", top: 5 },
  );
  const csv = renderLeaderboard(board, "csv", 2, metadataFor([])).split("\n");
  assert.equal(csv[0].split(",")[0], "'@cmd");
  assert.equal(csv[1], "-5,Naive Bayes,0.50,0.50,0.50,0.50,0.50,-0.50,-0.50,0.01,,,,0.00,ok,");
  assert.equal(csv[3], `"'=HYPERLINK(""http://evil.example"",""x"")",Naive Bayes,0.50,0.50,0.50,0.50,0.50,-0.25,-0.25,0.01,,,,0.00,ok,`);
  assert.equal(csv[2], "'+x,,,,,,,,,,,,,,failed,'-bad");
  const markdown = renderLeaderboard(board, "markdown", 2, metadataFor([])).split("\n");
  assert.match(markdown[0], /^\| '@cmd \| Model \|/);
  assert.match(markdown[2], /^\| -5 \| Naive Bayes \| .* \| -0\.50 \| -0\.50 \|/);
  assert.match(markdown[4], /^\| '=HYPERLINK\("http:\/\/evil\.example","x"\) \|/);
  assert.equal(markdown[3], "| '+x |  |  |  |  |  |  |  |  |  |  |  |  |  | failed | '-bad |");
  const json = jsonRows(renderLeaderboard(board, "json", 2, metadataFor([])));
  assert.deepEqual(
    json.map((r) => r["@cmd"]),
    ["-5", "+x", formula],
  );
  assert.equal(json[1].reason, "-bad");
  const jsonl = jsonlRows(renderLeaderboard(board, "jsonl", 2, metadataFor([])));
  assert.equal(jsonl[2]["@cmd"], formula);
});

test("the terminal table shows control characters in keys and column names as escapes", () => {
  const board = leaderboard([ok(["a\x1b[2Jb"], [row("Naive Bayes", 0.1)]), ok(["bell\x07\nx"], [row("Naive Bayes", 0.1)])], {
    task,
    by: ["k\x1b"],
    sort: "Accuracy",
    top: 5,
  });
  const table = renderLeaderboard(board, "table", 2, metadataFor(["k\x1b"]));
  assert.doesNotMatch(table, /[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
  assert.match(table, /├─ k\\x1b=a\\x1b\[2Jb ─/);
  assert.match(table, /├─ k\\x1b=bell\\x07\\nx ─/);
  // One line per heading and per grid row: an escaped newline does not split either.
  assert.equal(table.trimEnd().split("\n").length, 2 + 2 * (1 + 1) + 1);
});
