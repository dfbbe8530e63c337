import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { openJournal } from "../../src/cli/journalFile.js";
import type { PartitionResult } from "../../src/evaluate/grid.js";
import { journalManifestLine, journalResultLine, parseJournal } from "../../src/report/journal.js";
import { tempFiles } from "../helpers.js";
import { gridRow, metadataFor } from "../report/gridFixtures.js";

const metadata = metadataFor([]);
const table: PartitionResult = { key: [], status: "ok", reason: "", rows: [gridRow("Logistic Regression", { Accuracy: 0.75 })], notes: [] };
const noWarning = (message: string): never => assert.fail(message);

test("a held journal writes nothing until commit: a new one is not created, an existing one (a cut last line included) is left byte for byte", () => {
  const dir = tempFiles();
  const fresh = join(dir, "new.jsonl");
  const journal = openJournal(fresh, noWarning, true);
  assert.equal(journal.begin(metadata), null);
  journal.record(table);
  journal.close();
  assert.ok(!existsSync(fresh));

  const existing = join(dir, "old.jsonl");
  const before = journalManifestLine(metadata) + '{"key":[],"sta';
  writeFileSync(existing, before);
  const held = openJournal(existing, noWarning, true);
  assert.deepEqual(held.begin(metadata), []);
  held.record(table);
  held.close();
  assert.equal(readFileSync(existing, "utf8"), before);
});

test("a held journal, committed, holds what a journal written as the run went would: its manifest and every recorded result", () => {
  const dir = tempFiles();
  const held = join(dir, "held.jsonl");
  const live = join(dir, "live.jsonl");
  for (const [path, hold] of [[held, true], [live, false]] as const) {
    const journal = openJournal(path, noWarning, hold);
    journal.begin(metadata);
    journal.record(table);
    journal.commit();
    journal.close();
  }
  assert.equal(readFileSync(held, "utf8"), readFileSync(live, "utf8"));
  assert.deepEqual(parseJournal(held, readFileSync(held, "utf8")).results, [table]);

  // An existing journal loses its cut line at commit, and gets the new result after its own.
  const cut = join(dir, "cut.jsonl");
  writeFileSync(cut, journalManifestLine(metadata) + journalResultLine({ ...table, status: "failed", reason: "died", rows: [] }) + '{"key":[');
  const journal = openJournal(cut, noWarning, true);
  journal.begin(metadata);
  journal.record(table);
  journal.commit();
  assert.deepEqual(parseJournal(cut, readFileSync(cut, "utf8")).results, [table]);
  assert.ok(readFileSync(cut, "utf8").endsWith(journalResultLine(table)));
});
