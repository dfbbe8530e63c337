import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { checkCommandLine } from "../../src/cli/main.js";
import { repoPath } from "../helpers.js";

/**
 * The automl-grid command lines (`node bin/automl-grid.js ...`) in a file, comments included:
 * shell continuations joined, everything before the program name and after a shell operator dropped, variables ($X, ${X}, ${{ x }}) replaced by 1
 * (a valid shard index and worker count).
 */
function commandLines(text: string): string[][] {
  // Shell continuations, and YAML folded blocks (">-") whose lines go on with "--" or "||".
  const joined = text.replace(/\\\n\s*/g, " ").replace(/\n\s+(?=--|\|\|)/g, " ");
  const lines: string[][] = [];
  for (const line of joined.split("\n")) {
    const at = line.search(/node bin\/automl-grid\.js /);
    if (at < 0) continue;
    const command = line
      .slice(at)
      .replace(/\s*(\|\||&&|;|"\s*$).*$/, "")
      .replace(/\$\{\{[^}]*\}\}|\$\{[A-Z_]+\}|\$[A-Z_]+/g, "1")
      .replace(/"/g, "");
    const args = command.split(/\s+/).filter((arg) => arg !== "");
    lines.push(args.slice(2));
  }
  return lines;
}

const files = readdirSync(repoPath("examples"));

test("examples/ has a GitHub Actions workflow, a Kubernetes Indexed Job and a Slurm array script", () => {
  assert.deepEqual(files.sort(), ["github-actions.yml", "kubernetes-indexed-job.yaml", "slurm-array.sh"]);
});

for (const file of files) {
  test(`every automl-grid command line in examples/${file} parses with the current options`, async () => {
    const commands = commandLines(readFileSync(repoPath("examples", file), "utf8"));
    assert.ok(commands.length >= 2, `found ${commands.length} command lines in ${file}`);
    assert.ok(commands.some((args) => args.includes("--shard")), "a shard command");
    assert.ok(commands.some((args) => args[0] === "merge"), "a merge command");
    for (const args of commands) await checkCommandLine(args);
  });
}

test("checkCommandLine rejects an option that does not exist, so a stale example fails here", async () => {
  await assert.rejects(checkCommandLine(["data.csv", "--target", "y", "--by", "s", "--shards", "0/8"]));
  await assert.rejects(checkCommandLine(["data.csv", "--target", "y", "--by", "s", "--shard", "8/8"]), /--shard 8\/8/);
});
