import assert from "node:assert/strict";
import { join } from "node:path";
import { Readable } from "node:stream";
import { test } from "node:test";
import { DEFAULT_DIALECT, type Dialect } from "../../src/data/dialect.js";
import { readCsv } from "../../src/data/readCsv.js";
import { InputError } from "../../src/errors.js";
import { tempFiles } from "../helpers.js";

interface ReadAll {
  readonly header: readonly string[];
  readonly rows: string[][];
  readonly fingerprint: string;
  readonly delimiter: string;
}

async function readAll(path: string, stdin?: Readable, dialect: Partial<Dialect> = {}): Promise<ReadAll> {
  let header: readonly string[] = [];
  const rows: string[][] = [];
  const result = await readCsv(
    path,
    {
      onHeader: (h) => (header = h),
      onRow: (cells) => rows.push(cells),
    },
    { ...DEFAULT_DIALECT, ...dialect },
    stdin,
  );
  return { header, rows, fingerprint: result.fingerprint, delimiter: result.delimiter };
}

test("readCsv keeps quoted commas and doubled quotes inside a field, trims cells and skips blank lines", async () => {
  const dir = tempFiles({ "a.csv": '\uFEFFid, name ,y\n1,"Braund, Mr. ""Owen""",0\n\n2, plain ,1\n' });
  const { header, rows } = await readAll(join(dir, "a.csv"));
  assert.deepEqual(header, ["id", "name", "y"]);
  assert.deepEqual(rows, [
    ["1", 'Braund, Mr. "Owen"', "0"],
    ["2", "plain", "1"],
  ]);
});

test("readCsv reads stdin when the path is -, and fingerprints the bytes", async () => {
  const text = "a,y\n1,0\n2,1\n";
  const fromStdin = await readAll("-", Readable.from([Buffer.from(text)]));
  const dir = tempFiles({ "same.csv": text });
  const fromFile = await readAll(join(dir, "same.csv"));
  assert.deepEqual(fromStdin.rows, [["1", "0"], ["2", "1"]]);
  assert.equal(fromStdin.fingerprint, fromFile.fingerprint);
  assert.match(fromFile.fingerprint, /^[0-9a-f]{64}$/);
});

test("readCsv names the file and the row of a ragged row", async () => {
  const dir = tempFiles({ "ragged.csv": "a,b,y\n1,2,0\n1,2\n" });
  const path = join(dir, "ragged.csv");
  await assert.rejects(readAll(path), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.equal(error.message, `${path}: row 2 has 2 fields, the header has 3 (delimiter "," detected from the first lines; --delimiter sets it)`);
    return true;
  });
});

test("readCsv rejects a missing file, an empty file and a header without rows", async () => {
  const dir = tempFiles({ "empty.csv": "", "header.csv": "a,b,y\n" });
  await assert.rejects(readAll(join(dir, "nope.csv")), /nope\.csv: no such file/);
  await assert.rejects(readAll(join(dir, "empty.csv")), /empty\.csv: empty file/);
  await assert.rejects(readAll(join(dir, "header.csv")), /header\.csv: has a header but no data rows/);
});
