import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { jsonlRows, repoPath, runCli, tempFiles } from "../helpers.js";

/** Rows per job in PyCaret's bank dataset, divided by 25: the unbalanced case, small. */
const JOBS: Readonly<Record<string, number>> = {
  "blue-collar": 389,
  management: 378,
  technician: 304,
  "admin.": 207,
  services: 166,
  retired: 91,
  "self-employed": 63,
  entrepreneur: 59,
  unemployed: 52,
  housemaid: 50,
  student: 38,
  unknown: 12,
};

const dir = tempFiles();
const bank = join(dir, "bank-like.csv");
{
  const lines = ["job,balance,day,deposit"];
  // Jobs interleaved, as in the real file, so that no job's rows come as one block.
  const left = { ...JOBS };
  for (let i = 0; Object.values(left).some((n) => n > 0); i++) {
    for (const job of Object.keys(left)) {
      if (left[job] === 0) continue;
      left[job]--;
      lines.push(`${job},${(i * 37) % 101},${(i * 13) % 31},${(i + job.length) % 3 === 0 ? "yes" : "no"}`);
    }
  }
  writeFileSync(bank, lines.join("\n") + "\n");
}
const run = [bank, "--target", "deposit", "--by", "job", "--models", "nb,dt", "--folds", "3", "--workers", "1", "--quiet"];
const part = (i: number): string => join(dir, `part-${i}.jsonl`);
const jobsIn = (file: string): string[] => [...new Set(jsonlRows<{ job: string }>(readFileSync(file, "utf8")).map((row) => row.job))];

/** CSV text without its TT_Sec column (the one value that depends on the machine's load). */
function withoutTime(csv: string): string {
  const lines = csv.split("\n");
  const at = lines[0].split(",").indexOf("TT_Sec");
  return lines.map((line) => line.split(",").filter((_, j) => j !== at).join(",")).join("\n");
}

test("bank's jobs in 4 shards: each shard's rows within 1.25x of the ideal share (the hash put 6, 1, 3 and 2 jobs in them)", () => {
  for (let i = 0; i < 4; i++) assert.equal(runCli([...run, "--shard", `${i}/4`, "--out", part(i)]).status, 0);
  const jobs = [0, 1, 2, 3].map((i) => jobsIn(part(i)));
  assert.deepEqual(jobs.flat().sort(), Object.keys(JOBS).sort(), "every job in exactly one shard");
  const rows = jobs.map((list) => list.reduce((sum, job) => sum + JOBS[job], 0));
  const ideal = Object.values(JOBS).reduce((a, b) => a + b, 0) / 4;
  for (const load of rows) assert.ok(load <= 1.25 * ideal, `shard rows ${rows.join(", ")}, ideal ${ideal}`);
});

test("the shards, merged, equal the single run byte for byte, TT_Sec aside", () => {
  const single = runCli([...run, "--format", "csv"]);
  const merged = runCli(["merge", part(0), part(1), part(2), part(3), "--format", "csv"]);
  assert.equal(merged.status, 0, merged.stderr);
  assert.equal(withoutTime(merged.stdout), withoutTime(single.stdout));
});

test("a shard reading stdin (one pass, every row held) writes the same piece as a shard reading the file (two passes)", () => {
  const text = readFileSync(bank, "utf8");
  for (const i of [0, 3]) {
    const piped = runCli(["-", ...run.slice(1), "--shard", `${i}/4`, "--format", "jsonl"], { input: text });
    assert.equal(piped.status, 0, piped.stderr);
    // TT_Sec and its fold deviation are the machine's, not the data's.
    const strip = (rows: Record<string, unknown>[]): Record<string, unknown>[] => rows.map(({ TT_Sec: _, SD_TT_Sec: __, ...rest }) => rest);
    assert.deepEqual(strip(jsonlRows(piped.stdout)), strip(jsonlRows(readFileSync(part(i), "utf8"))));
  }
});

test("merge - reads one piece from stdin, named stdin in messages, and equals the merge of the files", () => {
  const files = runCli(["merge", part(0), part(1), part(2), part(3), "--format", "csv"]);
  const piped = runCli(["merge", part(0), "-", part(2), part(3), "--format", "csv"], { input: readFileSync(part(1), "utf8") });
  assert.equal(piped.status, 0, piped.stderr);
  assert.equal(piped.stdout, files.stdout);
  const twice = runCli(["merge", "-", "-", part(2)], { input: readFileSync(part(1), "utf8") });
  assert.equal(twice.status, 2);
  assert.equal(twice.stderr, "automl-grid: error: merge: - is named more than once; stdin holds one piece\n");
  const notShard = runCli(["merge", part(0), "-"], { input: "a,b\n1,2\n" });
  assert.equal(notShard.status, 2);
  assert.match(notShard.stderr, /^automl-grid: error: stdin: line 1 is not JSON\n$/);
  const missing = runCli(["merge", "-", part(2)], { input: readFileSync(part(0), "utf8") });
  assert.match(missing.stderr, /^automl-grid: error: merge: missing shards 1, 3 of 4\n$/);
});

test("merge refuses pieces that hold the same partition (as pieces of versions that assigned partitions otherwise would)", () => {
  const [first, ...rows] = readFileSync(part(1), "utf8").trimEnd().split("\n");
  const stolen = jsonlRows<{ job: string }>(readFileSync(part(0), "utf8"))[0];
  const forged = join(dir, "forged.jsonl");
  // The forger updates the row count too: the check under test is the partition's.
  const manifest = JSON.parse(first) as { automl_grid: { rowCount: number } };
  manifest.automl_grid.rowCount += 1;
  writeFileSync(forged, [JSON.stringify(manifest), ...rows, JSON.stringify(stolen)].join("\n") + "\n");
  const result = runCli(["merge", part(0), forged, part(2), part(3)]);
  assert.equal(result.status, 2);
  assert.equal(result.stderr, `automl-grid: error: ${forged}: partition job=${stolen.job} is also in ${part(0)}; rerun the shards with one version of automl-grid\n`);
});

test("an unknown column name exits 2 with one line: the name meant, or the columns", () => {
  const passengers = repoPath("fixtures", "passengers.csv");
  const meant = runCli([passengers, "--target", "survived"]);
  assert.equal(meant.status, 2);
  assert.equal(meant.stderr, `automl-grid: error: --target survived: no such column in ${passengers}; did you mean Survived?\n`);
  const byTypo = runCli([passengers, "--target", "Survived", "--by", "Pclas"]);
  assert.equal(byTypo.stderr, `automl-grid: error: --by Pclas: no such column in ${passengers}; did you mean Pclass?\n`);
  const none = runCli([passengers, "--target", "Survived", "--ignore", "Customer"]);
  assert.equal(none.status, 2);
  assert.equal(
    none.stderr,
    `automl-grid: error: --ignore Customer: no such column in ${passengers}; the columns are PassengerId, Survived, Pclass, Name, Sex, Age, SibSp, Parch, Ticket, Fare, Cabin, Embarked\n`,
  );
});
