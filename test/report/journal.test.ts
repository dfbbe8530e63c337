import assert from "node:assert/strict";
import { test } from "node:test";
import { InputError } from "../../src/errors.js";
import type { GridRow, PartitionResult } from "../../src/evaluate/grid.js";
import type { ResultOptions } from "../../src/evaluate/resultOptions.js";
import { journalManifestLine, journalResultLine, parseJournal } from "../../src/report/journal.js";
import { optionDifference, type RunMetadata } from "../../src/report/runMetadata.js";
import { gridRow } from "./gridFixtures.js";

const options: ResultOptions = {
  task: "classification",
  target: "churned",
  by: ["region", "plan"],
  models: ["lr", "nb"],
  folds: 10,
  foldColumn: null,
  trainSize: 0.7,
  minRows: 0,
  seed: 123,
  ignore: [],
  delimiter: "auto",
  encoding: "utf-8",
  decimal: ".",
};
const manifest: RunMetadata = { format: "automl-grid", version: 2, fingerprint: "ab12", options, shard: null };

function row(model: string, AUC: number): GridRow {
  const withSd = gridRow(model, { Accuracy: 0.1 + 0.2, AUC, Recall: 1 / 3, Prec: 0, F1: 2e-17, Kappa: -0.25, MCC: 0.5, TT_Sec: 0.0123 });
  return { ...withSd, sd: { ...withSd.sd, AUC: NaN, Kappa: 0.125 } };
}

const east: PartitionResult = {
  key: ["East", "basic"],
  status: "ok",
  reason: "",
  rows: [row("Logistic Regression", 0.75), row("Naive Bayes", NaN)],
  notes: ["column customer_id is an identifier (every value is distinct): dropped"],
};
const islandsFailed: PartitionResult = {
  key: ["Islands", ""],
  status: "failed",
  reason: "the target churned has one class (no)",
  rows: [],
  notes: [],
};

const journalText = (...results: PartitionResult[]): string => journalManifestLine(manifest) + results.map(journalResultLine).join("");

function refusal(text: string): string {
  try {
    parseJournal("j.jsonl", text);
  } catch (error) {
    assert.ok(error instanceof InputError, String(error));
    return error.message;
  }
  assert.fail("the journal was accepted");
}

test("a partition result survives its journal line whole: key, status, reason, rows in order, notes, full precision", () => {
  const { manifest: read, results } = parseJournal("j.jsonl", journalText(east, islandsFailed));
  assert.deepEqual(read, manifest);
  assert.deepEqual(results, [east, islandsFailed]);
  assert.equal(results[0].rows[0].mean.Accuracy, 0.1 + 0.2);
});

test("a NaN mean or deviation is written as null and read back as NaN", () => {
  const line = journalResultLine(east);
  assert.match(line, /"AUC":null/);
  assert.ok(line.endsWith("\n") && !line.slice(0, -1).includes("\n"), "one line");
  const read = parseJournal("j.jsonl", journalText(east)).results[0];
  assert.ok(Number.isNaN(read.rows[1].mean.AUC));
  assert.ok(Number.isNaN(read.rows[0].sd.AUC));
});

test("an infinite mean or deviation (an error that overflowed) is written as \"Infinity\" and read back infinite, not NaN", () => {
  const overflowed: PartitionResult = { ...east, rows: [{ ...row("Linear Regression", 0.5), mean: { MSE: Infinity, R2: -Infinity }, sd: { MSE: NaN, R2: Infinity } }] };
  const line = journalResultLine(overflowed);
  assert.match(line, /"MSE":"Infinity","R2":"-Infinity"/);
  const read = parseJournal("j.jsonl", journalText(overflowed)).results[0].rows[0];
  assert.deepEqual(read.mean, { MSE: Infinity, R2: -Infinity });
  assert.equal(read.sd.R2, Infinity);
  assert.ok(Number.isNaN(read.sd.MSE));
});

test("a key holding U+2028 or U+2029 stays on its journal line, escaped, and reads back whole", () => {
  const odd: PartitionResult = { ...east, key: ["a\u2028b", "c\u2029d"] };
  const line = journalResultLine(odd);
  assert.doesNotMatch(line, /[\u2028\u2029]/);
  assert.deepEqual(parseJournal("j.jsonl", journalText(odd)).results[0].key, odd.key);
});

test("a last line cut short by a kill is ignored, whatever it holds", () => {
  const whole = journalText(east);
  const cut = journalResultLine(islandsFailed).slice(0, 30);
  assert.deepEqual(parseJournal("j.jsonl", whole + cut).results, [east]);
  // Even a tail that parses counts only once its newline is written.
  assert.deepEqual(parseJournal("j.jsonl", whole + journalResultLine(islandsFailed).trimEnd()).results, [east]);
});

test("a partition recorded twice (failed, then scored again) keeps its last result", () => {
  const fixed: PartitionResult = { ...islandsFailed, status: "ok", reason: "", rows: [row("Naive Bayes", 0.5)] };
  const { results } = parseJournal("j.jsonl", journalText(islandsFailed, east, fixed));
  assert.deepEqual(results, [east, fixed]);
});

test("a malformed complete line is an InputError naming the journal and the line", () => {
  const text = journalText(east) + "{not json\n" + journalResultLine(islandsFailed);
  assert.equal(refusal(text), "j.jsonl: line 3 is not a partition result");
  const badRow = journalText(east).replace('"Accuracy":', '"Accuracy":"high","x":');
  assert.equal(refusal(badRow), "j.jsonl: line 2 is not a partition result");
  const badStatus = journalText(east).replace('"status":"ok"', '"status":"fine"');
  assert.equal(refusal(badStatus), "j.jsonl: line 2 is not a partition result");
});

test("an empty file, a file cut inside its manifest, a CSV and a shard piece are not journals", () => {
  const shardPiece = JSON.stringify({ automl_grid: manifest }) + "\n";
  for (const text of ["", "\n", journalManifestLine(manifest).slice(0, 40), "region,plan,churned\nEast,basic,no\n", shardPiece]) {
    assert.match(refusal(text), /^j\.jsonl: not an automl-grid journal/);
  }
  const future = journalManifestLine({ ...manifest, version: 3 as 2 });
  assert.equal(refusal(future), "j.jsonl: journal format version 3 is not supported");
});

test("optionDifference is null for the same options and otherwise names the first option that differs, both ways", () => {
  const now = (changed: Partial<ResultOptions>, shard: RunMetadata["shard"] = null): RunMetadata => ({ ...manifest, options: { ...options, ...changed }, shard });
  assert.equal(optionDifference(manifest, now({}), true), null);
  assert.equal(optionDifference(manifest, now({ seed: 7 }), true), "--seed 123 (this run: --seed 7)");
  assert.equal(optionDifference(manifest, now({ models: ["nb"] }), true), "--models lr,nb (this run: --models nb)");
  assert.equal(optionDifference(manifest, now({ foldColumn: "fold" }), true), "--fold-column none (this run: --fold-column fold)");
  assert.equal(optionDifference(manifest, now({ trainSize: 1 }), true), "--train-size 0.7 (this run: --train-size 1)");
  assert.equal(optionDifference(manifest, now({ task: "regression" }), true), "--task classification (this run: --task regression)");
  assert.equal(optionDifference(manifest, now({}, { index: 1, count: 4 }), true), "--shard none (this run: --shard 1/4)");
  assert.equal(optionDifference(manifest, now({}, { index: 1, count: 4 }), false), null);
});

test("optionDifference compares --ignore as a set (its order changes no result) and --by in order (it orders the grid)", () => {
  const withOptions = (changed: Partial<ResultOptions>): RunMetadata => ({ ...manifest, options: { ...options, ...changed } });
  assert.equal(optionDifference(withOptions({ ignore: ["PassengerId", "Name"] }), withOptions({ ignore: ["Name", "PassengerId"] }), true), null);
  assert.equal(
    optionDifference(withOptions({ ignore: ["PassengerId", "Name"] }), withOptions({ ignore: ["Name"] }), true),
    "--ignore PassengerId,Name (this run: --ignore Name)",
  );
  assert.equal(optionDifference(withOptions({ by: ["region", "plan"] }), withOptions({ by: ["plan", "region"] }), true), "--by region,plan (this run: --by plan,region)");
});

test("a result's failed global baseline survives the journal; one with global rows keeps them", () => {
  const failed: PartitionResult = { ...east, global: [], globalFailed: "worker process died twice (signal SIGKILL)" };
  const scored: PartitionResult = { ...east, global: [row("Logistic Regression", 0.5)] };
  const { results } = parseJournal("j", journalManifestLine(manifest) + journalResultLine(failed) + journalResultLine({ ...scored, key: ["West", "basic"] }));
  assert.equal(results[0].globalFailed, "worker process died twice (signal SIGKILL)");
  assert.deepEqual(results[0].global, []);
  assert.equal(results[1].globalFailed, undefined);
  assert.equal(results[1].global?.length, 1);
  assert.throws(() => parseJournal("j", journalManifestLine(manifest) + journalResultLine(failed).replace('"globalFailed":"worker', '"globalFailed":7,"x":"worker')), InputError);
});
