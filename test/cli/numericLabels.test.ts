import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { jsonRows, repoPath, runCli, tempFiles } from "../helpers.js";

/** passengers.csv with Survived's 0 and 1 written as the two given labels. */
function relabelled(zero: string, one: string): string {
  const [header, ...lines] = readFileSync(repoPath("fixtures", "passengers.csv"), "utf8").trimEnd().split("\n");
  const at = header.split(",").indexOf("Survived");
  return [header, ...lines.map((line) => line.replace(new RegExp(`^((?:[^,]*,){${at}})([01]),`), (_, head: string, label: string) => `${head}${label === "0" ? zero : one},`))].join("\n") + "\n";
}

function untimedGrid(file: string): Record<string, unknown>[] {
  const result = runCli([file, "--target", "Survived", "--models", "lr,dt,nb", "--folds", "3", "--quiet", "--format", "json"]);
  assert.equal(result.status, 0, result.stderr);
  return jsonRows<Record<string, unknown>>(result.stdout).map(({ TT_Sec, SD_TT_Sec, ...scores }) => scores);
}

test("a numeric class target is scored as pandas types it: 5 before 10, 10 the positive class, as the text labels a and b", () => {
  const dir = tempFiles({ "numbers.csv": relabelled("5", "10"), "texts.csv": relabelled("a", "b"), "floats.csv": relabelled("5.0", "10") });
  const texts = untimedGrid(join(dir, "texts.csv"));
  assert.ok(texts.length === 3 && texts.every((row) => typeof row.Recall === "number"));
  assert.deepEqual(untimedGrid(join(dir, "numbers.csv")), texts);
  assert.deepEqual(untimedGrid(join(dir, "floats.csv")), texts);
});
