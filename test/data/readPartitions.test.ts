import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { test } from "node:test";
import { DEFAULT_DIALECT, type Dialect } from "../../src/data/dialect.js";
import { parseRowsText, rowsText } from "../../src/data/rowText.js";
import { readPartitions, type PartitionedInput } from "../../src/data/readPartitions.js";
import { UsageError } from "../../src/errors.js";
import { join } from "node:path";
import { tempFiles } from "../helpers.js";

function read(text: string, options: { by?: string[]; target?: string; ignore?: string[]; foldColumn?: string | null } & Partial<Dialect> = {}): Promise<PartitionedInput> {
  return readPartitions(
    { ...DEFAULT_DIALECT, input: "-", target: "y", by: [], foldColumn: null, ignore: [], shard: null, ...options },
    Readable.from([Buffer.from(text)]),
  );
}

const rowsOf = (input: PartitionedInput, index: number): string[][] => parseRowsText(rowsText(input.partitions[index].lines));

test("with --decimal , every cell but the --by keys is read in the dot form, once, in the parent", async () => {
  const input = await read("g;x;name;y\n1,5;2,5;5,1 kg;0\n1,5;-0,25;a;1,0\n", { by: ["g"], decimal: "," });
  assert.deepEqual(input.partitions.map((p) => p.key), [["1,5"]]);
  assert.deepEqual(rowsOf(input, 0), [
    ["1,5", "2.5", "5,1 kg", "0"],
    ["1,5", "-0.25", "a", "1.0"],
  ]);
  assert.deepEqual(input.notes, []);
});

test("rows are held with the columns the children read only: an --ignore'd column (a long text) is dropped in the parent", async () => {
  const note = "x".repeat(5000);
  const input = await read(`id,g,note,x,f,y\n1,a,${note},0.5,0,no\n2,b,${note},1.5,1,yes\n`, { by: ["g"], ignore: ["id", "note"], foldColumn: "f" });
  assert.deepEqual(input.header, ["g", "x", "f", "y"]);
  assert.deepEqual(input.features, ["x"]);
  assert.deepEqual(rowsOf(input, 0), [["a", "0.5", "0", "no"]]);
  assert.ok(input.partitions.every((partition) => partition.lines.every((line) => line.length < 100)));
});

test("without --decimal , the same file gets one note per mostly-numeric column, and the cells stay as written", async () => {
  const input = await read("x1;x2;y\n5,1;3,2;0\n4,9;3;1\n6,0;2,8;0\n", {});
  assert.deepEqual(rowsOf(input, 0)[0], ["5,1", "3,2", "0"]);
  assert.deepEqual(input.notes, [
    'column x1 is typed categorical: "5,1" at row 1 is not a number (0 of 3 values are numbers; 3 have a decimal comma: try --decimal ,)',
    'column x2 is typed categorical: "3,2" at row 1 is not a number (1 of 3 values are numbers; 2 have a decimal comma: try --decimal ,)',
  ]);
});

test("notes count only the rows that are scored: the target's and the features', not the keys'", async () => {
  const input = await read("g,x,y\nA,1,0\nB,2,1\nA,oops,1\nC,3,\nB,4,0\nA,1e400,1\n", { by: ["g"] });
  assert.deepEqual(input.notes, ['column x is typed categorical in partition g=A: "oops" at row 3 is not a number (3 of 5 values are numbers over the partitions scored)']);
});

test("a one-column header says so, in the no-feature-columns message and for an unknown column", async () => {
  await assert.rejects(read("y\n1\n0\n"), (error: unknown) => {
    assert.ok(error instanceof UsageError);
    assert.equal(
      error.message,
      'stdin: no feature columns left after --target, --by, --fold-column and --ignore (the header is one column, "y": no , ; tab or | splits it; if the file has another delimiter, give --delimiter)',
    );
    return true;
  });
  await assert.rejects(
    read("a:b:y\n1:2:0\n"),
    /^UsageError: --target y: no such column in stdin \(its header is one column, "a:b:y"; no , ; tab or \| splits it; if the file has another delimiter, give --delimiter\)$/,
  );
  await assert.rejects(read("a,b,y\n1,2,0\n", { target: "a,b,y", decimal: "," }), /\(the header is one column, "a,b,y": no ; tab or \| \(with --decimal , a comma is no delimiter\) splits it;/);
  await assert.rejects(read("a,b,y\n1,2,0\n", { delimiter: ";" }), /\(its header is one column, "a,b,y"; split on ";" as --delimiter says; is that the file's delimiter\?\)$/);
  const colons = await read("a:b:y\n1:2:0\n3:4:1\n", { delimiter: ":" });
  assert.deepEqual(colons.features, ["a", "b"]);
});

test("an unknown column suggests the one meant, else lists the columns, for --target, --by, --fold-column and --ignore", async () => {
  const text = "Survived,Sex,Age,fold,y\n1,male,22,0,1\n0,female,38,1,0\n";
  const refused = (options: { target?: string; by?: string[]; foldColumn?: string; ignore?: string[] }, message: string): Promise<void> =>
    assert.rejects(
      readPartitions({ ...DEFAULT_DIALECT, input: "-", target: "y", by: [], foldColumn: null, ignore: [], shard: null, ...options }, Readable.from([Buffer.from(text)])),
      (error: unknown) => {
        assert.ok(error instanceof UsageError);
        assert.equal(error.message, message);
        return true;
      },
    );
  await refused({ target: "survived" }, "--target survived: no such column in stdin; did you mean Survived?");
  await refused({ by: ["sex"] }, "--by sex: no such column in stdin; did you mean Sex?");
  await refused({ foldColumn: "folds" }, "--fold-column folds: no such column in stdin; did you mean fold?");
  await refused({ ignore: ["Agee"] }, "--ignore Agee: no such column in stdin; did you mean Age?");
  await refused({ target: "churn" }, "--target churn: no such column in stdin; the columns are Survived, Sex, Age, fold, y");
});

const shardText = (() => {
  // Three keys of very different sizes, a missing target, a stray text cell in one partition.
  const lines = ["g,x,y"];
  for (let i = 0; i < 60; i++) lines.push(`${["a", "b", "b", "c", "c", "c"][i % 6]},${i === 5 ? "oops" : i},${i % 2}`);
  lines.push("a,1,");
  return lines.join("\n") + "\n";
})();

async function readShard(input: string, shard: { index: number; count: number } | null, text = shardText, dialect: Partial<Dialect> = {}): Promise<PartitionedInput> {
  return readPartitions(
    { ...DEFAULT_DIALECT, ...dialect, input, target: "y", by: ["g"], foldColumn: null, ignore: [], shard },
    input === "-" ? Readable.from([Buffer.from(text)]) : undefined,
  );
}

test("a shard of a file (read twice) and of stdin (read once) keeps the same partitions, rows and notes", async () => {
  const file = join(tempFiles({ "keys.csv": shardText }), "keys.csv");
  for (let index = 0; index < 2; index++) {
    const fromFile = await readShard(file, { index, count: 2 });
    const fromStdin = await readShard("-", { index, count: 2 });
    assert.deepEqual(fromFile.partitions, fromStdin.partitions);
    assert.deepEqual(fromFile.notes, fromStdin.notes);
    assert.equal(fromFile.fingerprint, fromStdin.fingerprint);
    assert.equal(fromFile.droppedTargets, 1);
    assert.equal(fromFile.dataRows, 61);
  }
  // With --decimal , the held rows are converted as the second pass's are, keys keeping their text.
  const commas = shardText.replace(/,/g, ";").replace(/;(\d+);/g, ";$1,5;").replace(/^a;/gm, "a,0;");
  const commaFile = join(tempFiles({ "commas.csv": commas }), "commas.csv");
  for (let index = 0; index < 2; index++) {
    const fromFile = await readShard(commaFile, { index, count: 2 }, commas, { decimal: "," });
    const fromStdin = await readShard("-", { index, count: 2 }, commas, { decimal: "," });
    assert.deepEqual(fromFile.partitions, fromStdin.partitions);
    assert.deepEqual(fromFile.notes, fromStdin.notes);
  }
  const keys = await readShard(commaFile, { index: 1, count: 2 }, commas, { decimal: "," });
  assert.deepEqual(keys.partitions.map((p) => p.key), [["a,0"], ["b"]]);
  assert.deepEqual(parseRowsText(rowsText(keys.partitions[0].lines))[0], ["a,0", "0.5", "0"]);
});

test("shards split the partitions by rows: c (30 rows) alone, a and b (10 + 20) together; together they hold every row once", async () => {
  const whole = await readShard("-", null);
  const shards = [await readShard("-", { index: 0, count: 2 }), await readShard("-", { index: 1, count: 2 })];
  assert.deepEqual(
    shards.map((input) => input.partitions.map((p) => [p.key[0], p.lines.length])),
    [[["c", 30]], [["a", 10], ["b", 20]]],
  );
  // The stray "oops" (row 6, key c) is said by the shard that scores c only.
  assert.deepEqual(shards[0].notes, ['column x is typed categorical in partition g=c: "oops" at row 6 is not a number (29 of 30 values are numbers over the partitions scored)']);
  assert.deepEqual(shards[1].notes, []);
  const byKey = (inputs: PartitionedInput[]): Map<string, string[]> => new Map(inputs.flatMap((input) => input.partitions.map((p) => [p.key[0], p.lines])));
  assert.deepEqual(byKey(shards), byKey([whole]));
});
