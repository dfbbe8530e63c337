import assert from "node:assert/strict";
import { test } from "node:test";
import type { GridRow, PartitionResult } from "../../src/evaluate/grid.js";
import { FORMATS, renderLeaderboard } from "../../src/report/formats.js";
import { taskInfo } from "../../src/evaluate/tasks.js";
import { leaderboard } from "../../src/report/leaderboard.js";
import type { RunMetadata } from "../../src/report/runMetadata.js";
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

test("markdown, tsv, the table and the html report keep each row on one line when a key or reason holds a lone CR, CRLF or LF", () => {
  const board = leaderboard(
    [ok(["a\rb"], [row("Naive Bayes", 0.1)]), ok(["c\r\nd"], [row("Naive Bayes", 0.1)]), { key: ["e\nf"], status: "failed", reason: "g\rh", rows: [], notes: [] }],
    { task, by: ["k\r"], sort: "Accuracy", top: 5 },
  );
  for (const format of ["markdown", "tsv", "table"] as const) {
    const text = renderLeaderboard(board, format, 2, metadataFor(["k\r"]));
    // CommonMark and csv readers end a line at a lone CR as at LF.
    assert.doesNotMatch(text, /\r/, format);
  }
  const markdown = renderLeaderboard(board, "markdown", 2, metadataFor(["k\r"])).trimEnd().split("\n");
  assert.equal(markdown.length, 2 + 3);
  assert.match(markdown[2], /^\| a b \| Naive Bayes \|/);
  assert.match(markdown[3], /^\| c d \| Naive Bayes \|/);
  assert.match(markdown[4], /^\| e f \| .* \| failed \| g h \|$/);
  for (const line of markdown) assert.equal(line.split(" | ").length, 16, line);
  const html = renderLeaderboard(board, "html", 2, metadataFor(["k\r"]));
  assert.doesNotMatch(html, /[\r\u2028\u2029]/);
  assert.match(html, /<h3>k\\r = a\\rb<\/h3>/);
});

test("jsonl writes a key holding U+2028, U+2029 or NEL escaped, so that str.splitlines sees one line per row; the value reads back whole", () => {
  const key = "a\u2028b\u2029c\u0085d";
  const board = leaderboard([ok([key], [row("Naive Bayes", 0.1)])], { task, by: ["k"], sort: "Accuracy", top: 5 });
  const text = renderLeaderboard(board, "jsonl", 2, metadataFor(["k"]));
  assert.doesNotMatch(text, /[\u2028\u2029\u0085]/);
  assert.equal(text.trimEnd().split(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/).length, 2);
  assert.equal(jsonlRows(text)[0].k, key);
});

const regression = taskInfo("regression");

function regressionRow(model: string, mean: Readonly<Record<string, number>>): GridRow {
  const full = { MAE: 1, MSE: 1, RMSE: 1, R2: 0.5, RMSLE: 0.1, MAPE: 0.1, TT_Sec: 0.01, ...mean };
  return { model, mean: full, sd: Object.fromEntries(Object.keys(full).map((column) => [column, 0])) };
}

function regressionMetadata(by: readonly string[]): RunMetadata {
  const metadata = metadataFor(by);
  return { ...metadata, options: { ...metadata.options, task: "regression", models: ["lr", "dummy"] } };
}

test("a value of 1e21 or more keeps --round in csv, tsv, markdown, the table and the html report; json keeps it whole", () => {
  const board = leaderboard([ok(["a"], [regressionRow("Linear Regression", { MSE: 1.08089235725024e22, MAE: 3.2e10 })])], { task: regression, by: ["g"], sort: "R2", top: 5 });
  for (const format of ["csv", "tsv", "markdown", "table", "html"] as const) {
    const text = renderLeaderboard(board, format, 4, regressionMetadata(["g"]), { sort: "MSE" });
    assert.match(text, /1\.0809e\+22/, format);
    assert.doesNotMatch(text, /1\.08089235725024e\+22(?!")/, format);
  }
  assert.match(renderLeaderboard(board, "csv", 2, regressionMetadata(["g"])), /,1\.08e\+22,/);
  assert.equal(jsonRows(renderLeaderboard(board, "json", 2, regressionMetadata(["g"])))[0].MSE, 1.08089235725024e22);
});

test("an infinite metric is Infinity in every text format and the string \"Infinity\" in json and jsonl; NaN stays null", () => {
  const board = leaderboard(
    [ok(["a"], [regressionRow("Linear Regression", { MSE: Infinity, RMSE: Infinity, R2: -Infinity }), regressionRow("Dummy Regressor", { R2: NaN })])],
    { task: regression, by: ["g"], sort: "MSE", top: 5 },
  );
  assert.match(renderLeaderboard(board, "csv", 4, regressionMetadata(["g"])), /^a,Linear Regression,1\.0000,Infinity,Infinity,-Infinity,/m);
  for (const format of ["tsv", "markdown", "table", "html"] as const) assert.match(renderLeaderboard(board, format, 4, regressionMetadata(["g"])), /-Infinity/, format);
  for (const rows of [jsonRows(renderLeaderboard(board, "json", 4, regressionMetadata(["g"]))), jsonlRows(renderLeaderboard(board, "jsonl", 4, regressionMetadata(["g"])))]) {
    const [dummy, linear] = rows;
    assert.equal(linear.Model, "Linear Regression", "an infinite error sorts last");
    assert.deepEqual([linear.MSE, linear.RMSE, linear.R2, dummy.R2], ["Infinity", "Infinity", "-Infinity", null]);
  }
});

test("json and jsonl record the --sort and --top the rows were cut by (top null: every row)", () => {
  const results = [ok(["a"], [row("Naive Bayes", 0.1), row("Logistic Regression", 0.2)])];
  const metadataOf = (top: number, format: "json" | "jsonl"): unknown => {
    const text = renderLeaderboard(leaderboard(results, { task, by: ["k"], sort: "Kappa", top }), format, 2, metadataFor(["k"]));
    return (JSON.parse(format === "json" ? text : text.split("\n")[0]) as { automl_grid: RunMetadata }).automl_grid.kept;
  };
  assert.deepEqual(metadataOf(1, "json"), { sort: "Kappa", top: 1 });
  assert.deepEqual(metadataOf(1, "jsonl"), { sort: "Kappa", top: 1 });
  assert.deepEqual(metadataOf(Number.MAX_SAFE_INTEGER, "jsonl"), { sort: "Kappa", top: null });
});
