import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import { createProgress } from "../../src/cli/progress.js";
import type { PartitionResult } from "../../src/evaluate/grid.js";

function sink(): { stream: Writable; text: () => string } {
  let text = "";
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

const ok: PartitionResult = { key: ["female"], status: "ok", reason: "", rows: [], notes: [] };
const bad: PartitionResult = { key: ["male"], status: "failed", reason: "the target y has one class (0)", rows: [], notes: [] };

async function drive(interactive: boolean, quiet: boolean): Promise<string> {
  const { stream, text } = sink();
  const progress = await createProgress({ stderr: stream, interactive, quiet, by: ["Sex"] });
  progress.partitionsFound?.(2);
  progress.fit?.();
  progress.fit?.();
  progress.note?.("column Name is an identifier (every value is distinct): dropped");
  progress.partitionDone?.(ok, 1, 2);
  progress.fit?.();
  progress.partitionDone?.(bad, 2, 2);
  progress.stop();
  return text();
}

test("in a pipe, progress is one plain line per finished partition, with its key and status", async () => {
  const lines = (await drive(false, false)).trimEnd().split("\n");
  assert.equal(lines.length, 3);
  assert.equal(lines[0], "automl-grid: column Name is an identifier (every value is distinct): dropped");
  assert.match(lines[1], /^automl-grid: partition Sex=female done \(1\/2, ok\) \d+\.\ds$/);
  assert.match(lines[2], /^automl-grid: partition Sex=male done \(2\/2, failed: the target y has one class \(0\)\) \d+\.\ds$/);
});

test("--quiet silences progress but not notes", async () => {
  assert.equal(await drive(false, true), "automl-grid: column Name is an identifier (every value is distinct): dropped\n");
  assert.equal(await drive(true, true), "automl-grid: column Name is an identifier (every value is distinct): dropped\n");
});

test("on a terminal, a spinner counts partitions and fits and leaves one summary line", async () => {
  const text = await drive(true, false);
  // The final frame: partitions done / total, models fitted, elapsed, and the failures.
  assert.match(text, /partitions 2\/2 · models fitted 3 · \d+\.\ds · 1 failed/);
  assert.match(text, /automl-grid: column Name is an identifier/);
  assert.doesNotMatch(text, /done \(1\/2/, "no per-partition lines under a spinner");
});
