import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { repoPath, runCli, tempFiles } from "../helpers.js";

const sales = repoPath("fixtures", "sales.csv");
const run = [sales, "--target", "churned", "--by", "region,plan", "--models", "lr,nb,dt", "--folds", "3", "--quiet"];

/** CSV text without its TT_Sec column (the one value that depends on the machine's load). */
function withoutTime(csv: string): string {
  const lines = csv.split("\n");
  const at = lines[0].split(",").indexOf("TT_Sec");
  return lines.map((line) => line.split(",").filter((_, j) => j !== at).join(",")).join("\n");
}

function spawnShard(args: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [repoPath("bin", "automl-grid.js"), ...args], { stdio: "ignore" });
    child.on("close", resolve);
  });
}

const dir = tempFiles();
const part = (i: number, n = 3): string => join(dir, `part-${i}-of-${n}.jsonl`);

test("3 shards run in 3 separate processes, merged, equal the single run byte for byte apart from TT_Sec", async () => {
  const codes = await Promise.all([0, 1, 2].map((i) => spawnShard([...run, "--shard", `${i}/3`, "--out", part(i)])));
  // Islands has one class: its partitions are skipped, which exits 0 (1 with --strict).
  assert.deepEqual(codes, [0, 0, 0]);
  assert.ok([0, 1, 2].some((i) => readFileSync(part(i), "utf8").includes('"region":"Islands"')));
  const single = runCli([...run, "--format", "csv", "--top", "2", "--sort", "F1"]);
  const merged = runCli(["merge", part(0), part(1), part(2), "--format", "csv", "--top", "2", "--sort", "F1"]);
  assert.equal(merged.status, 0, merged.stderr);
  assert.equal(runCli(["merge", part(0), part(1), part(2), "--strict"]).status, 1);
  assert.equal(withoutTime(merged.stdout), withoutTime(single.stdout));
  assert.ok(single.stdout.split("\n").length > 10);
});

test("every partition lands in exactly one shard; a shard's jsonl starts with its manifest", () => {
  const manifests = [0, 1, 2].map((i) => JSON.parse(readFileSync(part(i), "utf8").split("\n")[0]) as { automl_grid: { shard: { index: number; count: number }; fingerprint: string; options: { seed: number; task: string } } });
  assert.deepEqual(
    manifests.map((m) => m.automl_grid.shard),
    [0, 1, 2].map((index) => ({ index, count: 3 })),
  );
  assert.equal(new Set(manifests.map((m) => m.automl_grid.fingerprint)).size, 1);
  assert.ok(manifests.every((m) => m.automl_grid.options.task === "classification"));
  const keys = [0, 1, 2].flatMap((i) =>
    readFileSync(part(i), "utf8")
      .trimEnd()
      .split("\n")
      .slice(1)
      .map((line) => {
        const row = JSON.parse(line) as { region: string; plan: string };
        return `${row.region}/${row.plan}`;
      }),
  );
  const distinct = new Set(keys);
  assert.equal(distinct.size, 10);
  for (const key of distinct) {
    const holders = [0, 1, 2].filter((i) => readFileSync(part(i), "utf8").includes(`"region":"${key.split("/")[0]}","plan":"${key.split("/")[1]}"`));
    assert.equal(holders.length, 1, `${key} in shards ${holders.join(",")}`);
  }
});

test("a shard with no partitions writes a valid empty result, and merge accepts it", () => {
  const n = 12;
  const outs = Array.from({ length: n }, (_, i) => part(i, n));
  const codes = outs.map((out, i) => runCli([...run, "--models", "nb", "--shard", `${i}/${n}`, "--out", out]).status);
  const empty = outs.filter((out) => readFileSync(out, "utf8").trimEnd().split("\n").length === 1);
  assert.ok(empty.length > 0, "with 10 partitions over 12 shards some shard is empty");
  assert.ok(codes.every((code) => code === 0 || code === 1));
  const merged = runCli(["merge", ...outs, "--format", "csv"]);
  const single = runCli([...run, "--models", "nb", "--format", "csv"]);
  assert.equal(withoutTime(merged.stdout), withoutTime(single.stdout));
});

test("merge names a missing shard, a duplicate, other options and a file that is not a shard (exit 2)", () => {
  const missing = runCli(["merge", part(0), part(2)]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /missing shard 1 of 3/);
  const twice = runCli(["merge", part(0), part(0), part(1), part(2)]);
  assert.equal(twice.status, 2);
  assert.match(twice.stderr, /shard 0\/3 is also in/);
  const other = join(dir, "other-seed.jsonl");
  runCli([...run, "--seed", "7", "--shard", "1/3", "--out", other]);
  const mismatch = runCli(["merge", part(0), other, part(2)]);
  assert.equal(mismatch.status, 2);
  assert.match(mismatch.stderr, /other-seed\.jsonl: was run with --seed 7 \(.*part-0-of-3\.jsonl: --seed 123\)/);
  const plain = join(dir, "plain.jsonl");
  runCli([...run, "--format", "jsonl", "--out", plain]);
  const notShard = runCli(["merge", plain]);
  assert.equal(notShard.status, 2);
  assert.match(notShard.stderr, /plain\.jsonl: is a whole run's grid, not a shard/);
  for (const result of [missing, twice, mismatch, notShard]) assert.equal(result.stderr.trimEnd().split("\n").length, 1);
});

test("--shard needs --by and I < N", () => {
  assert.match(runCli([sales, "--target", "churned", "--shard", "0/2"]).stderr, /--shard .* needs --by/);
  const bad = runCli([...run, "--shard", "3/3"]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--shard 3\/3: expected I\/N with 0 <= I < N/);
});
