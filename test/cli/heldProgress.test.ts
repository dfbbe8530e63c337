import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { test } from "node:test";
import { heldBack } from "../../src/cli/heldProgress.js";
import type { Progress } from "../../src/cli/progress.js";
import type { PartitionResult } from "../../src/evaluate/grid.js";

function recorder(): { progress: Progress; lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    progress: {
      note: (message) => void lines.push(`note ${message}`),
      fit: () => void lines.push("fit"),
      partitionDone: (result) => void lines.push(`done ${result.status}`),
      stop: () => undefined,
    },
  };
}

const ok: PartitionResult = { key: [], status: "ok", reason: "", rows: [], notes: [] };

test("a single table's notes and done line wait for its release, then come in their order", () => {
  const { progress, lines } = recorder();
  const held = heldBack(progress, 60);
  held.events.note?.("task: classification");
  held.events.fit?.();
  held.events.partitionDone?.(ok, 1, 1);
  held.events.note?.("column Name is an identifier");
  assert.deepEqual(lines, ["fit"]);
  held.release();
  assert.deepEqual(lines, ["fit", "note task: classification", "done ok", "note column Name is an identifier"]);
});

test("a long run's held lines go out after the heartbeat's interval, and later ones pass straight through", async () => {
  const { progress, lines } = recorder();
  const held = heldBack(progress, 0.05);
  held.events.note?.("task: classification");
  assert.deepEqual(lines, []);
  await sleep(200);
  assert.deepEqual(lines, ["note task: classification"]);
  held.events.note?.("column Name is an identifier");
  assert.deepEqual(lines, ["note task: classification", "note column Name is an identifier"]);
  held.release();
  assert.equal(lines.length, 2);
});

test("a refused table's held lines are never shown, even after the interval", async () => {
  const { progress, lines } = recorder();
  const held = heldBack(progress, 0.05);
  held.events.note?.("task: classification");
  held.events.partitionDone?.({ ...ok, status: "skipped" }, 1, 1);
  held.discard();
  await sleep(200);
  assert.deepEqual(lines, []);
});
