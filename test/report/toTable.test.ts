import assert from "node:assert/strict";
import { test } from "node:test";
import type { GridRow, PartitionResult } from "../../src/evaluate/grid.js";
import { taskInfo } from "../../src/evaluate/tasks.js";
import { displayWidth } from "../../src/report/displayWidth.js";
import { leaderboard, type Leaderboard } from "../../src/report/leaderboard.js";
import { renderLeaderboard } from "../../src/report/formats.js";
import { toTable } from "../../src/report/toTable.js";
import { classification, gridRow, metadataFor } from "./gridFixtures.js";

const regression = taskInfo("regression");
const ok = (key: string[], rows: GridRow[]): PartitionResult => ({ key, status: "ok", reason: "", rows, notes: [] });
const failed = (key: string[], reason: string): PartitionResult => ({ key, status: "failed", reason, rows: [], notes: [] });

/** PyCaret's five classifiers with titanic-like scores (four decimals, TT_Sec below a second). */
function titanicRows(shift: number): GridRow[] {
  return ["Logistic Regression", "Random Forest Classifier", "Naive Bayes", "K Neighbors Classifier", "Decision Tree Classifier"].map((model, i) =>
    gridRow(model, { Accuracy: 0.79 - i * 0.02 + shift, AUC: 0.83 - i * 0.01, Recall: 0.97 - i * 0.1, Prec: 0.79 + i * 0.02, F1: 0.87, Kappa: 0.27 + i * 0.03, MCC: 0.33, TT_Sec: 0.0192 * (i + 1) }),
  );
}

const table = (board: Leaderboard, by: readonly string[], color = false, round = 4): string => toTable(board, { round, task: classification, by, color });
const widest = (text: string): number => Math.max(...text.trimEnd().split("\n").map(displayWidth));
const ESC = /\x1b/;

test("a --by grid states each key once, in a heading written into the rule above its rows", () => {
  const board = leaderboard([ok(["male"], titanicRows(0.03)), ok(["female"], titanicRows(0))], { task: classification, by: ["Sex"], sort: "Accuracy", top: 5 });
  const lines = table(board, ["Sex"]).trimEnd().split("\n");
  assert.match(lines[1], /^│ Model +│ Accuracy │ +AUC │ .* │ TT_Sec │ +SD │$/);
  assert.match(lines[2], /^├─ Sex=female ─+┼─+┼/);
  assert.match(lines[8], /^├─ Sex=male ─+┼/);
  assert.equal(lines.filter((line) => /female/.test(line)).length, 1);
  assert.equal(lines.filter((line) => /male/.test(line)).length, 2);
  assert.equal(lines.length, 1 + 1 + 2 * (1 + 5) + 1);
  // Every line ends where the table ends.
  assert.ok(lines.every((line) => displayWidth(line) === displayWidth(lines[0])));
});

test("status and reason are not columns: a partition that failed says so on a line of its own under its heading", () => {
  const board = leaderboard([ok(["a"], titanicRows(0)), failed(["b"], "the target y has one class (0)")], { task: classification, by: ["shop"], sort: "Accuracy", top: 5 });
  const text = table(board, ["shop"]);
  assert.doesNotMatch(text.split("\n")[1], /status|reason/);
  const lines = text.trimEnd().split("\n");
  const at = lines.findIndex((line) => line.startsWith("├─ shop=b "));
  assert.match(lines[at], /^├─ shop=b ─+┴─+┴/, "no column runs through the failure line");
  assert.match(lines[at + 1], /^│ failed: the target y has one class \(0\) +│$/);
  assert.match(lines[at + 2], /^└─+┘$/);
  assert.ok(lines.every((line) => displayWidth(line) === displayWidth(lines[0])));
});

test("a long reason is wrapped inside the table's width", () => {
  const reason = "every model failed (Naive Bayes: returned NaN probabilities (row 3) in fold 2; Logistic Regression: did not converge in 1000 iterations)";
  const board = leaderboard([failed(["x"], reason), ok(["y"], titanicRows(0))], { task: classification, by: ["k"], sort: "Accuracy", top: 5 });
  const lines = table(board, ["k"]).trimEnd().split("\n");
  // The note's lines: from under the failed partition's heading to the next partition's.
  const wrapped = lines.slice(3, lines.findIndex((line, i) => i > 2 && line.startsWith("├")));
  assert.ok(wrapped.length >= 2, lines.join("\n"));
  assert.ok(lines.every((line) => displayWidth(line) === displayWidth(lines[0])));
  assert.equal(wrapped.map((line) => line.slice(2, -1).trim()).join(" "), `failed: ${reason}`);
});

test("the table shows short model names; csv and the other formats keep PyCaret's", () => {
  const board = leaderboard([ok(["female"], titanicRows(0))], { task: classification, by: ["Sex"], sort: "Accuracy", top: 5 });
  const text = table(board, ["Sex"]);
  for (const name of ["Logistic Reg.", "Random Forest ", "Naive Bayes", "K Neighbors ", "Decision Tree "]) assert.ok(text.includes(`│ ${name}`), name);
  assert.doesNotMatch(text, /Classifier|Regression/);
});

test("a titanic --by Sex grid and a bank --by job grid fit in 100 columns; a regression grid too", () => {
  const titanic = leaderboard([ok(["female"], titanicRows(0)), ok(["male"], titanicRows(0.03))], { task: classification, by: ["Sex"], sort: "Accuracy", top: 50 });
  const jobs = ["admin.", "blue-collar", "entrepreneur", "housemaid", "management", "retired", "self-employed", "services", "student", "technician", "unemployed", "unknown"];
  const bank = leaderboard(jobs.map((job) => ok([job], titanicRows(0.1))), { task: classification, by: ["job"], sort: "Accuracy", top: 50 });
  assert.ok(widest(table(titanic, ["Sex"])) <= 100, String(widest(table(titanic, ["Sex"]))));
  assert.ok(widest(table(bank, ["job"])) <= 100, String(widest(table(bank, ["job"]))));
  const insurance = ["Linear Regression", "Lasso Regression", "Ridge Regression", "Elastic Net", "K Neighbors Regressor", "Decision Tree Regressor", "Random Forest Regressor", "Dummy Regressor"].map((model, i) => ({
    model,
    mean: { MAE: 3100.1155 + i * 500, MSE: 27786611.9586 * (1 + i / 2), RMSE: 5143.7293 + i * 700, R2: 0.6362 - i * 0.1, RMSLE: 0.4504, MAPE: 0.3399, TT_Sec: 0.0202 },
    sd: {},
  }));
  const regions = leaderboard(["northeast", "southwest"].map((region) => ok([region], insurance)), { task: regression, by: ["region"], sort: "R2", top: 50 });
  const text = toTable(regions, { round: 4, task: regression, by: ["region"], color: false });
  assert.ok(widest(text) <= 100, text);
});

test("without --by the table has no headings and no status column", () => {
  const board = leaderboard([ok([], titanicRows(0))], { task: classification, by: [], sort: "Accuracy", top: 5 });
  const lines = table(board, []).trimEnd().split("\n");
  assert.equal(lines.length, 1 + 1 + 1 + 5 + 1);
  assert.match(lines[2], /^├─+┼─+┼/);
  assert.match(lines[3], /^│ Logistic Reg\. +│ +0\.7900 │/);
});

test("without --by the rule above the rows says the table's facts and whether the dummy is beaten", () => {
  const rows = [...titanicRows(0), gridRow("Dummy Classifier", { Accuracy: 0.95 })];
  const result: PartitionResult = { ...ok([], rows), facts: { Rows: 891, Minority: 0.3838 } };
  const lines = table(leaderboard([result], { task: classification, by: [], sort: "Accuracy", top: 3 }), []).trimEnd().split("\n");
  assert.match(lines[2], /^├─ Rows 891 · Minority 0\.3838 · dummy not beaten ─+┼/);
  assert.ok(!lines.join("\n").includes("status"));
});

test("colour is off unless asked for: no escape sequence at all", () => {
  const board = leaderboard([ok(["a"], titanicRows(0)), failed(["b"], "no")], { task: classification, by: ["k"], sort: "Accuracy", top: 5 });
  assert.doesNotMatch(table(board, ["k"]), ESC);
});

/** The values of one column whose cell carries the highlight, row by row (model names as shown). */
function highlighted(text: string, column: string): string[] {
  const lines = text.split("\n");
  const heads = lines[1].split("│").map((cell) => cell.replace(/\x1b\[[0-9;]*m/g, "").trim());
  const at = heads.indexOf(column);
  return lines.filter((line) => line.split("│")[at]?.includes("\x1b[30;43m")).map((line) => line.split("│")[1].trim());
}

test("with colour, each partition's best value per metric is highlighted, by the metric's direction", () => {
  const rows = [
    gridRow("Naive Bayes", { Accuracy: 0.7, AUC: NaN, Kappa: 0.2, TT_Sec: 0.001 }),
    gridRow("Logistic Regression", { Accuracy: 0.8, AUC: 0.9, Kappa: 0.2, TT_Sec: 0.5 }),
    gridRow("Decision Tree Classifier", { Accuracy: 0.8, AUC: 0.6, Kappa: 0.1, TT_Sec: 0.2 }),
  ];
  const board = leaderboard([ok(["a"], rows), ok(["b"], rows.slice(0, 1))], { task: classification, by: ["k"], sort: "Accuracy", top: 5 });
  const text = table(board, ["k"], true);
  assert.deepEqual(highlighted(text, "Accuracy"), ["Logistic Reg.", "Decision Tree"], "ties are all best");
  assert.deepEqual(highlighted(text, "AUC"), ["Logistic Reg."], "NaN is never best");
  assert.deepEqual(highlighted(text, "Kappa"), ["Logistic Reg.", "Naive Bayes"]);
  // Every model at 0 (Recall here): nothing stands out, nothing is highlighted.
  assert.deepEqual(highlighted(text, "Recall"), []);
  // TT_Sec is not a metric; a partition of one model has nothing to compare.
  assert.deepEqual(highlighted(text, "TT_Sec"), []);
  assert.match(text, /├─ \x1b\[1mk=a\x1b\[22m ─/);
});

test("a regression grid highlights the smallest error and the largest R2", () => {
  const row = (model: string, MAE: number, R2: number): GridRow => ({ model, mean: { MAE, MSE: MAE * MAE, RMSE: MAE, R2, RMSLE: 0.4, MAPE: 0.3, TT_Sec: 0.01 }, sd: {} });
  const board = leaderboard([ok(["x"], [row("Ridge Regression", 3000, 0.6), row("Dummy Regressor", 7000, -0.1), row("Lasso Regression", 3100, 0.7)])], { task: regression, by: ["r"], sort: "R2", top: 5 });
  const text = toTable(board, { round: 2, task: regression, by: ["r"], color: true });
  assert.deepEqual(highlighted(text, "MAE"), ["Ridge"]);
  assert.deepEqual(highlighted(text, "R2"), ["Lasso"]);
});

test("two values that print alike at --round are both highlighted", () => {
  const rows = [gridRow("Naive Bayes", { Accuracy: 0.81234 }), gridRow("Logistic Regression", { Accuracy: 0.81236 }), gridRow("Decision Tree Classifier", { Accuracy: 0.5 })];
  const board = leaderboard([ok(["a"], rows)], { task: classification, by: ["k"], sort: "Accuracy", top: 5 });
  assert.deepEqual(highlighted(table(board, ["k"], true, 2), "Accuracy"), ["Logistic Reg.", "Naive Bayes"]);
});

test("a heading holding wide characters still ends its rule at the table's edge", () => {
  const board = leaderboard([ok(["東京都"], titanicRows(0)), ok(["🚲 shop"], titanicRows(0))], { task: classification, by: ["city"], sort: "Accuracy", top: 5 });
  const lines = table(board, ["city"]).trimEnd().split("\n");
  assert.ok(lines.some((line) => line.startsWith("├─ city=東京都 ─")));
  assert.ok(lines.every((line) => displayWidth(line) === displayWidth(lines[0])), lines.join("\n"));
});

test("a heading longer than the table is written whole, past the table's edge", () => {
  const key = "x".repeat(120);
  const board = leaderboard([ok([key], titanicRows(0))], { task: classification, by: ["k"], sort: "Accuracy", top: 5 });
  assert.ok(table(board, ["k"]).includes(`├─ k=${key} ─\n`));
});

test("a column the leaderboard marks per partition (a row count) is said once in the heading; another stays a column", () => {
  const columns = ["k", "Model", "Accuracy", "AUC", "Recall", "Prec", "F1", "Kappa", "MCC", "TT_Sec", "Rows", "Folds", "status", "reason"];
  const numeric = columns.map((column) => !["k", "Model", "status", "reason"].includes(column));
  const scores = [0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.01];
  const board: Leaderboard = {
    columns,
    numeric,
    counts: columns.map((column) => column === "Rows" || column === "Folds"),
    perPartition: columns.map((column) => column === "Rows"),
    kept: { sort: "Accuracy", top: null },
    rows: [
      ["a", "Naive Bayes", ...scores, 314, 10, "ok", ""],
      ["a", "Logistic Regression", ...scores, 314, 9, "ok", ""],
      ["b", null, ...scores.map(() => null), 12, null, "failed", "too few rows"],
    ],
  };
  const text = table(board, ["k"]);
  assert.match(text, /├─ k=a · Rows 314 ─/);
  assert.match(text, /├─ k=b · Rows 12 ─/);
  assert.match(text.split("\n")[1], /│ Folds │$/);
  assert.doesNotMatch(text.split("\n")[1], /Rows/);
  assert.match(text, /│ Logistic Reg\. │.*│ +9 │$/m);
});

test("columns beyond the scores (SD) are left out of the table when it would pass 100 columns; csv keeps them", () => {
  const wide = ["Linear Regression", "Dummy Regressor"].map((model, i) =>
    gridRow(model, { MAE: 3100.1155 + i, MSE: 2778661195864.25 * (1 + i), RMSE: 5143.7293, R2: 0.6362, RMSLE: 0.4504, MAPE: 0.3399, TT_Sec: 0.0202 }),
  );
  const board = leaderboard([ok(["northeast"], wide)], { task: regression, by: ["region"], sort: "R2", top: 5 });
  const text = toTable(board, { round: 4, task: regression, by: ["region"], color: false });
  assert.ok(widest(text) <= 100, text);
  assert.doesNotMatch(text.split("\n")[1], /│ +SD │/);
  assert.match(renderLeaderboard(board, "csv", 4, metadataFor(["region"])).split("\n")[0], /,SD,/);
});

test("a score column that huge values widen past 100 columns (MAPE near 1e15 where a true value is 0) is shown in exponent form; others keep theirs, csv its digits", () => {
  const huge = ["Linear Regression", "Decision Tree Regressor", "Dummy Regressor"].map((model, i) =>
    gridRow(model, { MAE: 14.1234 + i, MSE: 612345.5 * (1 + i), RMSE: 782.5, R2: 0.31 - i / 10, RMSLE: NaN, MAPE: 1763177964672996.75 * (1 + i), TT_Sec: 0.0202 }),
  );
  const board = leaderboard([ok(["male"], huge)], { task: regression, by: ["Sex"], sort: "R2", top: 5 });
  const text = toTable(board, { round: 4, task: regression, by: ["Sex"], color: false });
  assert.ok(widest(text) <= 100, text);
  assert.match(text, /│ 1\.7632e\+15 │/);
  // Only the huge values change form: a usual MAPE beside them stays fixed.
  const mixed = leaderboard([ok(["male"], huge), ok(["female"], huge.map((row) => ({ ...row, mean: { ...row.mean, MAPE: 0.4987 } })))], { task: regression, by: ["Sex"], sort: "R2", top: 5 });
  const both = toTable(mixed, { round: 4, task: regression, by: ["Sex"], color: false });
  assert.ok(widest(both) <= 100, both);
  assert.match(both, /│ +0\.4987 │/);
  assert.match(both, /│ 1\.7632e\+15 │/);
  assert.match(text, /│ +14\.1234 │ +612345\.5000 │ +782\.5000 │/);
  assert.match(renderLeaderboard(board, "csv", 4, metadataFor(["Sex"])), /,1763177964672996\.7500,/);
});

test("each heading says whether the partition's best model beats the dummy; in colour a dummy not beaten is red, without colour plain", () => {
  const withDummy = (accuracy: number): GridRow[] => [...titanicRows(0), gridRow("Dummy Classifier", { Accuracy: accuracy })];
  const board = leaderboard([ok(["female"], withDummy(0.6)), ok(["male"], withDummy(0.9)), ok(["other"], titanicRows(0))], { task: classification, by: ["Sex"], sort: "Accuracy", top: 3 });
  const plain = table(board, ["Sex"]).split("\n");
  assert.match(plain.find((line) => line.includes("Sex=female"))!, /^├─ Sex=female · beats dummy ─+┼/);
  assert.match(plain.find((line) => line.includes("Sex=male"))!, /^├─ Sex=male · dummy not beaten ─+┼/);
  // No dummy in the grid (--exclude dummy): no mark at all.
  assert.match(plain.find((line) => line.includes("Sex=other"))!, /^├─ Sex=other ─+┼/);
  assert.ok(!plain.join("\n").includes("Beats_Dummy"));
  assert.ok(!ESC.test(plain.join("\n")));
  const coloured = table(board, ["Sex"], true).split("\n");
  assert.ok(coloured.find((line) => line.includes("Sex=male"))!.includes("\x1b[31mdummy not beaten\x1b[39m\x1b[22m"));
  assert.ok(!coloured.find((line) => line.includes("Sex=female"))!.includes("\x1b[31m"));
  assert.ok(widest(plain.join("\n")) <= 100);
});

test("a whole-number SD, Minority or Global_Best reads with --round decimals (0.0000, 1.0000); only Rows, a count, is whole", () => {
  const rows = [gridRow("Logistic Regression", { Accuracy: 1 }), gridRow("Naive Bayes", { Accuracy: 0.5 })];
  const result: PartitionResult = { ...ok(["a"], rows), facts: { Rows: 314, Minority: 1 }, global: [gridRow("Naive Bayes", { Accuracy: 1 })] };
  const board = leaderboard([result], { task: classification, by: ["k"], sort: "Accuracy", top: 5, globalBaseline: true });
  const text = table(board, ["k"]);
  assert.match(text, /├─ k=a · Rows 314 · Minority 1\.0000 · global Naive Bayes 1\.0000 ─/);
  // gridRow's deviations are all 0: the SD column shows them as numbers of the grid, not counts.
  assert.match(text.split("\n")[1], /│ +SD │$/);
  assert.match(text, /^│ Logistic Reg\. +│ +1\.0000 │.*│ +0\.0000 │$/m);
  assert.doesNotMatch(text, /│ +0 │/);
});
