import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
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

/** stdin delivering the bytes `size` at a time, as a pipe or a FIFO may. */
function chunked(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return Readable.from(chunks);
}

test("a byte order mark before a quoted header leaves no quotes in the first name", async () => {
  const dir = tempFiles({ "bom.csv": '\uFEFF"id","name","y"\r\n1,"a",0\r\n' });
  const { header, rows } = await readAll(join(dir, "bom.csv"));
  assert.deepEqual(header, ["id", "name", "y"]);
  assert.deepEqual(rows, [["1", "a", "0"]]);
});

test("readCsv reads \\n, \\r\\n and \\r-only line ends alike", async () => {
  const rows = [["1", "x", "0"], ["2", "y", "1"]];
  for (const end of ["\n", "\r\n", "\r"]) {
    const text = ["a,b,y", "1,x,0", "2,y,1"].join(end) + end;
    assert.deepEqual((await readAll("-", Readable.from([Buffer.from(text)]))).rows, rows, JSON.stringify(end));
  }
});

test("a file mixing CRLF and LF line ends (a CRLF header over LF rows, quoted last cells) reads every row", async () => {
  const rows = Array.from({ length: 30 }, (_, i) => [String(i), i % 3 ? "x" : "y", String(i % 2)]);
  const lines = rows.map((row, i) => (i % 4 === 0 ? `${row[0]},"${row[1]}","${row[2]}"` : row.join(",")));
  const text = "a,b,y\r\n" + lines.map((line, i) => line + (i % 5 === 0 ? "\r\n" : "\n")).join("");
  for (const size of [1, 7, 4096]) {
    assert.deepEqual((await readAll("-", chunked(Buffer.from(text), size))).rows, rows, `chunks of ${size}`);
  }
});

test("an Excel sep=; first line names the delimiter and is not the header", async () => {
  const text = "sep=;\r\nx;c;y\r\n1,5;a;0\r\n2;b;1\r\n";
  const read = await readAll("-", chunked(Buffer.from(text), 4096));
  assert.equal(read.delimiter, ";");
  assert.deepEqual(read.header, ["x", "c", "y"]);
  assert.deepEqual(read.rows, [["1,5", "a", "0"], ["2", "b", "1"]]);
});

test("readCsv keeps embedded quotes and line breaks of quoted fields", async () => {
  const text = 'a,b,y\n1,"two\nlines, ""quoted""",0\n2,"cr\r\nlf",1\n';
  const { rows } = await readAll("-", Readable.from([Buffer.from(text)]));
  assert.deepEqual(rows, [
    ["1", 'two\nlines, "quoted"', "0"],
    ["2", "cr\r\nlf", "1"],
  ]);
});

test("readCsv decodes multi-byte characters, and a byte order mark, cut across chunks of one byte", async () => {
  const text = "\uFEFFtown;emoji;y\ncafé;😀;0\n東京;🇫🇷;1\n";
  const { header, rows, delimiter } = await readAll("-", chunked(Buffer.from(text), 1));
  assert.equal(delimiter, ";");
  assert.deepEqual(header, ["town", "emoji", "y"]);
  assert.deepEqual(rows, [["café", "😀", "0"], ["東京", "🇫🇷", "1"]]);
});

test("a 1 MB field is read whole, and the delimiter is still sniffed past it", async () => {
  const big = "z".repeat(1 << 20);
  const text = `a;b;y\n${big};1;0\n2;3;1\n`;
  const { rows, delimiter } = await readAll("-", chunked(Buffer.from(text), 4096));
  assert.equal(delimiter, ";");
  assert.equal(rows[0][0].length, 1 << 20);
  assert.deepEqual(rows[1], ["2", "3", "1"]);
});

test("invalid UTF-8 is refused, naming the file and the line of the first bad byte", async () => {
  const dir = tempFiles();
  const path = join(dir, "latin1.csv");
  writeFileSync(path, Buffer.from("town,x,y\ncafe,1,0\ncaf\xe9,2,1\n", "latin1"));
  const expected = `${path}: line 3 is not valid UTF-8 (byte 0xE9); for a Latin-1 or Windows export give --encoding latin1 or --encoding windows-1252`;
  await assert.rejects(readAll(path), (error: unknown) => error instanceof InputError && error.message === expected);
  // The same line whatever the chunks, and a character cut off by the end of the input counts too.
  const bytes = Buffer.from("town,x,y\ncafe,1,0\ncaf\xe9,2,1\n", "latin1");
  await assert.rejects(readAll("-", chunked(bytes, 1)), /stdin: line 3 is not valid UTF-8 \(byte 0xE9\)/);
  const truncated = Buffer.concat([Buffer.from("a,y\n1,0\n2,"), Buffer.from("€").subarray(0, 2)]);
  await assert.rejects(readAll("-", chunked(truncated, 3)), /stdin: line 3 is not valid UTF-8 \(byte 0xE2\)/);
});

test("the bad byte's line is counted as the reader splits lines: CR-only and CRLF files name the same line as LF ones", async () => {
  for (const end of ["\r", "\r\n", "\n"]) {
    const bytes = Buffer.from(["town,x,y", "cafe,1,0", "caf\xe9,2,1", ""].join(end), "latin1");
    for (const size of [1, 2, 4096]) {
      await assert.rejects(readAll("-", chunked(bytes, size)), /stdin: line 3 is not valid UTF-8 \(byte 0xE9\)/, `${JSON.stringify(end)}, chunks of ${size}`);
    }
  }
});

test("a UTF-16 file without --encoding, or a gzip file, is named for what it is, not given Latin-1 advice", async () => {
  const text = "a,b,y\n1,2,0\n3,4,1\n";
  const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  await assert.rejects(readAll("-", chunked(utf16le, 4096)), /^InputError: stdin: starts with a UTF-16 little-endian byte order mark; give --encoding utf-16le$/);
  const utf16be = Buffer.from([0xfe, 0xff, ...Buffer.from(text, "utf16le").swap16()]);
  await assert.rejects(readAll("-", chunked(utf16be, 4096)), /^InputError: stdin: starts with a UTF-16 big-endian byte order mark; give --encoding utf-16be$/);
  await assert.rejects(readAll("-", chunked(gzipSync(text), 4096)), /^InputError: stdin: is gzip-compressed; decompress it first/);
});

test("a bad byte far into the file, after the sniffed start, is found on its line across chunks", async () => {
  const rows = Array.from({ length: 20000 }, (_, i) => `${i % 2 === 0 ? "Zürich" : "Genève"},${i},${i % 2}`);
  const bytes = Buffer.concat([Buffer.from(`town,x,y\n${rows.join("\n")}\n`), Buffer.from("caf\xe9,1,0\n", "latin1")]);
  for (const size of [65536, 1000, 7]) {
    await assert.rejects(readAll("-", chunked(bytes, size)), /^InputError: stdin: line 20002 is not valid UTF-8 \(byte 0xE9\)/, `chunks of ${size}`);
  }
});

test("--encoding latin1 (windows-1252) and utf-16le decode what UTF-8 refuses", async () => {
  const dir = tempFiles();
  // 0x80 is € in windows-1252, the encoding WHATWG (and TextDecoder) means by latin1.
  writeFileSync(join(dir, "latin1.csv"), Buffer.concat([Buffer.from("town,y\ncafé,0\ncafè,1\n", "latin1"), Buffer.from([0x80]), Buffer.from("x,1\n")]));
  const latin1 = await readAll(join(dir, "latin1.csv"), undefined, { encoding: "windows-1252" });
  assert.deepEqual(latin1.rows.map((row) => row[0]), ["café", "cafè", "€x"]);
  writeFileSync(join(dir, "utf16.csv"), Buffer.from("\uFEFFtown\ty\nZürich\t0\n", "utf16le"));
  const utf16 = await readAll(join(dir, "utf16.csv"), undefined, { encoding: "utf-16le" });
  assert.deepEqual(utf16.header, ["town", "y"]);
  assert.deepEqual(utf16.rows, [["Zürich", "0"]]);
});

test("a given delimiter is used as is; a one-column file is one column, with no delimiter error", async () => {
  const text = "a,b|c|y\n1,2|3|0\n";
  const sniffed = await readAll("-", Readable.from([Buffer.from(text)]));
  assert.deepEqual(sniffed.header, ["a", "b|c|y"]);
  const given = await readAll("-", Readable.from([Buffer.from(text)]), { delimiter: "|" });
  assert.equal(given.delimiter, "|");
  assert.deepEqual(given.header, ["a,b", "c", "y"]);
  assert.deepEqual(given.rows, [["1,2", "3", "0"]]);
  const one = await readAll("-", Readable.from([Buffer.from("y\n1\n0\n")]));
  assert.deepEqual(one.header, ["y"]);
  assert.deepEqual(one.rows, [["1"], ["0"]]);
});

test("a ragged row under a sniffed delimiter says which one was used; under a given one it does not", async () => {
  const text = "a;b;y\n1;2;0\n1;2\n";
  await assert.rejects(readAll("-", Readable.from([Buffer.from(text)])), /row 2 has 2 fields, the header has 3 \(delimiter ";" detected from the first lines; --delimiter sets it\)$/);
  await assert.rejects(readAll("-", Readable.from([Buffer.from(text)]), { delimiter: ";" }), /row 2 has 2 fields, the header has 3$/);
});

test("a directory is refused as an input; any other path that exists is read as a stream", async () => {
  const dir = tempFiles();
  await assert.rejects(readAll(dir), (error: unknown) => error instanceof InputError && error.message === `${dir}: is a directory, not a CSV file`);
});
