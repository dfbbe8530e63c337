import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { repoPath, tempFiles } from "./helpers.js";

test("the seeded generator reproduces the committed fixtures byte for byte", () => {
  const dir = tempFiles();
  execFileSync(process.execPath, [repoPath("dist", "fixtures", "generate.js"), dir]);
  for (const name of ["passengers.csv", "flowers.csv", "sales.csv", "policies.csv", join("parity", "passengers-folds.csv"), join("parity", "flowers-folds.csv"), join("parity", "policies-folds.csv")]) {
    assert.equal(readFileSync(join(dir, name), "utf8"), readFileSync(repoPath("fixtures", name), "utf8"), name);
  }
});
