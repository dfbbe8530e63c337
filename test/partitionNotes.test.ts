import assert from "node:assert/strict";
import { test } from "node:test";
import type { PartitionResult } from "../src/evaluate/grid.js";
import { PartitionNotes } from "../src/partitionNotes.js";

const result = (key: readonly string[], notes: readonly string[]): PartitionResult => ({ key, status: "ok", reason: "", rows: [], notes });

test("a note said by several partitions is one line naming them in key order, whatever order they finished in", () => {
  const notes = new PartitionNotes();
  notes.add(result(["10"], ["column Name is an identifier"]));
  notes.add(result(["9"], ["column Name is an identifier", "using 3 folds instead of 10"]));
  notes.add(result(["2"], ["column Name is an identifier"]));
  assert.deepEqual(notes.lines(["store"], 5), [
    "3 partitions: (store=2), (store=9), (store=10): column Name is an identifier",
    "store=9: using 3 folds instead of 10",
  ]);
});

test("a note from every partition says so, and more than three partitions are shown as the first three and a count", () => {
  const every = new PartitionNotes();
  for (const k of ["a", "b"]) every.add(result([k], ["dropped"]));
  assert.deepEqual(every.lines(["g"], 2), ["all 2 partitions: dropped"]);
  const many = new PartitionNotes();
  for (const k of ["a", "b", "c", "d"]) many.add(result([k], ["dropped"]));
  assert.deepEqual(many.lines(["g"], 9), ["4 partitions: (g=a), (g=b), (g=c), ...: dropped"]);
});

test("without --by columns a note is said as it is", () => {
  const notes = new PartitionNotes();
  notes.add(result([], ["column Name is an identifier"]));
  assert.deepEqual(notes.lines([], 1), ["column Name is an identifier"]);
});
