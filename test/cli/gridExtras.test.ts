import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { type CliRun, jsonlRows, jsonRows, repoPath, runCli, tempFiles } from "../helpers.js";

type Row = Record<string, string | number | null>;

/**
 * Partition a: 10 rows, 3 of them "yes" (Minority 0.3), on two predefined folds. A decision tree
 * fitted on fold B (x=0 and x=1 both mostly "no") says "no" everywhere: 3 of fold A's 4 rows,
 * Accuracy 0.75, F1 0. One fitted on fold A (x=0 "no", x=1 "yes") gets 3 of fold B's 6 rows,
 * Accuracy 0.5, Recall 1/2, Prec 1/3, F1 0.4. So Accuracy 0.625 with fold SD 0.125, F1 0.2 with
 * fold SD 0.2 (numpy's std, ddof 0); scikit-learn's DecisionTreeClassifier on these folds agrees.
 * Partition b: 4 rows of one class, skipped.
 */
const handChecked = [
  "g,f,x,y",
  ...["A,0,no", "A,0,no", "A,0,no", "A,1,yes", "B,0,no", "B,0,no", "B,0,yes", "B,1,yes", "B,1,no", "B,1,no"].map((row) => `a,${row}`),
  ...["A,0,no", "A,1,no", "B,0,no", "B,1,no"].map((row) => `b,${row}`),
].join("\n");
const dir = tempFiles({ "hand.csv": handChecked + "\n" });
const hand = [join(dir, "hand.csv"), "--target", "y", "--by", "g", "--fold-column", "f", "--train-size", "1", "--models", "dt", "--quiet"];

test("Rows, Minority and SD are right on a hand-checked table, in csv, json and jsonl", () => {
  const csv = runCli([...hand, "--format", "csv"]);
  assert.equal(csv.status, 0, csv.stderr);
  const [header, a, b] = csv.stdout.trimEnd().split("\n");
  assert.equal(header, "g,Model,Accuracy,AUC,Recall,Prec,F1,Kappa,MCC,TT_Sec,Rows,Minority,Beats_Dummy,SD,status,reason");
  assert.match(a, /^a,Decision Tree Classifier,0\.6250,0\.5000,0\.2500,0\.1667,0\.2000,0\.0000,0\.0000,[\d.]+,10,0\.3000,,0\.1250,ok,$/);
  assert.equal(b, "b,,,,,,,,,,4,,,,skipped,the target y has one class (no)");
  for (const rows of [jsonRows<Row>(runCli([...hand, "--format", "json"]).stdout), jsonlRows<Row>(runCli([...hand, "--format", "jsonl"]).stdout)]) {
    assert.deepEqual(
      rows.map((row) => [row.g, row.Accuracy, row.Rows, row.Minority, row.SD, row.status]),
      [
        ["a", 0.625, 10, 0.3, 0.125, "ok"],
        ["b", null, 4, null, null, "skipped"],
      ],
    );
  }
  // SD follows --sort.
  const byF1 = jsonRows<Row>(runCli([...hand, "--format", "json", "--sort", "F1"]).stdout);
  assert.equal(byF1[0].F1, 0.2);
  assert.ok(Math.abs((byF1[0].SD as number) - 0.2) < 1e-15, String(byF1[0].SD));
});

/** Drops TT_Sec (the one value that depends on the machine's load) from a grid's text in any format. */
function untimed(format: string, text: string): unknown {
  if (format === "json") {
    const parsed = JSON.parse(text) as { rows: Row[] };
    return { ...parsed, rows: parsed.rows.map(({ TT_Sec: _, ...rest }) => rest) };
  }
  if (format === "jsonl") return [text.split("\n")[0], ...jsonlRows<Row>(text).map(({ TT_Sec: _, ...rest }) => rest)];
  const separator = format === "csv" ? "," : " | ";
  const lines = text.trimEnd().split("\n");
  const at = lines[0].split(separator).indexOf("TT_Sec");
  assert.ok(at > 0, `${format} has a TT_Sec column`);
  return lines.map((line) => line.split(separator).filter((_, j) => j !== at));
}

test("shards merged give Rows, Minority and the SD of merge's own --sort, equal to a single run's in csv, json, jsonl and markdown", () => {
  const run = [repoPath("fixtures", "sales.csv"), "--target", "churned", "--by", "region", "--models", "nb,dt", "--folds", "3", "--quiet"];
  const parts = [0, 1].map((i) => join(dir, `part-${i}.jsonl`));
  parts.forEach((part, i) => assert.equal(runCli([...run, "--shard", `${i}/2`, "--out", part]).status, 0));
  // The shards were sorted by Accuracy; merge sorts by F1, whose fold deviations the pieces carry.
  for (const format of ["csv", "json", "jsonl", "markdown"]) {
    const merged: CliRun = runCli(["merge", ...parts, "--sort", "F1", "--top", "1", "--format", format]);
    const single: CliRun = runCli([...run, "--sort", "F1", "--top", "1", "--format", format]);
    assert.equal(merged.status, 0, merged.stderr);
    assert.deepEqual(untimed(format, merged.stdout), untimed(format, single.stdout), format);
  }
  const rows = jsonRows<Row>(runCli(["merge", ...parts, "--sort", "F1", "--format", "json"]).stdout);
  const islands = rows.filter((row) => row.region === "Islands");
  assert.deepEqual(
    islands.map((row) => [row.Rows, row.Minority, row.SD, row.status]),
    [[15, null, null, "skipped"]],
  );
  const east = rows.filter((row) => row.region === "East");
  assert.equal(east.length, 2);
  for (const row of east) {
    assert.equal(typeof row.Rows, "number");
    assert.ok((row.Minority as number) > 0 && (row.Minority as number) <= 0.5);
    assert.ok((row.SD as number) >= 0);
    assert.equal(row.SD_F1, undefined, "the pieces' deviation columns stay in the pieces");
  }
});
