import assert from "node:assert/strict";
import { test } from "node:test";
import type { PartitionResult } from "../src/evaluate/grid.js";
import { resumeRun, type RunJournal } from "../src/resumeRun.js";
import type { RunMetadata } from "../src/report/runMetadata.js";
import { metadataFor } from "./report/gridFixtures.js";

const metadata = metadataFor(["g"]);
const partitions = [{ key: ["a"] }, { key: ["b"] }, { key: ["c"] }, { key: ["d"] }];
const result = (key: string, status: PartitionResult["status"]): PartitionResult => ({ key: [key], status, reason: status === "ok" ? "" : "why", rows: [], notes: [] });

function journal(recorded: readonly PartitionResult[] | null): RunJournal & { readonly began: RunMetadata[] } {
  const began: RunMetadata[] = [];
  return { name: "run.journal", began, begin: (m) => (began.push(m), recorded), record: () => undefined };
}

test("partitions the journal holds as ok or skipped are resumed in the input's order; failed ones are scored again", () => {
  const j = journal([result("c", "ok"), result("a", "skipped"), result("b", "failed"), result("z", "ok")]);
  const { resumed, todo, note } = resumeRun(partitions, metadata, j);
  assert.deepEqual(resumed.map((r) => r.key[0]), ["a", "c"]);
  assert.deepEqual(todo.map((p) => p.key[0]), ["b", "d"]);
  assert.equal(note, "resumed 2 of 4 partitions from run.journal");
  assert.deepEqual(j.began, [metadata]);
});

test("a new journal, or none, scores every partition and says nothing", () => {
  for (const j of [journal(null), undefined]) {
    const { resumed, todo, note } = resumeRun(partitions, metadata, j);
    assert.deepEqual(resumed, []);
    assert.equal(todo.length, 4);
    assert.equal(note, null);
  }
});

test("the note counts one partition as a partition", () => {
  assert.equal(resumeRun([{ key: ["a"] }], metadata, journal([result("a", "ok")])).note, "resumed 1 of 1 partition from run.journal");
});
