import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { jsonlRows, jsonRows, runCli, tempFiles, type CliRun } from "../helpers.js";

/**
 * Real-world keys through the real binary: a --by column named like a grid column, keys that
 * mix numbers and text, keys that look like spreadsheet formulas and keys holding terminal
 * control characters.
 */

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A scorable table: for each key, 24 rows of a binary target y with a feature x that predicts it. */
function table(byColumns: readonly string[], keys: readonly (readonly string[])[]): string[] {
  const lines = [[...byColumns, "x", "z", "y"].map(csvCell).join(",")];
  for (const key of keys) {
    for (let i = 0; i < 24; i++) {
      const y = i % 2;
      lines.push([...key, String((i % 7) + 3 * y), "abc"[i % 3], String(y)].map(csvCell).join(","));
    }
  }
  return lines;
}

const carKeys = [
  ["Corolla", "used"],
  ["Civic", "new"],
  ["Corolla", "new"],
];
const dir = tempFiles({
  "cars.csv": table(["Model", "status"], carKeys).join("\n") + "\n",
  "stores.csv": table(["store"], [["9"], ["10"], ["1a"], ["2"], ["05"], ["NA"]]).join("\n") + "\n",
  "formulas.csv": table(["@cmd"], [['=HYPERLINK("http://evil.example","x")'], ["-5"], ["plain"]]).join("\n") + "\n",
  "escapes.csv": table(["shop"], [["a\x1b[2Jb"], ["bell\x07"]]).join("\n") + "\n",
});
const file = (name: string): string => join(dir, name);
const fast = ["--target", "y", "--models", "nb,dt", "--folds", "3", "--quiet"];

/**
 * The stores' rows in other orders: keys appearing in reverse order, and all keys interleaved.
 * Each partition keeps its own rows in file order, since its split and folds follow them.
 */
const storeLines = readFileSync(file("stores.csv"), "utf8").trimEnd().split("\n");
const blocks = Array.from({ length: 6 }, (_, b) => storeLines.slice(1 + 24 * b, 1 + 24 * (b + 1)));
const reordered = tempFiles({
  "reversed.csv": [storeLines[0], ...[...blocks].reverse().flat()].join("\n") + "\n",
  "interleaved.csv": [storeLines[0], ...Array.from({ length: 24 }, (_, i) => [...blocks].reverse().map((block) => block[i])).flat()].join("\n") + "\n",
});

type Row = Record<string, unknown>;
const MODELS = ["Naive Bayes", "Decision Tree Classifier"];

/** The grid without TT_Sec (the one value that depends on the machine's load), for any format. */
function withoutTime(text: string, format: string): string {
  if (format === "json" || format === "jsonl") {
    const rows = (format === "json" ? jsonRows<Row>(text) : jsonlRows<Row>(text));
    return JSON.stringify(rows.map(({ TT_Sec: _, ...rest }) => rest));
  }
  const separator = format === "csv" ? "," : " | ";
  const lines = text.split("\n");
  const at = lines[0].split(separator).indexOf("TT_Sec");
  assert.ok(at > 0, `no TT_Sec column in ${format}`);
  return lines.map((line) => line.split(separator).filter((_, j) => j !== at).join(separator)).join("\n");
}

function succeeded(result: CliRun): string {
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

test("--by Model,status keeps the keys as by_Model and by_status in csv, json, jsonl, markdown and table", () => {
  const args = [file("cars.csv"), ...fast, "--by", "Model,status"];
  const csv = succeeded(runCli([...args, "--format", "csv"])).trimEnd().split("\n");
  assert.match(csv[0], /^by_Model,by_status,Model,Accuracy,.*,TT_Sec,Rows,Minority,Beats_Dummy,SD,status,reason$/);
  const cells = csv.slice(1).map((line) => line.split(","));
  assert.deepEqual(
    cells.map((c) => `${c[0]}/${c[1]}`),
    ["Civic/new", "Civic/new", "Corolla/new", "Corolla/new", "Corolla/used", "Corolla/used"],
  );
  assert.ok(cells.every((c) => MODELS.includes(c[2])));
  for (const format of ["json", "jsonl"]) {
    const text = succeeded(runCli([...args, "--format", format]));
    const rows = format === "json" ? jsonRows<Row>(text) : jsonlRows<Row>(text);
    assert.equal(rows.length, 6, format);
    assert.deepEqual(
      [...new Set(rows.map((r) => `${String(r.by_Model)}/${String(r.by_status)}`))],
      ["Civic/new", "Corolla/new", "Corolla/used"],
      format,
    );
    assert.ok(rows.every((r) => MODELS.includes(String(r.Model)) && r.status === "ok"), format);
  }
  const markdown = succeeded(runCli([...args, "--format", "markdown"]));
  assert.match(markdown, /by_Model.*by_status.*Model/);
  for (const key of ["Civic", "Corolla", "used", "new"]) assert.match(markdown, new RegExp(key));
  // The table says each partition's key once, in a heading above its rows.
  const table = succeeded(runCli([...args, "--format", "table"]));
  for (const key of ["Civic, by_status=new", "Corolla, by_status=new", "Corolla, by_status=used"]) assert.match(table, new RegExp(`├─ by_Model=${key}( · Rows \\d+ · Minority [\\d.]+)? [─┼]`));
});

test("shards of a --by Model,status run, merged, equal the single run in every format, TT_Sec aside", () => {
  const args = [file("cars.csv"), ...fast, "--by", "Model,status"];
  const parts = [0, 1].map((i) => join(dir, `cars-${i}.jsonl`));
  parts.forEach((part, i) => succeeded(runCli([...args, "--shard", `${i}/2`, "--out", part])));
  assert.ok(parts.every((part) => readFileSync(part, "utf8").trimEnd().split("\n").length > 1), "both shards hold partitions");
  assert.match(readFileSync(parts[0], "utf8").split("\n")[1], /"by_Model":"(Civic|Corolla)","by_status":"(new|used)"/);
  for (const format of ["csv", "json", "jsonl", "markdown"]) {
    const single = succeeded(runCli([...args, "--format", format, "--top", "1"]));
    const merged = succeeded(runCli(["merge", ...parts, "--format", format, "--top", "1"]));
    assert.equal(withoutTime(merged, format), withoutTime(single, format), format);
    assert.match(merged, /Corolla/, format);
  }
  // The table's column widths depend on TT_Sec's digits: with --round 0 it is 0 in both.
  const single = succeeded(runCli([...args, "--format", "table", "--round", "0"]));
  assert.equal(succeeded(runCli(["merge", ...parts, "--format", "table", "--round", "0"])), single);
});

test("merge refuses a shard whose rows lack a key column, naming the file, line and column", () => {
  const args = [file("cars.csv"), "--target", "y", "--models", "nb", "--folds", "3", "--quiet", "--by", "Model"];
  const parts = [0, 1].map((i) => join(dir, `cars-model-${i}.jsonl`));
  parts.forEach((part, i) => assert.equal(runCli([...args, "--shard", `${i}/2`, "--out", part]).status, 0));
  const holder = parts.findIndex((part) => readFileSync(part, "utf8").includes('"by_Model":'));
  assert.ok(holder >= 0);
  // As a shard written before key columns were renamed: its `Model` key was overwritten.
  const old = join(dir, "old-shard.jsonl");
  writeFileSync(old, readFileSync(parts[holder], "utf8").replace(/"by_Model":"[^"]*",/g, ""));
  const merged = runCli(["merge", ...parts.map((part, i) => (i === holder ? old : part))]);
  assert.equal(merged.status, 2);
  assert.equal(merged.stderr, `automl-grid: error: ${old}: line 2 has no key column by_Model\n`);
  assert.equal(merged.stdout, "");
});

test("keys mixing numbers and text come in one order, whatever the row order of the file or the shards", () => {
  const keysOf = (csv: string): string[] => [...new Set(csv.trimEnd().split("\n").slice(1).map((line) => line.split(",")[0]))];
  const args = [...fast, "--by", "store", "--format", "csv"];
  const forward = succeeded(runCli([file("stores.csv"), ...args]));
  assert.deepEqual(keysOf(forward), ["", "2", "05", "9", "10", "1a"]);
  for (const other of ["reversed.csv", "interleaved.csv"]) {
    const again = succeeded(runCli([join(reordered, other), ...args]));
    assert.equal(withoutTime(again, "csv"), withoutTime(forward, "csv"), other);
  }
  const parts = [0, 1, 2].map((i) => join(dir, `stores-${i}.jsonl`));
  parts.forEach((part, i) => runCli([join(reordered, "interleaved.csv"), ...fast, "--by", "store", "--shard", `${i}/3`, "--out", part]));
  const merged = succeeded(runCli(["merge", ...parts.reverse(), "--format", "csv"]));
  assert.equal(withoutTime(merged, "csv"), withoutTime(forward, "csv"));
});

test("a formula-like key and a column named @cmd are neutralised in csv and markdown, raw in json", () => {
  const args = [file("formulas.csv"), ...fast, "--by", "@cmd"];
  const csv = succeeded(runCli([...args, "--format", "csv"])).trimEnd().split("\n");
  assert.match(csv[0], /^'@cmd,Model,/);
  assert.ok(csv.some((line) => line.startsWith(`"'=HYPERLINK(""http://evil.example"",""x"")",`)));
  assert.ok(csv.some((line) => line.startsWith("-5,")), "a plain number is not a formula");
  assert.ok(!csv.some((line) => /(^|,)=/.test(line)));
  const markdown = succeeded(runCli([...args, "--format", "markdown"]));
  assert.match(markdown, /^\| '@cmd \| Model \|/);
  assert.match(markdown, /\n\| '=HYPERLINK\("http:\/\/evil\.example","x"\) \|/);
  assert.match(markdown, /\n\| -5 \|/);
  const json = jsonRows<Row>(succeeded(runCli([...args, "--format", "json"])));
  assert.deepEqual(
    [...new Set(json.map((r) => r["@cmd"]))],
    ["-5", '=HYPERLINK("http://evil.example","x")', "plain"],
  );
});

test("a key holding ESC and BEL is shown escaped in the table and in the progress lines on stderr", () => {
  const controls = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;
  const table = runCli([file("escapes.csv"), "--target", "y", "--models", "nb", "--folds", "3", "--by", "shop", "--format", "table"]);
  assert.equal(table.status, 0, table.stderr);
  assert.doesNotMatch(table.stdout, controls);
  assert.match(table.stdout, /a\\x1b\[2Jb/);
  assert.match(table.stdout, /bell\\x07/);
  assert.doesNotMatch(table.stderr, controls);
  assert.match(table.stderr, /partition shop=a\\x1b\[2Jb done/);
  assert.match(table.stderr, /partition shop=bell\\x07 done/);
});

test("an error message quoting a value or a column from the file is shown escaped, on one line", () => {
  const oneClass = tempFiles({ "one.csv": "x,y\n1,\x1b[2J\n2,\x1b[2J\n" });
  const error = runCli([join(oneClass, "one.csv"), "--target", "y"]);
  assert.equal(error.status, 2);
  assert.equal(error.stderr, "automl-grid: error: " + join(oneClass, "one.csv") + ": the target y has one class (\\x1b[2J); a classifier needs two\n");
  const twice = tempFiles({ "twice.csv": "a\x07,a\x07,y\n1,2,0\n" });
  const duplicate = runCli([join(twice, "twice.csv"), "--target", "y"]);
  assert.equal(duplicate.status, 2);
  assert.equal(duplicate.stderr, "automl-grid: error: " + join(twice, "twice.csv") + ": the header has column a\\x07 twice\n");
});
