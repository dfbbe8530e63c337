import assert from "node:assert/strict";
import { test } from "node:test";
import type { GridRow, PartitionResult } from "../../src/evaluate/grid.js";
import { taskInfo } from "../../src/evaluate/tasks.js";
import { renderLeaderboard } from "../../src/report/formats.js";
import { leaderboard, type Leaderboard } from "../../src/report/leaderboard.js";
import type { RunMetadata } from "../../src/report/runMetadata.js";
import { toHtml } from "../../src/report/toHtml.js";
import { classification, gridRow, metadataFor } from "./gridFixtures.js";

const regression = taskInfo("regression");
const ok = (key: string[], rows: GridRow[]): PartitionResult => ({ key, status: "ok", reason: "", rows, notes: [] });
const failed = (key: string[], reason: string): PartitionResult => ({ key, status: "failed", reason, rows: [], notes: [] });
const three = (shift: number): GridRow[] => [
  gridRow("Logistic Regression", { Accuracy: 0.8 + shift, AUC: 0.9 }),
  gridRow("Naive Bayes", { Accuracy: 0.7, AUC: 0.8 }),
  gridRow("Decision Tree Classifier", { Accuracy: 0.6, AUC: NaN }),
];

function metadata(by: readonly string[], models = ["lr", "nb", "dt"]): RunMetadata {
  const base = metadataFor(by);
  return { ...base, options: { ...base.options, models } };
}

function html(board: Leaderboard, by: readonly string[], sort = "Accuracy"): string {
  return toHtml(board, { round: 4, task: classification, metadata: metadata(by), sort, source: "shops.csv" });
}

const count = (text: string, pattern: RegExp): number => [...text.matchAll(new RegExp(pattern.source, "g"))].length;

const EVIL_KEY = "<script>window.__pwned=1</script>";

test("every text from the data is escaped: keys, column names, reasons, model names; nothing runs", () => {
  const board = leaderboard(
    [ok([EVIL_KEY], three(0)), ok(['"><img src=x onerror=alert(1)>'], three(0)), failed(["x"], "<b>bold</b> & 'quoted'")],
    { task: classification, by: ["<i>shop</i>"], sort: "Accuracy", top: 5 },
  );
  const text = html(board, ["<i>shop</i>"]);
  assert.doesNotMatch(text, /<script|<img|<b>|<i>|onerror=alert\(1\)>/);
  assert.match(text, /&lt;script&gt;window\.__pwned=1&lt;\/script&gt;/);
  assert.match(text, /&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.match(text, /&lt;b&gt;bold&lt;\/b&gt; &amp; &#39;quoted&#39;/);
  assert.match(text, /&lt;i&gt;shop&lt;\/i&gt;/);
});

test("control characters from the data are shown as escapes, as on the terminal", () => {
  const board = leaderboard([ok(["a\x1b[2Jb\x00"], three(0))], { task: classification, by: ["k"], sort: "Accuracy", top: 5 });
  const text = html(board, ["k"]);
  assert.doesNotMatch(text, /[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
  assert.match(text, /a\\x1b\[2Jb\\x00/);
});

test("the page is self-contained: no script, no link, no address; a policy forbids fetching anything", () => {
  const board = leaderboard([ok(["a"], three(0))], { task: classification, by: ["k"], sort: "Accuracy", top: 5 });
  const text = html(board, ["k"]);
  assert.doesNotMatch(text, /<script|<link|<img|<iframe|@import|url\(|https?:|\/\/[a-z]/i);
  assert.match(text, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
  assert.match(text, /^<!doctype html>\n<html lang="en">/);
  assert.match(text, /<\/html>\n$/);
});

test("the heatmap has a cell for every partition and model, failed partitions included, and a section per partition", () => {
  const board = leaderboard([ok(["a"], three(0)), ok(["b"], three(0.1).slice(0, 2)), failed(["c"], "one class")], { task: classification, by: ["k"], sort: "Accuracy", top: 5 });
  const text = html(board, ["k"]);
  const heatmap = text.slice(text.indexOf('<table class="heatmap">'), text.indexOf("</table>", text.indexOf('<table class="heatmap">')));
  assert.equal(count(heatmap, /<td class="cell/), 3 * 3);
  assert.equal(count(heatmap, /<td class="cell none"/), 1 + 3, "b lacks one model, c failed");
  assert.deepEqual([...text.matchAll(/<h3>([^<]*)<\/h3>/g)].map((m) => m[1]), ["k = a", "k = b", "k = c"]);
  assert.match(text, /<p class="status-line not-ok">failed: one class<\/p>/);
  assert.match(heatmap, /<a href="#p-3">c<\/a> <span class="status">failed<\/span>/);
  assert.equal(count(text, /<svg class="chart"/), 2, "a chart for each partition that has models");
  assert.match(text, /<dt>Partitions<\/dt><dd>3 \(2 ok, 1 failed\)<\/dd>/);
  assert.match(text, /<dt>Input<\/dt><dd>shops\.csv<\/dd>/);
});

test("the heatmap shows the sort column; each partition's best cell is outlined", () => {
  const board = leaderboard([ok(["a"], three(0)), ok(["b"], three(0.1))], { task: classification, by: ["k"], sort: "AUC", top: 5 });
  const text = html(board, ["k"], "AUC");
  assert.match(text, /<h2>AUC by partition and model<\/h2>/);
  assert.equal(count(text, /<td class="cell best"[^>]*>0\.9000<\/td>/), 2);
  // The tree's AUC is undefined: its cell is empty, never best.
  assert.equal(count(text, /<td class="cell none" title="[^"]*undefined">/), 2);
});

test("a regression report colours and outlines by the metric's direction: the smallest error is best", () => {
  const row = (model: string, MAE: number): GridRow => ({ model, mean: { MAE, MSE: MAE * MAE, RMSE: MAE, R2: 1 - MAE / 10000, RMSLE: 0.4, MAPE: 0.3, TT_Sec: 0.01 }, sd: {} });
  const board = leaderboard([ok(["ne"], [row("Ridge Regression", 3000), row("Dummy Regressor", 7000)])], { task: regression, by: ["region"], sort: "MAE", top: 5 });
  const meta: RunMetadata = { ...metadataFor(["region"]), options: { ...metadataFor(["region"]).options, task: "regression", models: ["ridge", "dummy"] } };
  const text = renderLeaderboard(board, "html", 2, meta, { sort: "MAE" });
  assert.match(text, /<td class="cell best" style="background:#081d58;color:#ffffff" title="[^"]*Ridge Regression: MAE 3000">3000\.00<\/td>/);
  assert.match(text, /<td class="cell" style="background:#ffffd9;[^"]*" title="[^"]*Dummy Regressor: MAE 7000">7000\.00<\/td>/);
  assert.match(text, /lower is better/);
  assert.match(text, /<td class="num best" title="3000">3000\.00<\/td>/);
  assert.match(text, /Models<\/dt><dd>Ridge Regression \(ridge\), Dummy Regressor \(dummy\)<\/dd>/);
});

test("without --by the report holds one grid, its heatmap one row", () => {
  const board = leaderboard([ok([], three(0))], { task: classification, by: [], sort: "Accuracy", top: 5 });
  const text = html(board, []);
  assert.equal(count(text, /<td class="cell/), 3);
  assert.deepEqual([...text.matchAll(/<h3>([^<]*)<\/h3>/g)].map((m) => m[1]), ["All rows"]);
  assert.match(text, /one grid for the whole table/);
});

test("a missing key value is shown as missing, apart from any text", () => {
  const board = leaderboard([ok([""], three(0)), ok(["missing"], three(0))], { task: classification, by: ["k"], sort: "Accuracy", top: 5 });
  const text = html(board, ["k"]);
  assert.deepEqual([...text.matchAll(/<h3>([^<]*)<\/h3>/g)].map((m) => m[1]), ["k = (missing)", "k = missing"]);
  assert.match(text, /<em class="missing">missing<\/em>/);
});

test("per-partition columns (a row count) go to the data summary and the partition's heading, not to every row", () => {
  const columns = ["k", "Model", "Accuracy", "AUC", "Recall", "Prec", "F1", "Kappa", "MCC", "TT_Sec", "Rows", "status", "reason"];
  const board: Leaderboard = {
    columns,
    numeric: columns.map((column) => !["k", "Model", "status", "reason"].includes(column)),
    counts: columns.map((column) => column === "Rows"),
    perPartition: columns.map((column) => column === "Rows"),
    kept: { sort: "Accuracy", top: null },
    rows: [
      ["a", "Naive Bayes", 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.01, 314, "ok", ""],
      ["a", "Logistic Regression", 0.7, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.01, 314, "ok", ""],
    ],
  };
  const text = html(board, ["k"]);
  assert.match(text, /<p class="facts-line">Rows 314<\/p>/);
  assert.match(text, /<table class="facts"><thead><tr><th scope="col">k<\/th><th scope="col">status<\/th><th scope="col" class="num">Rows<\/th>/);
  assert.doesNotMatch(text.slice(text.indexOf('<table class="grid">')), /<th scope="col"[^>]*>Rows/);
});

test("a whole-number SD or Minority reads with --round decimals in the grid, the heading and the data summary; Rows stays whole", () => {
  const result: PartitionResult = { ...ok(["a"], three(0)), facts: { Rows: 314, Minority: 1 } };
  const text = html(leaderboard([result], { task: classification, by: ["k"], sort: "Accuracy", top: 5 }), ["k"]);
  assert.match(text, /<p class="facts-line">Rows 314 · Minority 1\.0000<\/p>/);
  assert.match(text, /<td>a<\/td><td>ok<\/td><td class="num">314<\/td><td class="num">1\.0000<\/td>/);
  // three()'s deviations are all 0: the SD column, last of each grid row.
  assert.equal(count(text, /<td class="num">0\.0000<\/td><\/tr>/), 3);
  assert.doesNotMatch(text, /<td class="num">0<\/td>/);
});

test("an infinite error (MSE that overflowed) draws no bar and no heatmap colour, and puts no NaN into the charts' geometry", () => {
  const rows = [
    gridRow("Linear Regression", {}),
    gridRow("Decision Tree Regressor", {}),
  ].map((row, i) => ({ ...row, mean: { MAE: 1, MSE: i === 0 ? Infinity : 2, RMSE: 1, R2: 0.5, RMSLE: 0.1, MAPE: 0.1, TT_Sec: 0.01 } }));
  const board = leaderboard([ok(["a"], rows), ok(["b"], rows.map((row) => ({ ...row, mean: { ...row.mean, MSE: 3 } })))], { task: regression, by: ["g"], sort: "MSE", top: 5 });
  const text = toHtml(board, { round: 4, task: regression, metadata: { ...metadata(["g"], ["lr", "dt"]), options: { ...metadata(["g"], ["lr", "dt"]).options, task: "regression" } }, sort: "MSE", source: "x.csv" });
  assert.doesNotMatch(text, / (x|y|x1|x2|y1|y2|width|height)="[^"]*NaN/);
  // Three finite values, three bars; the infinite one has its value written beside no bar.
  assert.equal(count(text, /<rect /), 3);
  assert.match(text, /<td class="cell none" title="g=a, Linear Regression: MSE Infinity">Infinity<\/td>/);
  // The colour range spans the finite values (2 to 3): the best is the darkest, as without the infinite one.
  assert.match(text, /<span>3\.0000<\/span><span class="ramp"/);
});

test("the lead counts one partition and one model in the singular", () => {
  const board = leaderboard([ok(["a"], three(0).slice(0, 1))], { task: classification, by: ["k"], sort: "Accuracy", top: 5 });
  assert.match(html(board, ["k"]), /<p class="lead">classification of y, one grid per k: 1 partition × 1 model, sorted by Accuracy<\/p>/);
});

test("an undefined value (NaN) shows as a dash everywhere in the page, grid, chart and heatmap alike, never as the text NaN", () => {
  const board = leaderboard([ok(["a"], three(0)), ok(["b"], three(0.05))], { task: classification, by: ["k"], sort: "AUC", top: 5 });
  const text = html(board, ["k"], "AUC");
  assert.doesNotMatch(text.replace(/<style>[\s\S]*?<\/style>/, ""), /NaN/);
  // The decision tree's AUC in each partition's grid, its bar's label, and the heatmap cell.
  assert.equal(count(text, /<td class="num" title="undefined">–<\/td>/), 2);
  assert.ok(count(text, />–<\/text>/) >= 2);
  assert.ok(count(text, /<td class="cell none" title="[^"]*undefined">–<\/td>/) >= 2);
});
