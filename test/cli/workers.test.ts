import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { jsonRows, runCli, tempFiles } from "../helpers.js";

/**
 * One table of 1,500 rows (no --by): large enough that on several workers its models and folds
 * are scheduled across the children, one unit each, and the parent assembles the grid.
 */
function table(): string {
  const lines = ["age,income,region,visits,bought"];
  for (let i = 0; i < 1500; i++) {
    const age = 20 + ((i * 37) % 50);
    const income = 1000 + ((i * 7919) % 4000);
    const region = ["north", "south", "east", "west", "centre"][(i * 13) % 5];
    const visits = (i * 53) % 17;
    const score = age / 70 + income / 5000 + (region === "north" ? 0.4 : 0) + visits / 20 + ((i * 31) % 23) / 23;
    lines.push(`${age},${income},${region},${visits},${score > 1.6 ? "yes" : "no"}`);
  }
  return lines.join("\n") + "\n";
}

test("one table gives the same grid on 1, 2 and 3 workers (TT_Sec aside)", () => {
  const csv = join(tempFiles({ "visits.csv": table() }), "visits.csv");
  const grid = (workers: string) => {
    const run = runCli([csv, "--target", "bought", "--models", "lr,nb,dt,knn,ridge,dummy", "--folds", "5", "--format", "json", "--workers", workers, "--quiet"]);
    assert.equal(run.status, 0, run.stderr);
    return jsonRows<Record<string, unknown>>(run.stdout).map((row) => ({ ...row, TT_Sec: 0 }));
  };
  const one = grid("1");
  assert.equal(one.length, 6);
  assert.deepEqual(grid("2"), one);
  assert.deepEqual(grid("3"), one);
});

test("--workers above the machine's cores is said on stderr, and the grid is the same", () => {
  const csv = join(tempFiles({ "visits.csv": table().split("\n").slice(0, 301).join("\n") + "\n" }), "visits.csv");
  const args = [csv, "--target", "bought", "--models", "nb,dummy", "--folds", "3", "--format", "json"];
  const many = String(availableParallelism() + 1);
  const over = runCli([...args, "--workers", many]);
  assert.equal(over.status, 0, over.stderr);
  assert.match(over.stderr, new RegExp(`--workers ${many} is more than the ${availableParallelism()} cores here`));
  const within = runCli([...args, "--workers", "1"]);
  assert.doesNotMatch(within.stderr, /cores here/);
  const rows = (stdout: string) => jsonRows<Record<string, unknown>>(stdout).map((row) => ({ ...row, TT_Sec: 0 }));
  assert.deepEqual(rows(over.stdout), rows(within.stdout));
});
