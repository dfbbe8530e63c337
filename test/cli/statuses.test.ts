import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { gridExitCode } from "../../src/cli/main.js";
import { type CliRun, jsonRows, repoPath, runCli, tempFiles } from "../helpers.js";

type Row = Record<string, string | number | null>;

// Partition a is hand-checked (see gridExtras.test.ts); b has one class; c's every feature is
// constant, so Gaussian naive Bayes answers NaN on it and, as the only model, fails it.
const dir = tempFiles({
  "small.csv": ["g,x,y", ...["no", "no", "yes", "yes", "no", "yes", "no", "yes"].map((y, i) => `a,${i},${y}`), "b,1,no", "b,2,no", "b,3,no"].join("\n") + "\n",
  // Fold column f; y's "b" is one row (in fold 0), so fold 0's training rows lack it.
  "oneclassrow.csv": "x,y,fold\n1,a,0\n2,a,1\n3,a,2\n4,b,0\n5,a,1\n6,a,2\n7,a,0\n8,a,1\n9,a,2\n10,a,0\n",
  "oneclassrow-by.csv": ["g,x,y,fold", ...["a", "a", "a", "b", "a", "a", "a", "a", "a", "a"].map((y, i) => `one,${i + 1},${y},${i % 3}`), ...Array.from({ length: 12 }, (_, i) => `two,${i},${i % 2 === 0 ? "a" : "b"},${i % 3}`)].join("\n") + "\n",
  "faulty.csv": ["g,x,y", ...Array.from({ length: 10 }, (_, i) => `fine,${i},${i % 2 === 0 ? "no" : "yes"}`), ...Array.from({ length: 10 }, (_, i) => `const,1,${i % 3 === 0 ? "yes" : "no"}`), "tiny,1,no"].join("\n") + "\n",
});
const small = [join(dir, "small.csv"), "--target", "y", "--by", "g", "--models", "nb", "--folds", "2", "--train-size", "1", "--format", "json"];
const faulty = [join(dir, "faulty.csv"), "--target", "y", "--by", "g", "--models", "nb", "--folds", "2", "--train-size", "1", "--format", "json"];

function statuses(result: CliRun): Record<string, [unknown, unknown]> {
  return Object.fromEntries(jsonRows<Row>(result.stdout).map((row) => [row.g, [row.status, row.reason]]));
}

test("a --by run where a partition has one class exits 0: that partition is skipped with its reason, said on stderr", () => {
  const result = runCli(small);
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(statuses(result), { a: ["ok", ""], b: ["skipped", "the target y has one class (no)"] });
  assert.match(result.stderr, /^automl-grid: partition g=b done \(\d\/2, skipped: the target y has one class \(no\)\) [\d.]+s$/m);
});

test("--strict makes a skipped partition exit 1, the grid still written", () => {
  const result = runCli([...small, "--strict"]);
  assert.equal(result.status, 1, result.stderr);
  assert.deepEqual(statuses(result), { a: ["ok", ""], b: ["skipped", "the target y has one class (no)"] });
});

test("--min-rows skips a partition with fewer rows (exit 0), and is refused when it is not a whole number", () => {
  const result = runCli([...small, "--min-rows", "9"]);
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(statuses(result), { a: ["skipped", "8 rows, fewer than --min-rows 9"], b: ["skipped", "3 rows, fewer than --min-rows 9"] });
  assert.deepEqual(statuses(runCli([...small, "--min-rows", "8"])).a, ["ok", ""]);
  for (const bad of ["1.5", "x", "-1"]) {
    const refused = runCli([...small, "--min-rows", bad]);
    assert.equal(refused.status, 2, refused.stderr);
    assert.equal(refused.stderr, `automl-grid: error: --min-rows ${bad}: expected an integer >= 0\n`);
  }
});

test("a partition whose every model fails is failed and exits 1, with or without --strict; a skipped one beside it changes nothing", () => {
  for (const args of [faulty, [...faulty, "--strict"]]) {
    const result = runCli(args);
    assert.equal(result.status, 1, result.stderr);
    const found = statuses(result);
    assert.equal(found.const[0], "failed");
    assert.match(String(found.const[1]), /^every model failed \(Naive Bayes: returned NaN probabilities/);
    assert.deepEqual(found.fine, ["ok", ""]);
    assert.deepEqual(found.tiny, ["skipped", "the target y has one class (no)"]);
  }
});

test("a single table too small to cross-validate is still bad input: exit 2 and one line", () => {
  const result = runCli([repoPath("fixtures", "passengers.csv"), "--target", "Survived", "--min-rows", "100000"]);
  assert.equal(result.status, 2, result.stderr);
  assert.equal(result.stdout, "");
  assert.match(result.stderr, /^automl-grid: error: .*passengers\.csv: cannot score the table: \d+ rows, fewer than --min-rows 100000 \(task classification: the target Survived has 2 distinct values; --task sets it\)\n$/);
});

test("a class of one row under --fold-column is refused as without it: exit 2 for a single table, skipped with --by", () => {
  const single = runCli([join(dir, "oneclassrow.csv"), "--target", "y", "--fold-column", "fold", "--train-size", "1", "--models", "lr,dummy", "--format", "csv"]);
  assert.equal(single.status, 2, single.stderr);
  assert.equal(single.stdout, "");
  assert.match(single.stderr, /^automl-grid: error: .*oneclassrow\.csv: cannot score the table: a class has 1 row; 2 folds need at least 2 rows per class \(task classification: the target y has 2 distinct values; --task sets it\)\n$/);
  const byGroup = runCli([join(dir, "oneclassrow-by.csv"), "--target", "y", "--by", "g", "--fold-column", "fold", "--train-size", "1", "--models", "lr,dummy", "--format", "json"]);
  assert.equal(byGroup.status, 0, byGroup.stderr);
  assert.deepEqual(statuses(byGroup), { one: ["skipped", "a class has 1 row; 2 folds need at least 2 rows per class"], two: ["ok", ""] });
});

test("a journaled skipped partition is reused and a failed one scored again", () => {
  const sales = repoPath("fixtures", "sales.csv");
  const args = [sales, "--target", "churned", "--by", "region", "--models", "nb", "--folds", "3", "--format", "json"];
  const journal = join(dir, "journal.jsonl");
  const first = runCli([...args, "--resume", journal], { env: { AUTOML_GRID_TEST_KILL: '["North"]@2' } });
  assert.equal(first.status, 1, first.stderr);
  assert.deepEqual(
    jsonRows<Row>(first.stdout).filter((row) => row.status !== "ok").map((row) => [row.region, row.status]),
    [
      ["Islands", "skipped"],
      ["North", "failed"],
    ],
  );
  const again = runCli([...args, "--resume", journal]);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stderr, /resumed 4 of 5 partitions from/);
  assert.deepEqual(
    again.stderr.split("\n").filter((line) => line.includes(" done (")).map((line) => line.replace(/\) [\d.]+s$/, ")")),
    ["automl-grid: partition region=North done (5/5, ok)"],
  );
  const clean = runCli(args);
  const untimed = (result: CliRun): Row[] => jsonRows<Row>(result.stdout).map(({ TT_Sec: _, ...rest }) => rest);
  assert.deepEqual(untimed(again), untimed(clean));
});

test("gridExitCode: failed exits 1; skipped exits 0, or 1 under --strict; ok exits 0", () => {
  assert.equal(gridExitCode(["ok", "ok"], false), 0);
  assert.equal(gridExitCode(["ok", "skipped"], false), 0);
  assert.equal(gridExitCode(["ok", "skipped"], true), 1);
  assert.equal(gridExitCode(["ok", "failed"], false), 1);
  assert.equal(gridExitCode(["ok", "ok"], false, true), 1, "a global baseline that could not be computed");
  assert.equal(gridExitCode(["skipped", "failed"], true), 1);
  assert.equal(gridExitCode([], true), 0);
});

test("--help lists --min-rows and --strict, for merge too", () => {
  const help = runCli(["--help"]).stdout;
  assert.match(help, /--min-rows <n>/);
  assert.match(help, /--strict/);
  assert.match(runCli(["merge", "--help"]).stdout, /--strict/);
});
