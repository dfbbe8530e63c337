import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import { createProgress, type ProgressOptions } from "../../src/cli/progress.js";
import type { PartitionResult } from "../../src/evaluate/grid.js";
import { repoPath, runCli } from "../helpers.js";

function sink(): { stream: Writable; lines: () => string[] } {
  let text = "";
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, lines: () => text.split("\n").filter((line) => line !== "") };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const HEARTBEAT = /^automl-grid: still working: partitions \d+\/\d+, models fitted \d+, elapsed \d+\.\ds$/;

async function silentRun(options: Partial<ProgressOptions>): Promise<string[]> {
  const { stream, lines } = sink();
  const progress = await createProgress({ stderr: stream, interactive: false, quiet: false, by: ["g"], heartbeatSeconds: 0.02, ...options });
  progress.partitionsFound?.(3);
  progress.fit?.();
  progress.fit?.();
  // Timers fire in order of their due time: the heartbeat's (20 ms) before this wait's end.
  await sleep(150);
  progress.stop();
  const said = lines();
  await sleep(60);
  assert.deepEqual(lines(), said, "nothing after stop");
  return said;
}

test("in a pipe, a run that prints nothing for the interval says it is still working, with its counts; not with --quiet, nor on a terminal", async () => {
  const lines = await silentRun({});
  assert.ok(lines.length >= 1, "at least one heartbeat");
  for (const line of lines) assert.match(line, HEARTBEAT);
  assert.match(lines[0], /partitions 0\/3, models fitted 2,/);
  assert.deepEqual(await silentRun({ quiet: true }), []);
  // The spinner shows the same counts.
  assert.ok((await silentRun({ interactive: true })).every((line) => !line.includes("still working")));
});

test("every line printed puts the next heartbeat a full interval later", async () => {
  const { stream, lines } = sink();
  const progress = await createProgress({ stderr: stream, interactive: false, quiet: false, by: ["g"], heartbeatSeconds: 0.2 });
  progress.partitionsFound?.(12);
  // A partition done every 20 ms: each line's timer is due before the heartbeat it postpones.
  for (let i = 1; i <= 12; i++) {
    await sleep(20);
    const result: PartitionResult = { key: [String(i)], status: i % 4 === 0 ? "skipped" : "ok", reason: i % 4 === 0 ? "the target y has one class (no)" : "", rows: [], notes: [] };
    progress.partitionDone?.(result, i, 12);
  }
  progress.stop();
  assert.equal(lines().length, 12);
  assert.ok(lines().every((line) => !line.includes("still working")));
  assert.match(lines()[3], /^automl-grid: partition g=4 done \(4\/12, skipped: the target y has one class \(no\)\) \d+\.\ds$/);
});

test("the CLI in a pipe prints the heartbeat at the interval AUTOML_GRID_HEARTBEAT_SECONDS sets, and not with --quiet", () => {
  const args = [repoPath("fixtures", "passengers.csv"), "--target", "Survived", "--by", "Sex", "--models", "rf", "--folds", "5", "--format", "csv"];
  const env = { AUTOML_GRID_HEARTBEAT_SECONDS: "0.05" };
  const piped = runCli(args, { env });
  assert.equal(piped.status, 0, piped.stderr);
  const beats = piped.stderr.split("\n").filter((line) => line.includes("still working"));
  assert.ok(beats.length >= 1, piped.stderr);
  for (const line of beats) assert.match(line, HEARTBEAT);
  assert.match(beats[0], /partitions \d\/2,/);
  const quiet = runCli([...args, "--quiet"], { env });
  assert.equal(quiet.status, 0, quiet.stderr);
  assert.doesNotMatch(quiet.stderr, /still working/);
});

test("on a terminal, the spinner's summary counts skipped partitions apart from failed ones", async () => {
  const { stream, lines } = sink();
  const progress = await createProgress({ stderr: stream, interactive: true, quiet: false, by: ["g"] });
  progress.partitionsFound?.(3);
  const result = (key: string, status: PartitionResult["status"]): PartitionResult => ({ key: [key], status, reason: status === "ok" ? "" : "why", rows: [], notes: [] });
  progress.partitionDone?.(result("a", "skipped"), 1, 3);
  progress.partitionDone?.(result("b", "skipped"), 2, 3);
  progress.partitionDone?.(result("c", "failed"), 3, 3);
  progress.stop();
  assert.match(lines().join("\n"), /partitions 3\/3 · models fitted 0 · \d+\.\ds · 2 skipped · 1 failed/);
});
