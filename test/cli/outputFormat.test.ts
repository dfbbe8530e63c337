import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { mergeOptions, scoreOptions } from "../../src/cli/main.js";
import type { RawOptions } from "../../src/cli/parseOptions.js";
import { UsageError } from "../../src/errors.js";
import { repoPath, runCli, tempFiles } from "../helpers.js";

/** The format a scoring command line writes, stdout being a pipe unless said otherwise. */
function formatOf(raw: RawOptions, stdoutIsTty = false): string {
  return scoreOptions("data.csv", { target: "y", ...raw }, stdoutIsTty).output.format;
}

function refused(raw: RawOptions, message: RegExp): void {
  assert.throws(
    () => scoreOptions("data.csv", { target: "y", ...raw }, false),
    (error: unknown) => error instanceof UsageError && message.test(error.message),
    JSON.stringify(raw),
  );
}

test("each --out extension names its format, case aside: .csv .tsv .json .jsonl .md, and .txt the terminal table", () => {
  const expected: [string, string][] = [
    ["grid.csv", "csv"],
    ["grid.tsv", "tsv"],
    ["grid.TSV", "tsv"],
    ["grid.json", "json"],
    ["grid.jsonl", "jsonl"],
    ["grid.md", "markdown"],
    ["grid.txt", "table"],
    ["dir.v2/grid.Csv", "csv"],
  ];
  for (const [out, format] of expected) assert.equal(formatOf({ out }), format, out);
});

test("without --out: --format, else table on a terminal, else csv; tsv is a format", () => {
  assert.equal(formatOf({ format: "tsv" }), "tsv");
  assert.equal(formatOf({}, true), "table");
  assert.equal(formatOf({}, false), "csv");
});

test("an --out extension naming another format than --format is refused, saying both", () => {
  refused({ format: "json", out: "x.csv" }, /^--out x\.csv: \.csv is the extension of csv, but --format is json; change one of them$/);
  refused({ format: "csv", out: "x.tsv" }, /^--out x\.tsv: \.tsv is the extension of tsv, but --format is csv/);
  refused({ format: "markdown", out: "x.txt" }, /^--out x\.txt: \.txt is the extension of table, but --format is markdown/);
  refused({ format: "table", out: "x.JSON" }, /^--out x\.JSON: \.json is the extension of json/);
  assert.equal(formatOf({ format: "json", out: "x.json" }), "json");
});

test("an --out with an unknown extension or none needs --format, which it then follows", () => {
  const known = /give --format, or end the name in one of \.csv \(csv\), \.tsv \(tsv\), \.json \(json\), \.jsonl \(jsonl\), \.md \(markdown\), \.html \(html\), \.txt \(table\)/;
  refused({ out: "grid.dat" }, /^--out grid\.dat: extension \.dat names no format; /);
  refused({ out: "grid.dat" }, known);
  refused({ out: "grid" }, /^--out grid: has no extension to name a format; /);
  refused({ out: "results.d/grid" }, known);
  assert.equal(formatOf({ format: "csv", out: "grid.dat" }), "csv");
  assert.equal(formatOf({ format: "tsv", out: "grid" }), "tsv");
});

test("a shard writes jsonl into a *.jsonl file: another extension, none, or another --format is refused", () => {
  const shard: RawOptions = { by: ["g"], shard: "0/2" };
  assert.equal(formatOf({ ...shard, out: "part-0.jsonl" }), "jsonl");
  assert.equal(formatOf({ ...shard, format: "jsonl", out: "part-0.JSONL" }), "jsonl");
  assert.equal(formatOf({ ...shard }, true), "jsonl");
  refused({ ...shard, out: "s.csv" }, /^--out s\.csv: --shard writes jsonl pieces for automl-grid merge; name the file \*\.jsonl$/);
  refused({ ...shard, out: "part-0" }, /^--out part-0: --shard writes jsonl pieces/);
  refused({ ...shard, format: "jsonl", out: "part-0.json" }, /^--out part-0\.json: --shard writes jsonl pieces/);
  refused({ ...shard, format: "csv" }, /^--shard writes pieces for automl-grid merge: use --format jsonl, not csv$/);
});

test("merge follows the same extension rules", () => {
  assert.equal(mergeOptions({ out: "grid.tsv" }, false).output.format, "tsv");
  assert.throws(() => mergeOptions({ format: "json", out: "grid.csv" }, false), /--out grid\.csv: \.csv is the extension of csv, but --format is json/);
  assert.throws(() => mergeOptions({ out: "grid.out" }, false), /--out grid\.out: extension \.out names no format/);
});

const passengers = repoPath("fixtures", "passengers.csv");
const quick = [passengers, "--target", "Survived", "--by", "Sex", "--models", "nb", "--folds", "3", "--ignore", "PassengerId,Name", "--quiet"];

test("--out grid.tsv writes tab-separated values, the same cells as csv", () => {
  const dir = tempFiles();
  const result = runCli([...quick, "--out", join(dir, "grid.tsv")]);
  assert.equal(result.status, 0, result.stderr);
  // Not trimmed: the last row ends in an empty reason, a trailing tab.
  const tsv = readFileSync(join(dir, "grid.tsv"), "utf8").split("\n").slice(0, -1);
  assert.equal(tsv[0], "Sex\tModel\tAccuracy\tAUC\tRecall\tPrec\tF1\tKappa\tMCC\tTT_Sec\tRows\tMinority\tBeats_Dummy\tSD\tstatus\treason");
  const csv = runCli([...quick, "--format", "csv"]).stdout.split("\n").slice(0, -1);
  assert.equal(tsv.length, 3);
  const withoutTime = (line: string, separator: string): string[] => line.split(separator).filter((_, j) => j !== 9);
  assert.deepEqual(
    tsv.map((line) => withoutTime(line, "\t")),
    csv.map((line) => withoutTime(line, ",")),
  );
});

test("--format json --out x.csv and an --out of unknown extension exit 2 with one line, writing nothing", () => {
  const dir = tempFiles();
  for (const args of [["--format", "json", "--out", join(dir, "x.csv")], ["--out", join(dir, "x.out")], ["--shard", "0/2", "--out", join(dir, "s.csv")]]) {
    const result = runCli([...quick, ...args]);
    assert.equal(result.status, 2, args.join(" "));
    assert.equal(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
    assert.match(result.stderr, /^automl-grid: error: --out /);
    assert.equal(existsSync(args[args.length - 1]), false);
  }
});
