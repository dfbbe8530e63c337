import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { appendFileSync, copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { type CliRun, jsonRows, repoPath, runCli, tempFiles } from "../helpers.js";

const sales = repoPath("fixtures", "sales.csv");
// Ten partitions, two of which (Islands) are skipped: one class.
const slow = [sales, "--target", "churned", "--by", "region,plan", "--workers", "1"];
const quick = [...slow, "--models", "nb,dt", "--folds", "3"];
const dir = tempFiles();

/** The journal's complete lines (a line counts once its newline is written). */
function journalLines(path: string): string[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, "utf8");
  return text.slice(0, text.lastIndexOf("\n") + 1).split("\n").slice(0, -1);
}

interface JournalEntry {
  key: string[];
  status: string;
}

/** The partitions a rerun reuses: every journaled one but those that failed. */
function reusedPartitions(path: string): Set<string> {
  const entries = journalLines(path).slice(1).map((line) => JSON.parse(line) as JournalEntry);
  return new Set(entries.filter((entry) => entry.status !== "failed").map((entry) => entry.key.join("/")));
}

/** Starts a run and SIGKILLs it (no handler, no cleanup) once the journal holds `results` partitions. */
function killOnceJournaled(args: string[], journal: string, results: number): Promise<NodeJS.Signals | null> {
  return new Promise((resolve) => {
    // stdout a pipe, drained: an "ignore"d stdout is a read-write /dev/null, which the CLI refuses as closed.
    const child = spawn(process.execPath, [repoPath("bin", "automl-grid.js"), ...args], { stdio: ["ignore", "pipe", "ignore"] });
    child.stdout.resume();
    const poll = setInterval(() => {
      if (journalLines(journal).length >= 1 + results) child.kill("SIGKILL");
    }, 5);
    child.on("exit", (_code, signal) => {
      clearInterval(poll);
      resolve(signal);
    });
  });
}

/** Grid rows as objects without TT_Sec, the one value that depends on the machine's load. */
function untimedJson(stdout: string): Record<string, unknown>[] {
  return jsonRows(stdout).map(({ TT_Sec: _, ...rest }) => rest);
}

function untimedCsv(stdout: string): string[] {
  const lines = stdout.trimEnd().split("\n");
  const at = lines[0].split(",").indexOf("TT_Sec");
  return lines.map((line) => line.split(",").filter((_, j) => j !== at).join(","));
}

function assertRefused(result: CliRun, message: RegExp): void {
  assert.equal(result.status, 2, result.stderr);
  assert.equal(result.stdout, "");
  assert.equal(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
  assert.match(result.stderr, message);
}

test("a run killed with SIGKILL and rerun with the same --resume file scores only the rest, and its grid equals an uninterrupted run's", async () => {
  const journal = join(dir, "killed.jsonl");
  const signal = await killOnceJournaled([...slow, "--quiet", "--resume", journal], journal, 2);
  assert.equal(signal, "SIGKILL", "the run was killed before it finished");
  const kept = reusedPartitions(journal);
  assert.ok(kept.size >= 1 && kept.size < 10, `journal holds ${kept.size} finished partitions`);

  const resumed = runCli([...slow, "--format", "csv", "--round", "12", "--resume", journal]);
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.match(resumed.stderr, new RegExp(`^automl-grid: resumed ${kept.size} of 10 partitions from .*killed\\.jsonl$`, "m"));
  // Progress names only the partitions scored now.
  const scoredNow = resumed.stderr.split("\n").filter((line) => / done \(\d+\/10, /.test(line));
  assert.equal(scoredNow.length, 10 - kept.size);
  const clean = runCli([...slow, "--quiet", "--format", "csv", "--round", "12"]);
  assert.deepEqual(untimedCsv(resumed.stdout), untimedCsv(clean.stdout));

  // Every partition is in the journal now, the skipped ones too: all are reused.
  assert.equal(reusedPartitions(journal).size, 10);
  const again = runCli([...slow, "--format", "json", "--resume", journal]);
  assert.match(again.stderr, /resumed 10 of 10 partitions from/);
  const cleanJson = runCli([...slow, "--quiet", "--format", "json"]);
  assert.deepEqual(untimedJson(again.stdout), untimedJson(cleanJson.stdout));
});

test("a new journal starts with a manifest and gets one line per partition; the warnings match a run without it", () => {
  const journal = join(dir, "new.jsonl");
  const withJournal = runCli([...quick, "--quiet", "--resume", journal]);
  const without = runCli([...quick, "--quiet"]);
  assert.equal(withJournal.status, 0, withJournal.stderr);
  assert.doesNotMatch(withJournal.stderr, /resumed/);
  const lines = journalLines(journal);
  assert.equal(lines.length, 11);
  assert.match(lines[0], /^\{"automl_grid_journal":\{"format":"automl-grid","version":2,"fingerprint":"[0-9a-f]{64}"/);
  // Resumed partitions bring their notes: the same warnings as an uninterrupted run.
  const rerun = runCli([...quick, "--quiet", "--resume", journal]);
  const warnings = (result: CliRun): string[] => result.stderr.split("\n").filter((line) => line.includes("identifier"));
  assert.equal(warnings(without).length, 1);
  assert.deepEqual(warnings(rerun), warnings(without));
  assert.equal(untimedCsv(rerun.stdout).length, untimedCsv(without.stdout).length);
});

test("a journal made with another --seed is refused naming --seed, before any work, and is left as it was", () => {
  const journal = join(dir, "seed.jsonl");
  runCli([...quick, "--quiet", "--resume", journal]);
  const before = readFileSync(journal);
  const out = join(dir, "seed-grid.csv");
  const result = runCli([...quick, "--seed", "7", "--resume", journal, "--out", out]);
  assertRefused(result, /^automl-grid: error: --resume .*seed\.jsonl: the journal was made with --seed 123 \(this run: --seed 7\)/);
  assert.deepEqual(readFileSync(journal), before);
  assert.ok(!existsSync(out));
});

test("a journal of another input file is refused", () => {
  const journal = join(dir, "other-input.jsonl");
  runCli([...quick, "--quiet", "--resume", journal]);
  const copy = join(dir, "sales-more.csv");
  copyFileSync(sales, copy);
  appendFileSync(copy, "C99999,East,basic,Nowhere,1,1.0,0,web,Tablet,no\n");
  const result = runCli([copy, ...quick.slice(1), "--resume", journal]);
  assertRefused(result, /--resume .*other-input\.jsonl: the journal was made from another input file/);
});

test("a last line cut short by a kill is dropped: that partition is scored again and the grid is whole", () => {
  const journal = join(dir, "cut.jsonl");
  runCli([...quick, "--quiet", "--resume", journal]);
  const lines = journalLines(journal);
  const ok = lines.filter((line) => line.includes('"status":"ok"'));
  writeFileSync(journal, [lines[0], ...ok.slice(0, -1)].join("\n") + "\n" + ok[ok.length - 1].slice(0, 50));
  const result = runCli([...quick, "--format", "csv", "--round", "12", "--resume", journal]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /resumed 7 of 10 partitions from/);
  assert.deepEqual(untimedCsv(result.stdout), untimedCsv(runCli([...quick, "--quiet", "--format", "csv", "--round", "12"]).stdout));
  // The cut line was removed before appending: every line of the journal reads again.
  assert.ok(journalLines(journal).every((line) => JSON.parse(line) !== null));
  assert.ok(readFileSync(journal, "utf8").endsWith("\n"));
});

test("an empty file, a foreign file or a journal with a broken line in the middle is refused, naming the file", () => {
  const empty = join(dir, "empty.jsonl");
  writeFileSync(empty, "");
  assertRefused(runCli([...quick, "--resume", empty]), /empty\.jsonl: not an automl-grid journal/);
  const foreign = join(dir, "notes.txt");
  writeFileSync(foreign, "shopping list\nmilk\n");
  assertRefused(runCli([...quick, "--resume", foreign]), /notes\.txt: not an automl-grid journal/);
  const broken = join(dir, "broken.jsonl");
  runCli([...quick, "--quiet", "--resume", broken]);
  const lines = journalLines(broken);
  writeFileSync(broken, [lines[0], lines[1], "{oops", ...lines.slice(2)].join("\n") + "\n");
  assertRefused(runCli([...quick, "--resume", broken]), /broken\.jsonl: line 3 is not a partition result/);
});

test("--resume in a directory that does not exist or cannot be written is refused before any work", () => {
  assertRefused(runCli([...quick, "--resume", join(dir, "no-such-dir", "j.jsonl")]), /--resume .*j\.jsonl: directory .*no-such-dir does not exist/);
  assertRefused(runCli([...quick, "--resume", "/proc/j.jsonl"]), /^automl-grid: error: --resume \/proc\/j\.jsonl: cannot write in \/proc \(/);
  assertRefused(runCli([...quick, "--resume", dir]), /--resume .*: is a directory/);
});

test("--help lists --resume", () => {
  assert.match(runCli(["--help"]).stdout, /--resume <file>/);
});

test("a table without --by that cannot be scored exits 2 and writes no journal; an existing journal is left byte for byte", () => {
  const continuous = join(dir, "continuous.csv");
  writeFileSync(continuous, "x,y\n" + Array.from({ length: 40 }, (_, i) => `${i % 7},v${i}`).join("\n") + "\n");
  const fresh = join(dir, "never.jsonl");
  assertRefused(runCli([continuous, "--target", "y", "--task", "classification", "--models", "lr", "--resume", fresh]), /cannot score the table: .*looks continuous/);
  assert.ok(!existsSync(fresh), "no journal created");

  // A journal whose table failed last time (its child died), its last line cut short by a kill.
  const single = [sales, "--target", "churned", "--models", "nb", "--folds", "3", "--workers", "1"];
  const journal = join(dir, "single.jsonl");
  assert.equal(runCli([...single, "--quiet", "--resume", journal]).status, 0);
  const [manifest, line] = journalLines(journal);
  const failed = { ...(JSON.parse(line) as Record<string, unknown>), status: "failed", reason: "the child process died", rows: [] };
  writeFileSync(journal, `${manifest}\n${JSON.stringify(failed)}\n{"key":[],"sta`);
  const before = readFileSync(journal);
  // Its child dies twice again: the table cannot be scored, and the run exits 2.
  const result = runCli([...single, "--resume", journal], { env: { AUTOML_GRID_TEST_KILL: "[]@2" } });
  assertRefused(result, /cannot score the table/);
  assert.deepEqual(readFileSync(journal), before);
  // Scored at last, the table is recorded after what the journal held, the cut line gone.
  assert.equal(runCli([...single, "--quiet", "--resume", journal]).status, 0);
  assert.deepEqual(journalLines(journal).map((text) => (JSON.parse(text) as { status?: string }).status), [undefined, "failed", "ok"]);
});

test("--ignore given in another order, or as repeated flags, resumes the journal: the same columns are ignored", () => {
  const journal = join(dir, "ignore.jsonl");
  assert.equal(runCli([...quick, "--quiet", "--ignore", "customer_id,city", "--resume", journal]).status, 0);
  const result = runCli([...quick, "--ignore", "city", "--ignore", "customer_id", "--resume", journal, "--format", "csv"]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /resumed 10 of 10 partitions from/);
  // --by's order orders the grid: it still must match.
  assertRefused(runCli([sales, "--target", "churned", "--by", "plan,region", "--workers", "1", "--models", "nb,dt", "--folds", "3", "--ignore", "city,customer_id", "--resume", journal]), /the journal was made with --by region,plan \(this run: --by plan,region\)/);
});
