import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { jsonlRows, jsonRows, repoPath, runCli, tempFiles } from "../helpers.js";

const passengers = repoPath("fixtures", "passengers.csv");
// Small and quick: two cheap models, three folds.
const base = [passengers, "--target", "Survived", "--models", "nb,dt", "--folds", "3", "--quiet"];
const GRID = ["Model", "Accuracy", "AUC", "Recall", "Prec", "F1", "Kappa", "MCC", "TT_Sec", "Rows", "Minority", "Beats_Dummy", "SD"];

test("csv is the default in a pipe: a header row, one row per model, rounded, and nothing but data on stdout", () => {
  const result = runCli(base);
  assert.equal(result.status, 0, result.stderr);
  const lines = result.stdout.trimEnd().split("\n");
  assert.equal(lines[0], GRID.join(","));
  assert.equal(lines.length, 3);
  const models = lines.slice(1).map((line) => line.split(",")[0]);
  assert.deepEqual([...models].sort(), ["Decision Tree Classifier", "Naive Bayes"]);
  const rows = GRID.indexOf("Rows");
  // No dummy among the models: nothing to beat, an empty cell.
  const beats = GRID.indexOf("Beats_Dummy");
  for (const line of lines.slice(1)) {
    // Rows is a count: no decimals.
    line.split(",").forEach((cell, j) => j > 0 && assert.match(cell, j === rows ? /^\d+$/ : j === beats ? /^$/ : /^-?\d+\.\d{4}$/));
  }
  // PyCaret's identifier rule dropped Name; the user hears it on stderr.
  assert.match(result.stderr, /column Name is an identifier/);
});

test("rows are sorted by --sort, descending for metrics and ascending for TT_Sec, and cut to --top", () => {
  const sorted = jsonRows<Record<string, number>>(runCli([...base, "--format", "json", "--sort", "auc"]).stdout);
  assert.ok(sorted[0].AUC >= sorted[1].AUC);
  const top = jsonRows(runCli([...base, "--format", "json", "--sort", "TT_Sec", "--top", "1"]).stdout);
  assert.equal(top.length, 1);
});

test("json keeps full precision and jsonl has one object per line with the grid's keys, both after the run's metadata", () => {
  const text = runCli([...base, "--format", "json"]).stdout;
  const json = jsonRows(text);
  assert.deepEqual(Object.keys(json[0]), GRID);
  assert.ok(json.some((row) => String(row.Accuracy).length > 6), "full precision");
  const metadata = (JSON.parse(text) as { automl_grid: { options: { task: string; models: string[] } } }).automl_grid;
  assert.equal(metadata.options.task, "classification");
  assert.deepEqual(metadata.options.models, ["nb", "dt"]);
  const jsonl = runCli([...base, "--format", "jsonl"]).stdout;
  assert.equal(jsonl.trimEnd().split("\n").length, 3);
  assert.deepEqual(JSON.parse(jsonl.split("\n")[0]), { automl_grid: metadata });
  const untimed = (rows: Record<string, unknown>[]): Record<string, unknown>[] => rows.map(({ TT_Sec: _, ...rest }) => rest);
  assert.deepEqual(untimed(jsonlRows(jsonl)), untimed(json));
});

test("markdown and table formats have a header row; --round sets the decimals", () => {
  const md = runCli([...base, "--format", "markdown", "--round", "2"]).stdout.split("\n");
  assert.equal(md[0], `| ${GRID.join(" | ")} |`);
  assert.match(md[1], /^\| --- \| ---: \|/);
  assert.match(md[2], /\| 0\.\d\d \|/);
  const table = runCli([...base, "--format", "table"]).stdout;
  assert.match(table, /Model.*Accuracy.*TT_Sec/);
});

/** CSV lines without TT_Sec, the one value that depends on the machine's load. */
function withoutTime(csv: string): string[] {
  const at = GRID.indexOf("TT_Sec");
  return csv
    .trimEnd()
    .split("\n")
    .map((line) => line.split(",").filter((_, j) => j !== at).join(","));
}

test("the same seed gives the same grid; TT_Sec aside", () => {
  const a = runCli([...base, "--seed", "5", "--round", "12"]);
  const b = runCli([...base, "--seed", "5", "--round", "12"]);
  assert.deepEqual(withoutTime(a.stdout), withoutTime(b.stdout));
});

test("--out writes the file whole (format from its extension) and nothing to stdout", () => {
  const dir = tempFiles();
  const out = join(dir, "grid.jsonl");
  const result = runCli([...base, "--out", out]);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, "");
  const rows = jsonlRows(readFileSync(out, "utf8"));
  assert.equal(rows.length, 2);
  assert.equal(rows[0].Model !== undefined, true);
});

test("- reads the CSV from stdin", () => {
  const text = readFileSync(passengers, "utf8");
  const result = runCli(["-", ...base.slice(1)], { input: text });
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(withoutTime(result.stdout), withoutTime(runCli(base).stdout));
});

test("fewer rows in the smallest class than folds reduces the folds, with a warning", () => {
  const rows = ["a,b,y"];
  for (let i = 0; i < 30; i++) rows.push(`${i},${i % 3},${i < 3 ? "rare" : "common"}`);
  const dir = tempFiles({ "rare.csv": rows.join("\n") + "\n" });
  const result = runCli([join(dir, "rare.csv"), "--target", "y", "--models", "nb", "--train-size", "1", "--quiet"]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /the smallest class has 3 rows: using 3 folds instead of 10/);
});

test("rows with a missing target are dropped and counted on stderr", () => {
  const rows = ["a,y"];
  for (let i = 0; i < 40; i++) rows.push(`${i},${i === 5 ? "NA" : i === 6 ? "" : i % 2}`);
  const dir = tempFiles({ "gaps.csv": rows.join("\n") + "\n" });
  const result = runCli([join(dir, "gaps.csv"), "--target", "y", "--models", "nb", "--folds", "2", "--quiet"]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /dropped 2 rows with a missing y/);
});

test("a --by partition whose every row lacks the target is named on stderr, not dropped without a word", () => {
  const rows = ["a,g,y"];
  for (let i = 0; i < 40; i++) rows.push(`${i},${i % 2 ? "odd" : "even"},${i % 4 < 2 ? "x" : "z"}`);
  for (let i = 0; i < 5; i++) rows.push(`${i},blank,NA`);
  rows.push("9,even,");
  const dir = tempFiles({ "blank.csv": rows.join("\n") + "\n" });
  const result = runCli([join(dir, "blank.csv"), "--target", "y", "--by", "g", "--models", "nb", "--folds", "2", "--quiet", "--format", "csv"]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /dropped 6 rows with a missing y\n.*partition g=blank has no row with a y: it is not in the grid\n/);
  assert.doesNotMatch(result.stderr, /partition g=even has no row/);
  assert.deepEqual([...new Set(result.stdout.trim().split("\n").slice(1).map((line) => line.split(",")[0]))], ["even", "odd"]);
});

test("--help shows every option and an example; --version prints the version", () => {
  const help = runCli(["--help"]);
  assert.equal(help.status, 0);
  for (const option of ["--target", "--by", "--models", "--folds", "--fold-column", "--train-size", "--seed", "--sort", "--top", "--round", "--ignore", "--format", "--out", "--workers", "--shard", "--quiet"]) {
    assert.ok(help.stdout.includes(option), `help lacks ${option}`);
  }
  assert.match(help.stdout, /automl-grid titanic\.csv --target Survived --by Sex/);
  assert.match(help.stdout, /Exit codes:/);
  const pkg = JSON.parse(readFileSync(repoPath("package.json"), "utf8")) as { version: string };
  assert.equal(runCli(["--version"]).stdout.trim(), pkg.version);
});
