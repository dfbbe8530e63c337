import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { jsonRows, repoPath, runCli, tempFiles } from "../helpers.js";

const dir = tempFiles({
  "empty.csv": "",
  "header.csv": "a,b,y\n",
  "ragged.csv": "a,b,y\n1,2,0\n3,4,1\n5,6\n",
  "oneclass.csv": "a,b,y\n1,2,0\n3,4,0\n5,6,0\n",
  "dupe.csv": "a,a,y\n1,2,0\n3,4,1\n",
  "folds.csv": "a,fold,y\n1,0,0\n2,1,1\n3,0,0\n4,1,1\n",
  "longheader.csv": `${"x".repeat(100_000)}\n1\n`,
});
const passengers = repoPath("fixtures", "passengers.csv");

interface BadCase {
  readonly name: string;
  readonly args: string[];
  readonly message: RegExp;
}

const cases: BadCase[] = [
  { name: "a missing file", args: [join(dir, "missing.csv"), "--target", "y"], message: /missing\.csv: no such file/ },
  { name: "an empty file", args: [join(dir, "empty.csv"), "--target", "y"], message: /empty\.csv: empty file/ },
  { name: "a header without rows", args: [join(dir, "header.csv"), "--target", "y"], message: /header\.csv: has a header but no data rows/ },
  { name: "an unknown --target", args: [passengers, "--target", "Survive"], message: /--target Survive: no such column in .*passengers\.csv/ },
  { name: "a target with one class", args: [join(dir, "oneclass.csv"), "--target", "y"], message: /oneclass\.csv: the target y has one class \(0\)/ },
  { name: "a ragged row", args: [join(dir, "ragged.csv"), "--target", "y"], message: /ragged\.csv: row 3 has 2 fields, the header has 3/ },
  { name: "a duplicated column name", args: [join(dir, "dupe.csv"), "--target", "y"], message: /dupe\.csv: the header has column a twice/ },
  { name: "--sort Foo", args: [passengers, "--target", "Survived", "--sort", "Foo"], message: /--sort Foo: expected one of Accuracy, AUC/ },
  { name: "--folds 1", args: [passengers, "--target", "Survived", "--folds", "1"], message: /--folds 1: expected an integer >= 2/ },
  { name: "--train-size 2", args: [passengers, "--target", "Survived", "--train-size", "2"], message: /--train-size 2: expected a number above 0 and at most 1/ },
  { name: "--models perceptron", args: [passengers, "--target", "Survived", "--models", "lr,perceptron"], message: /--models perceptron: unknown model/ },
  { name: "--format xml", args: [passengers, "--target", "Survived", "--format", "xml"], message: /--format xml: expected one of table, csv/ },
  { name: "an unknown --ignore column", args: [passengers, "--target", "Survived", "--ignore", "Nope"], message: /--ignore Nope: no such column/ },
  { name: "an unknown option", args: [passengers, "--target", "Survived", "--fodls", "3"], message: /unknown option '--fodls'/ },
  { name: "no --target", args: [passengers], message: /--target <column> is required/ },
  { name: "an empty --fold-column", args: [join(dir, "folds.csv"), "--target", "y", "--fold-column", " "], message: /^automl-grid: error: --fold-column: expected a column name$/ },
  {
    name: "a --fold-column that is also a --by column",
    args: [join(dir, "folds.csv"), "--target", "y", "--fold-column", "fold", "--by", "fold"],
    message: /--fold-column fold: also a --by column; a column is one or the other/,
  },
  { name: "--target given twice", args: [passengers, "--target", "Survived", "--target", "Age"], message: /--target <column>.* given twice \(Survived, then Age\); it takes one value/ },
  { name: "--folds given twice", args: [passengers, "--target", "Survived", "--folds", "3", "--folds", "5"], message: /--folds <n>.* given twice/ },
  // The one name is the whole line: the message shows its start, not 100,000 characters.
  { name: "a one-column header of 100,000 characters", args: [join(dir, "longheader.csv"), "--target", "y"], message: /^.{0,400}$/ },
];

for (const { name, args, message } of cases) {
  test(`${name} exits 2 with one line on stderr and creates no output file`, () => {
    const out = join(dir, `out-${name.replace(/\W+/g, "_")}.csv`);
    const result = runCli([...args, "--out", out, "--quiet"]);
    assert.equal(result.status, 2, result.stderr);
    assert.equal(result.stdout, "");
    const lines = result.stderr.trimEnd().split("\n");
    assert.equal(lines.length, 1, `expected one line, got:\n${result.stderr}`);
    assert.match(lines[0], message);
    assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
    assert.equal(existsSync(out), false);
  });
}

test("a failed run leaves no temp file behind in the output directory", () => {
  const before = readdirSync(dir).filter((name) => name.includes(".tmp-"));
  assert.deepEqual(before, []);
});

test("an --out that cannot be written is refused before any scoring: exit 2, one line", () => {
  // A directory named like a csv file: its extension names a format, so the directory is what is wrong.
  mkdirSync(join(dir, "folder.csv"), { recursive: true });
  const cases: [string, RegExp][] = [
    [join(dir, "no-such-dir", "grid.csv"), /--out .*no-such-dir\/grid\.csv: directory .*no-such-dir does not exist/],
    [join(dir, "folder.csv"), /--out .*: is a directory/],
    [join(passengers, "grid.csv"), /--out .*: .*passengers\.csv is not a directory/],
  ];
  for (const [out, message] of cases) {
    const result = runCli([passengers, "--target", "Survived", "--out", out, "--quiet"]);
    assert.equal(result.status, 2, result.stderr);
    assert.equal(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
    assert.match(result.stderr, message);
    assert.doesNotMatch(result.stderr, /identifier/, "refused before the data was read");
  }
});

test("an empty header name is pandas' Unnamed: <index> (R's write.csv row names, a trailing delimiter): scored, and --ignore can name it", () => {
  const rows = Array.from({ length: 40 }, (_, i) => [`"${i + 1}"`, (i % 9) / 3, i % 3 ? "p" : "q", (i * 7) % 2]);
  const files = tempFiles({
    "rnames.csv": ['"","x","c","y"', ...rows.map((r) => r.join(","))].join("\n") + "\n",
    "trailing.csv": ["x,c,y,", ...rows.map((r) => `${r.slice(1).join(",")},`)].join("\n") + "\n",
  });
  const common = ["--target", "y", "--models", "lr,dummy", "--folds", "3", "--quiet", "--format", "json"];
  const scores = (stdout: string): unknown[] => jsonRows<Record<string, unknown>>(stdout).map((row) => [row.Model, row.Accuracy, row.AUC]);
  const named = runCli([join(files, "rnames.csv"), ...common, "--ignore", "Unnamed: 0"]);
  assert.equal(named.status, 0, named.stderr);
  const trailing = runCli([join(files, "trailing.csv"), ...common]);
  assert.equal(trailing.status, 0, trailing.stderr);
  // The trailing column has no values: dropped, and said; the features left are the same.
  assert.match(trailing.stderr, /Unnamed: 3/);
  assert.deepEqual(scores(trailing.stdout), scores(named.stdout));
  assert.equal(scores(named.stdout).length, 2);
});
