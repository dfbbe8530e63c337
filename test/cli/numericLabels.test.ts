import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { jsonRows, repoPath, runCli, tempFiles } from "../helpers.js";

/** passengers.csv with Survived's 0 and 1 written as the two given labels. */
function relabelled(zero: string, one: string): string {
  const [header, ...lines] = readFileSync(repoPath("fixtures", "passengers.csv"), "utf8").trimEnd().split("\n");
  const at = header.split(",").indexOf("Survived");
  return [header, ...lines.map((line) => line.replace(new RegExp(`^((?:[^,]*,){${at}})([01]),`), (_, head: string, label: string) => `${head}${label === "0" ? zero : one},`))].join("\n") + "\n";
}

function untimedGrid(file: string): Record<string, unknown>[] {
  const result = runCli([file, "--target", "Survived", "--models", "lr,dt,nb", "--folds", "3", "--quiet", "--format", "json"]);
  assert.equal(result.status, 0, result.stderr);
  return jsonRows<Record<string, unknown>>(result.stdout).map(({ TT_Sec, SD_TT_Sec, ...scores }) => scores);
}

test("a numeric class target is scored as pandas types it: 5 before 10, 10 the positive class, as the text labels a and b", () => {
  const dir = tempFiles({ "numbers.csv": relabelled("5", "10"), "texts.csv": relabelled("a", "b"), "floats.csv": relabelled("5.0", "10") });
  const texts = untimedGrid(join(dir, "texts.csv"));
  assert.ok(texts.length === 3 && texts.every((row) => typeof row.Recall === "number"));
  assert.deepEqual(untimedGrid(join(dir, "numbers.csv")), texts);
  assert.deepEqual(untimedGrid(join(dir, "floats.csv")), texts);
});

/** Rows of x,y with y's class c written as one of several spellings of the same number. */
function spelledClasses(classes: number, rows: number): string {
  const spellings = [(c: number) => `${c}`, (c: number) => `${c}.0`, (c: number) => `0${c}`, (c: number) => `${c}e0`];
  const lines = ["x,y"];
  for (let i = 0; i < rows; i++) {
    const c = 1 + (i % classes);
    lines.push(`${(c + (i % 7) / 10).toFixed(2)},${spellings[i % spellings.length](c)}`);
  }
  return lines.join("\n") + "\n";
}

test("--task auto counts the target's distinct values as numbers: 9 classes written 3, 3.0, 03 and 3e0 stay 9 classes", () => {
  const dir = tempFiles({ "spelled.csv": spelledClasses(9, 180) });
  const result = runCli([join(dir, "spelled.csv"), "--target", "y", "--models", "dummy", "--folds", "3", "--format", "json"]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /task: classification \(the target y has 9 distinct values;/);
  assert.ok(jsonRows<Record<string, unknown>>(result.stdout).every((row) => typeof row.Accuracy === "number"));
});

test("a target written only as 1 and 1.0 is one class for the whole file: refused once, exit 2, as a target of 1 alone", () => {
  const lines = ["x,g,y", ...Array.from({ length: 60 }, (_, i) => `${i / 10},${i % 2 ? "a" : "b"},${i % 3 ? "1" : "1.0"}`)];
  const dir = tempFiles({ "one.csv": lines.join("\n") + "\n" });
  const result = runCli([join(dir, "one.csv"), "--target", "y", "--by", "g", "--models", "dummy"]);
  assert.equal(result.status, 2, result.stderr);
  assert.equal(result.stdout, "");
  assert.match(result.stderr.trim(), /^[^\n]*the target y has one class \(1\.0\)[^\n]*$/);
});

test("a binary target of integers beyond 2^53 (9007199254740992 and 9007199254740993) is two classes for the whole file, as for each partition", () => {
  const dir = tempFiles({ "big.csv": relabelled("9007199254740992", "9007199254740993"), "texts.csv": relabelled("a", "b") });
  const result = runCli([join(dir, "big.csv"), "--target", "Survived", "--models", "lr,dt,nb", "--folds", "3", "--format", "json"]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /the target Survived has 2 distinct values/);
  assert.deepEqual(untimedGrid(join(dir, "big.csv")), untimedGrid(join(dir, "texts.csv")));
});
