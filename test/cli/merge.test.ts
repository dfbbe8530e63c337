import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { repoPath, runCli, tempFiles } from "../helpers.js";

const sales = repoPath("fixtures", "sales.csv");
/** The run's options with these models (an option takes one value). */
const runOf = (models: string): string[] => [sales, "--target", "churned", "--by", "region,plan", "--models", models, "--folds", "3", "--quiet"];
const run = runOf("lr,nb,dt");

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
  const codes = outs.map((out, i) => runCli([...runOf("nb"), "--shard", `${i}/${n}`, "--out", out]).status);
  const empty = outs.filter((out) => readFileSync(out, "utf8").trimEnd().split("\n").length === 1);
  assert.ok(empty.length > 0, "with 10 partitions over 12 shards some shard is empty");
  assert.ok(codes.every((code) => code === 0 || code === 1));
  const merged = runCli(["merge", ...outs, "--format", "csv"]);
  const single = runCli([...runOf("nb"), "--format", "csv"]);
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

/** The three shards of `run` plus `extra`, written as cut-<name>-<i>.jsonl. */
function cutShards(name: string, extra: string[]): string[] {
  return [0, 1, 2].map((i) => {
    const out = join(dir, `cut-${name}-${i}.jsonl`);
    assert.equal(runCli([...run, ...extra, "--shard", `${i}/3`, "--out", out]).status, 0);
    return out;
  });
}

function assertRefused(result: { status: number | null; stdout: string; stderr: string }, message: RegExp): void {
  assert.equal(result.status, 2, result.stderr);
  assert.equal(result.stdout, "");
  assert.equal(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
  assert.match(result.stderr, message);
}

test("shards cut with --top (below their 3 models) merge with their own --sort and a --top no larger, and equal the single run", () => {
  const pieces = cutShards("top2", ["--top", "2"]);
  const manifest = JSON.parse(readFileSync(pieces[0], "utf8").split("\n")[0]) as { automl_grid: { kept: unknown } };
  assert.deepEqual(manifest.automl_grid.kept, { sort: "Accuracy", top: 2 });
  for (const top of ["2", "1"]) {
    const merged = runCli(["merge", ...pieces, "--format", "csv", "--top", top]);
    assert.equal(merged.status, 0, merged.stderr);
    assert.equal(withoutTime(merged.stdout), withoutTime(runCli([...run, "--format", "csv", "--top", top]).stdout), `--top ${top}`);
  }
});

test("merge refuses shards cut with --top when it sorts by another column or keeps more rows, naming the piece and the option (exit 2)", () => {
  const pieces = cutShards("refused", ["--top", "2"]);
  const first = /^automl-grid: error: .*cut-refused-0\.jsonl: kept the top 2 rows of each partition by Accuracy \(--top 2 --sort Accuracy\); /;
  assertRefused(runCli(["merge", ...pieces, "--sort", "AUC", "--top", "2"]), new RegExp(first.source + /merge --sort AUC would rank rows it dropped: merge with --sort Accuracy/.source));
  assertRefused(runCli(["merge", ...pieces]), new RegExp(first.source + /merge without --top would need rows it dropped: merge with --top 2 or less/.source));
  assertRefused(runCli(["merge", ...pieces, "--top", "3"]), /merge --top 3 would need rows it dropped/);
});

test("pieces cut differently do not merge; pieces whose --top keeps every model merge with any --sort", () => {
  const [zero, one, two] = cutShards("alike", ["--top", "2"]);
  const other = join(dir, "cut-top1-1.jsonl");
  runCli([...run, "--top", "1", "--shard", "1/3", "--out", other]);
  assertRefused(runCli(["merge", zero, other, two, "--top", "1"]), /cut-top1-1\.jsonl: kept the top 1 rows of each partition by Accuracy \(--top 1 --sort Accuracy\), but .*cut-alike-0\.jsonl the top 2 rows/);
  const uncut = join(dir, "cut-uncut-1.jsonl");
  runCli([...run, "--top", "3", "--sort", "F1", "--shard", "1/3", "--out", uncut]);
  assertRefused(runCli(["merge", zero, uncut, two, "--top", "1"]), /cut-uncut-1\.jsonl: kept every row of each partition, but .*cut-alike-0\.jsonl the top 2 rows/);
  assert.equal(runCli(["merge", zero, one, two, "--top", "2"]).status, 0);
  // --top 3 keeps all three models: such pieces are whole, whatever their --sort.
  const whole = cutShards("whole", ["--top", "3", "--sort", "F1"]);
  const merged = runCli(["merge", ...whole, "--sort", "AUC", "--top", "2", "--format", "csv"]);
  assert.equal(merged.status, 0, merged.stderr);
  assert.equal(withoutTime(merged.stdout), withoutTime(runCli([...run, "--sort", "AUC", "--top", "2", "--format", "csv"]).stdout));
});

test("a piece that does not record how it was cut (written before --top was recorded) is refused, naming it", () => {
  const old = join(dir, "old-version-1.jsonl");
  const lines = readFileSync(part(1), "utf8").split("\n");
  const manifest = JSON.parse(lines[0]) as { automl_grid: Record<string, unknown> };
  delete manifest.automl_grid.kept;
  writeFileSync(old, [JSON.stringify(manifest), ...lines.slice(1)].join("\n"));
  assertRefused(runCli(["merge", part(0), old, part(2)]), /old-version-1\.jsonl: does not record the --sort and --top its rows were cut by .*: rerun the shards with this version/);
});

test("a piece cut short at a line boundary (a copy that stopped, a pipe that closed) is refused, naming it, not merged as a smaller grid", () => {
  const lines = readFileSync(part(1), "utf8").split("\n").filter((line) => line !== "");
  assert.ok(lines.length >= 3, "the piece holds rows to cut");
  const announced = (JSON.parse(lines[0]) as { automl_grid: { rowCount: number } }).automl_grid.rowCount;
  assert.equal(announced, lines.length - 1);
  const cut = join(dir, "cut-short-1.jsonl");
  writeFileSync(cut, lines.slice(0, 2).join("\n") + "\n");
  assertRefused(runCli(["merge", part(0), cut, part(2)]), new RegExp(`cut-short-1\\.jsonl: holds 1 of the ${announced} rows its first line announces: the piece is incomplete`));
  const onlyMetadata = runCli(["merge", part(0), "-", part(2)], { input: lines[0] + "\n" });
  assertRefused(onlyMetadata, new RegExp(`stdin: holds 0 of the ${announced} rows`));

  const old = join(dir, "no-count-1.jsonl");
  const manifest = JSON.parse(lines[0]) as { automl_grid: Record<string, unknown> };
  delete manifest.automl_grid.rowCount;
  writeFileSync(old, [JSON.stringify(manifest), ...lines.slice(1)].join("\n"));
  assertRefused(runCli(["merge", part(0), old, part(2)]), /no-count-1\.jsonl: does not record how many rows it holds .*: rerun the shards with this version/);
});

test("pieces run with --ignore in another order merge: the same columns were ignored", () => {
  const pieces = [0, 1, 2].map((i) => join(dir, `ignore-${i}.jsonl`));
  const orders = [["--ignore", "customer_id,city"], ["--ignore", "city", "--ignore", "customer_id"], ["--ignore", "city,customer_id"]];
  pieces.forEach((piece, i) => assert.equal(runCli([...run, ...orders[i], "--shard", `${i}/3`, "--out", piece]).status, 0));
  const merged = runCli(["merge", ...pieces, "--format", "csv"]);
  assert.equal(merged.status, 0, merged.stderr);
  assert.equal(withoutTime(merged.stdout), withoutTime(runCli([...run, ...orders[0], "--format", "csv"]).stdout));
});

test("merge says a json grid or a --resume journal is not a shard's piece, instead of 'line 1 is not JSON'", () => {
  const grid = join(dir, "grid.json");
  runCli([...run, "--format", "json", "--out", grid]);
  assertRefused(runCli(["merge", grid]), /grid\.json: is a json grid \(--format json\), not a shard's piece; merge reads the jsonl pieces that --shard I\/N writes\n$/);
  const journal = join(dir, "run.journal");
  runCli([...run, "--resume", journal]);
  assertRefused(runCli(["merge", journal]), /run\.journal: is a --resume journal, not a shard's piece/);
});
