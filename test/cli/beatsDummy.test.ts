import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { jsonRows, repoPath, runCli, tempFiles } from "../helpers.js";

const sales = repoPath("fixtures", "sales.csv");
const base = [sales, "--target", "churned", "--by", "region", "--folds", "3", "--quiet"];

type Row = Record<string, unknown>;

/** Per partition: its Beats_Dummy, and whether its best non-dummy row's sort value is above the dummy's. */
function checkAgainstRows(rows: readonly Row[], sort: string): number {
  let judged = 0;
  for (const region of new Set(rows.map((row) => row.region))) {
    const block = rows.filter((row) => row.region === region);
    assert.equal(new Set(block.map((row) => row.Beats_Dummy)).size, 1, "one value per partition");
    if (block[0].status !== "ok") {
      assert.equal(block[0].Beats_Dummy, null);
      continue;
    }
    const dummy = block.find((row) => row.Model === "Dummy Classifier")!;
    const best = block.find((row) => row.Model !== "Dummy Classifier")!;
    assert.equal(block[0].Beats_Dummy, (best[sort] as number) > (dummy[sort] as number) ? "yes" : "no");
    judged++;
  }
  return judged;
}

test("json and csv carry Beats_Dummy per partition, judged on the --sort column against the dummy's row", () => {
  for (const sort of ["Accuracy", "Kappa"]) {
    const json = runCli([...base, "--models", "lr,dt,dummy", "--sort", sort, "--format", "json"]);
    assert.equal(json.status, 0, json.stderr);
    assert.ok(checkAgainstRows(jsonRows(json.stdout), sort) >= 2);
  }
  const csv = runCli([...base, "--models", "lr,dt,dummy", "--format", "csv", "--top", "1"]).stdout.trimEnd().split("\n");
  const at = csv[0].split(",").indexOf("Beats_Dummy");
  assert.ok(at > csv[0].split(",").indexOf("Minority"));
  assert.ok(csv.slice(1).every((line) => ["yes", "no", ""].includes(line.split(",")[at])));
  assert.ok(csv.slice(1).some((line) => line.split(",")[at] !== ""));
});

test("without the dummy (--exclude dummy, or --models without it) Beats_Dummy is empty, null in json", () => {
  for (const models of [["--exclude", "dummy"], ["--models", "lr,dt"]]) {
    const rows = jsonRows(runCli([...base, ...models, "--format", "json"]).stdout);
    assert.ok(rows.length > 0);
    assert.ok(rows.every((row) => row.Beats_Dummy === null));
  }
});

test("merge judges Beats_Dummy by its own --sort; shards cut by --top keep the dummy's row for the same sort", () => {
  const dir = tempFiles();
  const shards = (top: string[], name: string): string[] =>
    [0, 1].map((i) => {
      const out = join(dir, `${name}-${i}.jsonl`);
      assert.equal(runCli([...base, "--models", "lr,dt,dummy", ...top, "--shard", `${i}/2`, "--out", out]).status, 0);
      return out;
    });
  const whole = shards([], "whole");
  const cut = shards(["--top", "1"], "cut");
  const single = (sort: string): Row[] => jsonRows(runCli([...base, "--models", "lr,dt,dummy", "--sort", sort, "--top", "1", "--format", "json"]).stdout);
  const merged = (pieces: string[], sort: string): Row[] => jsonRows(runCli(["merge", ...pieces, "--sort", sort, "--top", "1", "--format", "json"]).stdout);
  const judged = (rows: Row[]): unknown[] => rows.map((row) => [row.region, row.Model, row.Beats_Dummy]);
  for (const sort of ["Accuracy", "Kappa", "F1"]) assert.deepEqual(judged(merged(whole, sort)), judged(single(sort)));
  assert.deepEqual(judged(merged(cut, "Accuracy")), judged(single("Accuracy")));
  // The cut pieces held a partition whose dummy was not its best: the case the kept row is for.
  assert.ok(single("Accuracy").some((row) => row.Beats_Dummy === "yes"));
});
