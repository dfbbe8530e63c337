import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { type CliRun, jsonRows, repoPath, runCli, tempFiles } from "../helpers.js";

const passengers = repoPath("fixtures", "passengers.csv");
const sales = repoPath("fixtures", "sales.csv");

type Row = Record<string, string | number | null>;

function withoutTime(rows: Row[]): Row[] {
  return rows.map(({ TT_Sec: _, ...rest }) => rest);
}

function assertOneLine(result: CliRun, message: RegExp): void {
  assert.equal(result.status, 2, result.stderr);
  assert.equal(result.stdout, "");
  assert.ok(result.stderr.endsWith("\n"), JSON.stringify(result.stderr));
  const lines = result.stderr.slice(0, -1).split("\n");
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${result.stderr}`);
  assert.match(lines[0], message);
}

/** Runs the binary from a shell with its stdout redirected as `redirect` says (`>&-`, `>/dev/null`). */
function runWithStdout(redirect: string, args: readonly string[]): CliRun {
  const result = spawnSync("/bin/sh", ["-c", `exec "$@" ${redirect}`, "sh", process.execPath, repoPath("bin", "automl-grid.js"), ...args], {
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// 40 rows whose every feature is the same value: Gaussian naive Bayes then has zero variances
// and its probabilities are NaN, which AUC would rank by row order.
const constantRows = Array.from({ length: 40 }, (_, i) => `1,red,${(i * 37) % 11 < 5 ? "yes" : "no"}`);
const dir = tempFiles({
  "constant.csv": ["x,colour,y", ...constantRows].join("\n") + "\n",
  // 21 numbers four times over (not "looks continuous"), then one text cell.
  "mostly-numbers.csv": ["x,y", ...Array.from({ length: 84 }, (_, i) => `${i},${(i % 21) * 1.5}`), "84,n/k"].join("\n") + "\n",
  "reversed.csv": ["x,colour,y", ...[...constantRows].reverse()].join("\n") + "\n",
  // One "yes": two folds cannot be made. A missing target and an identifier column make notes
  // that a run prints on stderr; none of them may come before the one error line.
  "unscorable.csv": "name,a,y\nann,1,no\nbob,2,no\ncid,3,no\ndee,4,yes\neve,5,\n",
  "cars.csv": ['"Make, Model",Year,km,sold', ...Array.from({ length: 48 }, (_, i) => `"${i % 2 === 0 ? "Fiat, Panda" : "VW, Golf"}",${2000 + (i % 3)},${(i * 7919) % 1000},${(i * 5) % 7 < 3 ? "yes" : "no"}`)].join("\n") + "\n",
});

test("an estimator's NaN probabilities leave it out with its reason, so a grid no longer depends on row order", () => {
  const args = ["--target", "y", "--models", "lr,nb,dt", "--folds", "4", "--format", "json"];
  const forward = runCli([join(dir, "constant.csv"), ...args]);
  const backward = runCli([join(dir, "reversed.csv"), ...args]);
  for (const result of [forward, backward]) {
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /Naive Bayes failed and is left out: returned NaN probabilities \(row \d+\) in fold \d+/);
    assert.deepEqual(jsonRows<Row>(result.stdout).map((row) => row.Model), ["Logistic Regression", "Decision Tree Classifier"]);
  }
  assert.deepEqual(withoutTime(jsonRows<Row>(forward.stdout)), withoutTime(jsonRows<Row>(backward.stdout)));
});

test("an unscorable single table exits 2 with one line on stderr, its progress and notes held back", () => {
  const result = runCli([join(dir, "unscorable.csv"), "--target", "y", "--train-size", "1"]);
  assertOneLine(result, /^automl-grid: error: .*unscorable\.csv: cannot score the table: a class has 1 row; 2 folds need at least 2 rows per class \(task classification: the target y has 2 distinct values; --task sets it\)$/);
});

test("a numeric target that one text cell makes classes, refused for classes too small, says which cell made them", () => {
  const result = runCli([join(dir, "mostly-numbers.csv"), "--target", "y", "--train-size", "1", "--models", "nb"]);
  assertOneLine(result, /cannot score the table: a class has 1 row; .* \(task classification: the target y has a value that is not a number \("n\/k" at row 85\); --task sets it\)$/);
});

test("a single table on which every model fails exits 2 with one line that says why each failed", () => {
  const result = runCli([join(dir, "constant.csv"), "--target", "y", "--models", "nb"]);
  assertOneLine(result, /cannot score the table: every model failed \(Naive Bayes: returned NaN probabilities \(row \d+\) in fold \d+\)$/);
});

test("a single table that is scored still prints its progress line and notes", () => {
  const result = runCli([passengers, "--target", "Survived", "--models", "nb", "--folds", "3"]);
  assert.equal(result.status, 0, result.stderr);
  // The read's own notes (Ticket is mostly numbers) come first, then the table's line and notes.
  assert.match(result.stderr, /^automl-grid: table done \(1\/1, ok\) [\d.]+s\nautoml-grid: column Name is an identifier/m);
});

test("every exit 2 is one line on stderr, progress on: usage, option values, input and output paths", () => {
  const cases: [string[], RegExp][] = [
    [[join(dir, "nope.csv"), "--target", "y"], /nope\.csv: no such file$/],
    [[passengers, "--target", "Survived", "--fodls", "3"], /unknown option '--fodls' \(Did you mean --folds\?\)$/],
    [[passengers, "--target", "Survived", "--train-size", "0x1"], /--train-size 0x1: expected a number above 0 and at most 1/],
    [[passengers, "--target", "Survived", "--folds", "1e1"], /--folds 1e1: expected an integer >= 2$/],
    [[sales, "--target", "churned", "--by", "region,region"], /--by region: column named twice$/],
    [[sales, "--target", "churned", "--by", "region", "--ignore", "region"], /--ignore region: also a --by column/],
    [[sales, "--target", "churned", "--ignore", "churned"], /--ignore churned: is the --target column/],
    [[sales, "--target", "churned", "--by", '"region'], /--by "region: a quote is not closed$/],
    [[sales, "--target", "churned", "--by", "Region"], /--by Region: no such column in .*sales\.csv; did you mean region\?$/],
    [[sales, "--target", "churned", "--out", join(dir, "no-dir", "grid.csv")], /--out .*: directory .*no-dir does not exist$/],
    [["merge", join(dir, "nope.jsonl")], /nope\.jsonl: no such file$/],
  ];
  for (const [args, message] of cases) assertOneLine(runCli(args), message);
});

test("stdout closed from the start (>&-) exits 2 with one line before any work; > /dev/null still exits 0", () => {
  const args = [passengers, "--target", "Survived", "--models", "nb", "--folds", "3"];
  const closed = runWithStdout(">&-", args);
  assertOneLine(closed, /^automl-grid: error: stdout is closed \(or a read-write \/dev\/null\): the grid would be lost; use --out FILE, or > \/dev\/null to discard it$/);
  assert.equal(runWithStdout(">&-", ["merge", join(dir, "nope.jsonl")]).status, 2);
  assert.equal(runWithStdout(">&-", ["--version"]).status, 2);

  const devNull = runWithStdout(">/dev/null", args);
  assert.equal(devNull.status, 0, devNull.stderr);
  assert.match(devNull.stderr, /table done \(1\/1, ok\)/);

  const out = join(dir, "closed-stdout.csv");
  const withOut = runWithStdout(">&-", [...args, "--out", out]);
  assert.equal(withOut.status, 0, withOut.stderr);
  assert.match(readFileSync(out, "utf8"), /^Model,Accuracy/);
});

test("a write to stdout that fails (a full disk, a read-only descriptor) is one line and exit 2, as a failed --out is", () => {
  // The run's own notes come first (the write fails only once the grid exists): the error is its last line.
  const failedWrite = (result: CliRun, code: string): void => {
    assert.equal(result.status, 2, result.stderr);
    assert.equal(result.stderr.split("\n").at(-2), `automl-grid: error: stdout: cannot write (${code})`);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  };
  const args = [passengers, "--target", "Survived", "--models", "nb", "--folds", "3", "--quiet"];
  failedWrite(runWithStdout(">/dev/full", args), "ENOSPC");
  failedWrite(runWithStdout(`1<${passengers}`, args), "EBADF");
  const piece = join(dir, "full-piece.jsonl");
  const shard = runCli([sales, "--target", "churned", "--by", "region", "--models", "nb", "--folds", "2", "--quiet", "--shard", "0/1", "--out", piece]);
  assert.equal(shard.status, 0, shard.stderr);
  assertOneLine(runWithStdout(">/dev/full", ["merge", piece, "--format", "csv"]), /^automl-grid: error: stdout: cannot write \(ENOSPC\)$/);
});

test("--by may repeat, and a quoted name holds a comma: the grid is keyed by that column", () => {
  const once = runCli([sales, "--target", "churned", "--by", "region,plan", "--models", "nb", "--folds", "2", "--quiet", "--format", "json"]);
  const repeated = runCli([sales, "--target", "churned", "--by", "region", "--by", "plan", "--models", "nb", "--folds", "2", "--quiet", "--format", "json"]);
  assert.equal(once.status, 0, once.stderr);
  assert.deepEqual(withoutTime(jsonRows<Row>(repeated.stdout)), withoutTime(jsonRows<Row>(once.stdout)));

  const out = join(dir, "cars.json");
  const cars = runCli([join(dir, "cars.csv"), "--target", "sold", "--by", '"Make, Model"', "--ignore", "Year", "--models", "nb", "--folds", "2", "--quiet", "--out", out]);
  assert.equal(cars.status, 0, cars.stderr);
  const rows = jsonRows<Row>(readFileSync(out, "utf8"));
  assert.deepEqual(Object.keys(rows[0]).slice(0, 2), ["Make, Model", "Model"]);
  assert.deepEqual(rows.map((row) => row["Make, Model"]), ["Fiat, Panda", "VW, Golf"]);
});
