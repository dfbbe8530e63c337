import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { copyFileSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { repoPath, runCli, tempFiles, type CliRun } from "../helpers.js";

const dir = tempFiles();
const input = join(dir, "passengers.csv");
copyFileSync(repoPath("fixtures", "passengers.csv"), input);
const original = readFileSync(input);
// No --quiet: a run that got as far as scoring would print progress lines on stderr.
const args = [input, "--target", "Survived", "--by", "Sex", "--models", "nb", "--folds", "3"];

function assertRefused(result: CliRun, message: RegExp): void {
  assert.equal(result.status, 2, result.stderr);
  assert.equal(result.stdout, "");
  const lines = result.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0], message);
}

test("--out naming the input file is refused (exit 2, one line) and the input is left as it was", () => {
  assertRefused(runCli([...args, "--out", input]), /^automl-grid: error: --out .*passengers\.csv: names the input file/);
  assert.deepEqual(readFileSync(input), original);
});

test("--out reaching the input through a symlink, a hard link or another spelling of its path is refused too", () => {
  symlinkSync(input, join(dir, "link.csv"));
  linkSync(input, join(dir, "hard.csv"));
  mkdirSync(join(dir, "sub"));
  symlinkSync(dir, join(dir, "same-dir"));
  for (const out of [join(dir, "link.csv"), join(dir, "hard.csv"), `${dir}/./passengers.csv`, `${dir}/sub/../passengers.csv`, join(dir, "same-dir", "passengers.csv")]) {
    assertRefused(runCli([...args, "--out", out]), /names the input file/);
    assert.deepEqual(readFileSync(input), original, out);
  }
  assert.deepEqual(readFileSync(join(dir, "hard.csv")), original);
});

test("--out in a directory that exists but cannot be written (/proc, /sys) fails before any scoring", () => {
  // Permission bits do not stop root; these refuse a new file to everyone.
  assertRefused(runCli([...args, "--out", "/proc/grid.csv"]), /^automl-grid: error: --out \/proc\/grid\.csv: cannot write in \/proc \(/);
  assertRefused(runCli([...args, "--out", "/sys/grid.csv"]), /^automl-grid: error: --out \/sys\/grid\.csv: cannot write in \/sys \(/);
});

test("the write probe leaves nothing behind: a run with --out adds only the grid to its directory", () => {
  const outDir = tempFiles();
  const result = runCli([...args, "--quiet", "--out", join(outDir, "grid.csv")]);
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(readdirSync(outDir), ["grid.csv"]);
});

test("merge --out naming one of its shard files is refused and the shard kept", () => {
  const piece = join(dir, "part-0.jsonl");
  assert.equal(runCli([...args, "--quiet", "--shard", "0/1", "--out", piece]).status, 0);
  const before = readFileSync(piece);
  assertRefused(runCli(["merge", piece, "--out", piece]), /^automl-grid: error: --out .*part-0\.jsonl: names the input file/);
  assert.deepEqual(readFileSync(piece), before);
});

test("--resume naming the input file, or the --out file, is refused before any work", () => {
  assertRefused(runCli([...args, "--resume", input]), /^automl-grid: error: --resume .*passengers\.csv: names the input file/);
  symlinkSync(input, join(dir, "journal-link.jsonl"));
  assertRefused(runCli([...args, "--resume", join(dir, "journal-link.jsonl")]), /names the input file/);
  const out = join(dir, "grid.csv");
  assertRefused(runCli([...args, "--out", out, "--resume", `${dir}/./grid.csv`]), /^automl-grid: error: --resume .*grid\.csv: names the --out file too/);
  assert.deepEqual(readFileSync(input), original);
  assert.ok(!readdirSync(dir).includes("grid.csv"));
});

test("--out naming a FIFO writes the grid into it and leaves it a FIFO (a device or /dev/stdout is never replaced by a rename)", { timeout: 60_000 }, async () => {
  const fifo = join(dir, "grid.fifo");
  execFileSync("mkfifo", [fifo]);
  const expected = runCli([...args, "--quiet", "--format", "csv"]);
  assert.equal(expected.status, 0, expected.stderr);
  // The reader must be there before the writer opens the FIFO, as a pipeline's would be.
  const reader = spawn("cat", [fifo]);
  let received = "";
  reader.stdout.on("data", (chunk: Buffer) => (received += chunk.toString("utf8")));
  const readerDone = new Promise<void>((resolve) => reader.on("close", () => resolve()));
  const writer = spawn(process.execPath, [repoPath("bin", "automl-grid.js"), ...args, "--quiet", "--format", "csv", "--out", fifo]);
  const status = await new Promise<number | null>((resolve) => writer.on("close", (code) => resolve(code)));
  await readerDone;
  assert.equal(status, 0);
  assert.equal(received.replace(/,\d+\.\d{4},(\d+,)/g, ",T,$1"), expected.stdout.replace(/,\d+\.\d{4},(\d+,)/g, ",T,$1"));
  assert.ok(received.startsWith("Sex,Model,Accuracy"), received.slice(0, 80));
  assert.ok(lstatSync(fifo).isFIFO(), "still a FIFO");
  assert.deepEqual(readdirSync(dir).filter((name) => name.includes(".tmp-") || name.includes(".probe-")), []);
});

test("--out through a link writes the file the link leads to and leaves the link a link", () => {
  mkdirSync(join(dir, "real"));
  symlinkSync(join("real", "grid.csv"), join(dir, "grid-link.csv"));
  const result = runCli([...args, "--quiet", "--out", join(dir, "grid-link.csv")]);
  assert.equal(result.status, 0, result.stderr);
  assert.ok(lstatSync(join(dir, "grid-link.csv")).isSymbolicLink(), "still a link");
  assert.match(readFileSync(join(dir, "real", "grid.csv"), "utf8"), /^Sex,Model,Accuracy/);
});

test("--out /dev/fd/1 with stdout redirected to a file writes the grid there, in place; with stdout closed it is refused", () => {
  const file = join(dir, "redirected.csv");
  const command = (redirect: string): CliRun => {
    const quoted = [process.execPath, repoPath("bin", "automl-grid.js"), ...args, "--quiet", "--format", "csv", "--out", "/dev/fd/1"].map((a) => `'${a}'`).join(" ");
    const result = spawnSync("sh", ["-c", `${quoted} ${redirect}`], { encoding: "utf8" });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const written = command(`> '${file}'`);
  assert.equal(written.status, 0, written.stderr);
  assert.match(readFileSync(file, "utf8"), /^Sex,Model,Accuracy/);
  const closed = command(">&-");
  assert.equal(closed.status, 2);
  assert.match(closed.stderr, /stdout is closed/);
});
