import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { stdoutTakesColor } from "../../src/cli/terminalColor.js";
import { repoPath, runCli, tempFiles } from "../helpers.js";

test("stdout takes colour only on a terminal, without NO_COLOR (unless empty) and not on a dumb terminal", () => {
  assert.equal(stdoutTakesColor(true, {}), true);
  assert.equal(stdoutTakesColor(true, { NO_COLOR: "" }), true);
  assert.equal(stdoutTakesColor(true, { NO_COLOR: "1" }), false);
  assert.equal(stdoutTakesColor(true, { NO_COLOR: "0" }), false);
  assert.equal(stdoutTakesColor(true, { TERM: "dumb" }), false);
  assert.equal(stdoutTakesColor(true, { TERM: "xterm-256color" }), true);
  assert.equal(stdoutTakesColor(false, {}), false);
});

const dir = tempFiles();
const piece = join(dir, "piece.jsonl");
const shardRun = runCli([repoPath("fixtures", "passengers.csv"), "--target", "Survived", "--by", "Sex", "--models", "nb,dt", "--folds", "3", "--quiet", "--shard", "0/1", "--out", piece]);

/** The CLI on a real pseudo-terminal (util-linux `script`), as a user at a terminal runs it. */
function onTerminal(args: readonly string[], env: Record<string, string>): string {
  const quote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, repoPath("bin", "automl-grid.js"), ...args].map(quote).join(" ");
  const result = spawnSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env }, timeout: 60_000 });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

test("on a terminal the table is coloured; with NO_COLOR, or with --out, it is plain", () => {
  assert.equal(shardRun.status, 0, shardRun.stderr);
  const plainEnv = { NO_COLOR: "", TERM: "xterm" };
  const coloured = onTerminal(["merge", piece], plainEnv);
  assert.match(coloured, /├─ \x1b\[1mSex=female( · Rows \d+ · Minority [\d.]+)?( · (beats dummy|\x1b\[31mdummy not beaten\x1b\[39m))?\x1b\[22m ─/);
  assert.match(coloured, /\x1b\[30;43m\d\.\d{4}\x1b\[39;49m/);
  assert.doesNotMatch(onTerminal(["merge", piece], { NO_COLOR: "1", TERM: "xterm" }), /\x1b/);
  const out = join(dir, "grid.txt");
  onTerminal(["merge", piece, "--out", out], plainEnv);
  const file = readFileSync(out, "utf8");
  assert.match(file, /├─ Sex=female( · Rows \d+ · Minority [\d.]+)?( · (beats dummy|dummy not beaten))? ─/);
  assert.doesNotMatch(file, /\x1b/);
  // A pipe is not a terminal: plain too.
  assert.doesNotMatch(runCli(["merge", piece, "--format", "table"], { env: plainEnv }).stdout, /\x1b/);
});
