import assert from "node:assert/strict";
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

test("a single table's notes wait for its first fitted model, its done line for its release", () => {
  const { progress, lines } = recorder();
  const held = heldBack(progress);
  held.events.note?.("task: classification");
  assert.deepEqual(lines, []);
  held.events.fit?.();
  assert.deepEqual(lines, ["note task: classification", "fit"]);
  held.events.note?.("column name is an identifier");
  held.events.partitionDone?.(ok, 1, 1);
  assert.deepEqual(lines, ["note task: classification", "fit", "note column name is an identifier"]);
  held.release();
  assert.deepEqual(lines, ["note task: classification", "fit", "note column name is an identifier", "done ok"]);
});

test("a table refused before any fit shows nothing until released (exit 2 prints its one line instead)", () => {
  const { progress, lines } = recorder();
  const held = heldBack(progress);
  held.events.note?.("task: classification");
  held.events.partitionDone?.({ ...ok, status: "skipped" }, 1, 1);
  assert.deepEqual(lines, []);
});
