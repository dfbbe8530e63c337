import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { jsonlRows, jsonRows, repoPath, runCli, tempFiles } from "../helpers.js";

const policies = repoPath("fixtures", "policies.csv");
const passengers = repoPath("fixtures", "passengers.csv");
const base = [policies, "--target", "charges", "--by", "region", "--models", "lr,ridge,dt,dummy", "--folds", "3", "--quiet"];
const REGRESSION_COLUMNS = ["region", "Model", "MAE", "MSE", "RMSE", "R2", "RMSLE", "MAPE", "TT_Sec", "Rows", "Beats_Dummy", "SD", "status", "reason"];

/** CSV lines without TT_Sec, the one column that depends on the machine's load. */
function untimed(csv: string): string[] {
  const lines = csv.trimEnd().split("\n");
  const at = lines[0].split(",").indexOf("TT_Sec");
  return lines.map((line) => line.split(",").filter((_, j) => j !== at).join(","));
}

test("a numeric target with many values is a regression: its grid has PyCaret's regression columns, sorted by R2", () => {
  const result = runCli(base.filter((arg) => arg !== "--quiet"));
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /^automl-grid: task: regression \(the target charges is numeric with more than 20 distinct values; --task sets it\)$/m);
  const lines = result.stdout.trimEnd().split("\n");
  assert.deepEqual(lines[0].split(","), REGRESSION_COLUMNS);
  assert.equal(lines.length, 1 + 4 * 4);
  const rows = lines.slice(1).map((line) => line.split(","));
  for (const region of ["northeast", "northwest", "southeast", "southwest"]) {
    const r2 = rows.filter((row) => row[0] === region).map((row) => Number(row[5]));
    assert.equal(r2.length, 4, region);
    assert.deepEqual(r2, [...r2].sort((a, b) => b - a), `${region} sorted by R2, best first`);
  }
});

test("--sort MAE sorts ascending, and a classification column is refused for a regression grid", () => {
  const rows = jsonRows<Record<string, number | string>>(runCli([...base, "--sort", "mae", "--format", "json"]).stdout);
  const northeast = rows.filter((row) => row.region === "northeast").map((row) => row.MAE as number);
  assert.deepEqual(northeast, [...northeast].sort((a, b) => a - b));
  const refused = runCli([...base, "--sort", "AUC"]);
  assert.equal(refused.status, 2);
  assert.equal(refused.stderr, "automl-grid: error: --sort AUC: not a regression column; expected one of MAE, MSE, RMSE, R2, RMSLE, MAPE, TT_Sec\n");
  const model = runCli([policies, "--target", "charges", "--by", "region", "--models", "nb", "--folds", "3", "--quiet"]);
  assert.equal(model.status, 2);
  assert.match(model.stderr, /--models nb: not a regression model; expected some of lr,lasso,ridge,en,br,huber,knn,dt,rf,et,ada,gbr,hgb,dummy\n$/);
});

test("the task is recorded in json and jsonl metadata, and --task overrides the guess", () => {
  const json = JSON.parse(runCli([...base, "--format", "json"]).stdout) as { automl_grid: { options: { task: string; models: string[] } } };
  assert.equal(json.automl_grid.options.task, "regression");
  assert.deepEqual(json.automl_grid.options.models, ["lr", "ridge", "dt", "dummy"]);
  const forced = runCli([passengers, "--target", "Survived", "--task", "regression", "--models", "lr", "--folds", "3", "--quiet", "--format", "jsonl"]);
  assert.equal(forced.status, 0, forced.stderr);
  assert.ok(jsonlRows<Record<string, unknown>>(forced.stdout).every((row) => typeof row.R2 === "number"));
  const notNumbers = runCli([policies, "--target", "region", "--task", "regression", "--quiet"]);
  assert.equal(notNumbers.status, 2);
  assert.equal(notNumbers.stderr, `automl-grid: error: ${policies}: the target region has a value that is not a number ("northwest" at row 1); regression needs a numeric target: if "northwest" marks a missing value, write it empty or NA (rows without a target are dropped); if the target is classes, --task classification\n`);
});

test("a numeric target with one stray value is refused naming the value and its row", () => {
  const dir = tempFiles();
  const file = join(dir, "stray.csv");
  const lines = ["x,y"];
  for (let i = 0; i < 60; i++) lines.push(`${i},${i === 41 ? "inf" : (i * 1.5).toFixed(1)}`);
  writeFileSync(file, `${lines.join("\n")}\n`);
  const result = runCli([file, "--target", "y", "--task", "regression", "--quiet"]);
  assert.equal(result.status, 2);
  assert.equal(result.stderr, `automl-grid: error: ${file}: the target y has a value that is not a number ("inf" at row 42); regression needs a numeric target: if "inf" marks a missing value, write it empty or NA (rows without a target are dropped); if the target is classes, --task classification\n`);
  assert.equal(result.stdout, "");
});

test("titanic's Fare, 248 distinct values, is read as a regression target instead of failing on a 1-row class", () => {
  const result = runCli([passengers, "--target", "Fare", "--ignore", "PassengerId", "--models", "ridge,dummy", "--folds", "3", "--quiet", "--format", "csv"]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout.split("\n")[0], /^Model,MAE,MSE,RMSE,R2,RMSLE,MAPE,TT_Sec,Rows,Beats_Dummy,SD$/);
});

test("regression shards merged equal the single run in csv and json, TT_Sec aside", () => {
  const dir = tempFiles();
  const parts = [0, 1, 2].map((i) => join(dir, `part-${i}.jsonl`));
  parts.forEach((part, i) => assert.equal(runCli([...base, "--shard", `${i}/3`, "--out", part]).status, 0));
  const single = runCli([...base, "--format", "csv", "--round", "10"]).stdout;
  const merged = runCli(["merge", ...parts, "--format", "csv", "--round", "10"]);
  assert.equal(merged.status, 0, merged.stderr);
  assert.deepEqual(untimed(merged.stdout), untimed(single));
  const mergedJson = jsonRows<Record<string, unknown>>(runCli(["merge", ...parts, "--format", "json"]).stdout);
  const singleJson = jsonRows<Record<string, unknown>>(runCli([...base, "--format", "json"]).stdout);
  const strip = (rows: Record<string, unknown>[]): unknown[] => rows.map(({ TT_Sec: _, ...rest }) => rest);
  assert.deepEqual(strip(mergedJson), strip(singleJson));
});

test("a target so large that squares overflow is said on stderr, whichever row holds its largest value, even past the first 1000 distinct values", () => {
  const lines = ["x,y"];
  for (let i = 0; i < 1200; i++) lines.push(`${i % 7},${i + 1}`);
  lines.push("3,2e155");
  const dir = tempFiles({ "huge.csv": lines.join("\n") + "\n" });
  const huge = runCli([join(dir, "huge.csv"), "--target", "y", "--models", "dummy", "--folds", "3", "--format", "csv"]);
  assert.equal(huge.status, 0, huge.stderr);
  assert.match(huge.stderr, /the target y has a value as large as 2\.00e\+155: squares of its size overflow, so MSE, RMSE and R2 come out infinite or NaN/);
  assert.doesNotMatch(huge.stderr, /underflow/);
});

test("a regression partition with fewer than 2 rows is reported with its reason and does not stop the others", () => {
  const text = "g,x,y\n" + Array.from({ length: 40 }, (_, i) => `a,${i},${(i * 1.37).toFixed(2)}`).join("\n") + "\nb,1,2.5\n";
  const dir = tempFiles({ "tiny.csv": text });
  const result = runCli([join(dir, "tiny.csv"), "--target", "y", "--by", "g", "--models", "lr,dummy", "--folds", "3", "--train-size", "1", "--quiet", "--format", "json"]);
  const rows = jsonRows<Record<string, unknown>>(result.stdout);
  const b = rows.filter((row) => row.g === "b");
  assert.equal(b.length, 1);
  assert.notEqual(b[0].status, "ok");
  assert.match(String(b[0].reason), /1 row to cross-validate; 2 folds need at least 2 rows/);
  assert.equal(rows.filter((row) => row.g === "a" && row.status === "ok").length, 2);
});

test("a target so small that squared errors underflow is said on stderr (every R2 would read 1), a usual one is not", () => {
  const lines = ["x,y"];
  for (let i = 0; i < 60; i++) lines.push(`${i % 7},${((i * 37) % 50) + 1}e-300`);
  const dir = tempFiles({ "tiny.csv": lines.join("\n") + "\n" });
  const tiny = runCli([join(dir, "tiny.csv"), "--target", "y", "--models", "lr,dummy", "--folds", "3", "--format", "csv"]);
  assert.equal(tiny.status, 0, tiny.stderr);
  assert.match(tiny.stderr, /the target y has no value larger than 5\.00e-299 in size: squared errors underflow to 0, so MSE, RMSE and R2 cannot tell the models apart/);
  const usual = runCli([...base.slice(0, 5), "--models", "dummy", "--folds", "3"]);
  assert.equal(usual.status, 0, usual.stderr);
  assert.doesNotMatch(usual.stderr, /underflow/);
});
