import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { jsonlRows, runCli, tempFiles } from "../helpers.js";

/**
 * A regression target near 1e160: squared errors pass the largest double, so MSE and RMSE are
 * Infinity (R2, Infinity over Infinity, is NaN). A small linear congruential generator keeps
 * the file the same on every run.
 */
function hugeTargets(scale = 1e160): string {
  let state = 6;
  const random = (): number => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = ["g,x,y"];
  for (const g of ["a", "b"]) {
    for (let i = 0; i < 40; i++) {
      const x = random();
      lines.push(`${g},${x.toFixed(6)},${((x + random()) * scale).toPrecision(17)}`);
    }
  }
  return lines.join("\n") + "\n";
}

const dir = tempFiles({ "huge.csv": hugeTargets() });
const args = [join(dir, "huge.csv"), "--target", "y", "--by", "g", "--models", "lr,dt,dummy", "--folds", "3", "--workers", "1", "--quiet"];

/** csv lines without TT_Sec, the one value that depends on the machine's load. */
function untimed(csv: string): string[] {
  const lines = csv.trimEnd().split("\n");
  const at = lines[0].split(",").indexOf("TT_Sec");
  return lines.map((line) => line.split(",").filter((_, j) => j !== at).join(","));
}

test("an infinite MSE is Infinity in csv and \"Infinity\" in jsonl, and survives a --resume rerun and a merge of shards", () => {
  const single = runCli([...args, "--format", "csv"]);
  assert.equal(single.status, 0, single.stderr);
  const grid = untimed(single.stdout);
  const mse = grid[0].split(",").indexOf("MSE");
  assert.ok(grid.slice(1).every((line) => line.split(",")[mse] === "Infinity"), grid.join("\n"));

  const jsonl = jsonlRows(runCli([...args, "--format", "jsonl"]).stdout);
  assert.ok(jsonl.every((row) => row.MSE === "Infinity" && row.RMSE === "Infinity" && row.R2 === null));

  const journal = join(dir, "huge.journal");
  assert.equal(runCli([...args, "--resume", journal, "--format", "csv"]).status, 0);
  assert.match(readFileSync(journal, "utf8"), /"MSE":"Infinity"/);
  const resumed = runCli([...args, "--resume", journal, "--format", "csv"]);
  assert.deepEqual(untimed(resumed.stdout), grid);

  const pieces = [0, 1].map((i) => join(dir, `huge-${i}.jsonl`));
  pieces.forEach((piece, i) => assert.equal(runCli([...args, "--shard", `${i}/2`, "--out", piece]).status, 0));
  const merged = runCli(["merge", ...pieces, "--format", "csv"]);
  assert.equal(merged.status, 0, merged.stderr);
  assert.deepEqual(untimed(merged.stdout), grid);
});

test("the html report of an infinite MSE draws no bar for it and writes no NaN into the charts' geometry", () => {
  const page = runCli([...args, "--sort", "MSE", "--format", "html"]);
  assert.equal(page.status, 0, page.stderr);
  assert.doesNotMatch(page.stdout, / (x|y|x1|x2|y1|y2|width|height)="[^"]*NaN/);
  assert.match(page.stdout, /MSE Infinity/);
  assert.doesNotMatch(page.stdout, /<rect /);
});

test("an MSE of 1e21 or more keeps --round in csv: exponent form with --round decimals", () => {
  writeFileSync(join(dir, "big.csv"), hugeTargets(1e12));
  const result = runCli([join(dir, "big.csv"), ...args.slice(1), "--format", "csv", "--round", "3"]);
  assert.equal(result.status, 0, result.stderr);
  const lines = untimed(result.stdout);
  const [mae, mse] = ["MAE", "MSE"].map((column) => lines[0].split(",").indexOf(column));
  // Targets near 1e12: errors near 1e11 (fixed, 3 decimals), squared near 1e22 (toFixed alone wrote every digit).
  for (const line of lines.slice(1)) {
    assert.match(line.split(",")[mae], /^\d{9,12}\.\d{3}$/, line);
    assert.match(line.split(",")[mse], /^\d\.\d{3}e\+2\d$/, line);
  }
});
