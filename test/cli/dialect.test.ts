import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { type CliRun, jsonRows, repoPath, runCli, tempFiles } from "../helpers.js";

type Row = Record<string, string | number | null>;

/** Two well-separated classes on x: every model scores 1.0 when x is read as the number it is. */
function separable(n: number, row: (i: number, label: string, x: string) => string, header: string): string {
  const lines = [header];
  for (let i = 0; i < n; i++) {
    const positive = i % 2 === 1;
    const x = (positive ? 5 + (i % 7) / 10 : -5 - (i % 7) / 10).toFixed(2);
    lines.push(row(i, positive ? "yes" : "no", x));
  }
  return lines.join("\n") + "\n";
}

const quick = ["--models", "lr,nb", "--folds", "3", "--quiet", "--format", "json"];

function grid(result: CliRun): Row[] {
  assert.equal(result.status, 0, result.stderr);
  return jsonRows<Row>(result.stdout);
}

function oneErrorLine(result: CliRun, message: RegExp): void {
  assert.equal(result.status, 2, result.stderr);
  assert.equal(result.stdout, "");
  const lines = result.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0], message);
  assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
}

/** Six tags a row, drawn by a hash of the row and the slot: no tag says anything about the label. */
const tags = (i: number): string =>
  Array.from({ length: 6 }, (_, k) => "abcdef"[((Math.imul(i + 1, 2654435761) ^ Math.imul(k + 1, 40503)) >>> 0) % 6]).join("|");

const dir = tempFiles({
  // A valid comma file whose tags hold five pipes a row against three commas: the children used
  // to re-parse each partition on pipes.
  "pipes.csv": separable(120, (i, label, x) => `g${(i >> 1) % 2},${tags(i)},${x},${label}`, "g,tags,x,y"),
  "semicolons.csv": separable(90, (i, label, x) => `${x.replace(".", ",")};${((i * 37) % 11) / 4};${label}`.replace(/(\d)\.(\d)/g, "$1,$2"), "x1;x2;y"),
  "overflow.csv": separable(40, (i, label, x) => `${i === 13 ? "1e400" : x},${label}`, "x,y"),
  // Tab-separated, but every line also holds one comma: the sniffer's tie goes to the comma.
  "tabs.csv": separable(60, (i, label, x) => `Doe, J${i % 3}\t${x}\t${label}`, "name, title\tx\ty"),
  "one-column.csv": "y\n1\n0\n1\n",
  "bom-quoted.csv": `\uFEFF"id","x","y"\n${separable(40, (i, label, x) => `${i},${x},${label}`, "").slice(1)}`,
});

test("a comma file whose fields hold more pipes than commas is parsed on commas: Accuracy 1.0 on a clean case", () => {
  const rows = grid(runCli([join(dir, "pipes.csv"), "--target", "y", "--by", "g", "--ignore", "tags", ...quick]));
  assert.equal(rows.length, 4);
  for (const row of rows) assert.equal(row.Accuracy, 1, `${row.g} ${row.Model}`);
});

test("a Latin-1 file is refused (exit 2, one line naming the line, suggesting --encoding); with --encoding latin1 café, cafè and cafe stay three partitions", () => {
  const towns = ["café", "cafè", "cafe"];
  const text = separable(90, (i, label, x) => `${towns[i % 3]},${x},${label}`, "town,x,y");
  const path = join(dir, "towns.csv");
  writeFileSync(path, Buffer.from(text, "latin1"));
  oneErrorLine(runCli([path, "--target", "y", "--by", "town", ...quick]), /towns\.csv: line 2 is not valid UTF-8 \(byte 0xE9\); .*--encoding latin1/);
  for (const label of ["latin1", "windows-1252"]) {
    const rows = grid(runCli([path, "--target", "y", "--by", "town", ...quick, "--encoding", label]));
    assert.deepEqual([...new Set(rows.map((row) => row.town))], ["cafe", "cafè", "café"]);
    for (const row of rows) assert.equal(row.Accuracy, 1);
  }
});

test("a ;-separated file with decimal commas is numeric with --decimal , and gets one note per column without", () => {
  const path = join(dir, "semicolons.csv");
  const withMark = runCli([path, "--target", "y", ...quick.filter((arg) => arg !== "--quiet"), "--decimal", ","]);
  for (const row of grid(withMark)) assert.equal(row.Accuracy, 1);
  assert.doesNotMatch(withMark.stderr, /typed categorical|identifier/);
  const without = runCli([path, "--target", "y", ...quick]);
  assert.equal(without.status, 0, without.stderr);
  const notes = without.stderr.split("\n").filter((line) => line.includes("typed categorical"));
  assert.equal(notes.length, 2, without.stderr);
  assert.match(notes[0], /^automl-grid: column x1 is typed categorical: "-5,00" at row 1 is not a number \(0 of 90 values are numbers; 90 have a decimal comma: try --decimal ,\)$/);
  assert.match(notes[1], /^automl-grid: column x2 is typed categorical: ".*" at row \d+ is not a number \(\d+ of 90 values are numbers; \d+ have a decimal comma: try --decimal ,\)$/);
});

test("one 1e400 among numbers is said on stderr, with its row", () => {
  const result = runCli([join(dir, "overflow.csv"), "--target", "y", ...quick]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /automl-grid: column x is typed categorical: "1e400" at row 14 is out of a double's range \(39 of 40 values are numbers\)/);
});

test("--delimiter overrides a wrong guess (tab, given as tab or \\t)", () => {
  const path = join(dir, "tabs.csv");
  oneErrorLine(runCli([path, "--target", "y", ...quick]), /--target y: no such column/);
  for (const tab of ["tab", "\\t", "\t"]) {
    const rows = grid(runCli([path, "--target", "y", ...quick, "--delimiter", tab]));
    for (const row of rows) assert.equal(row.Accuracy, 1);
  }
});

test("a FIFO is read as a stream, as - is", async () => {
  const fifo = join(tempFiles(), "input.csv");
  execFileSync("mkfifo", [fifo]);
  const writer = spawn("sh", ["-c", 'cat "$0" > "$1"', join(dir, "pipes.csv"), fifo], { stdio: "ignore" });
  const exited = once(writer, "exit");
  try {
    const rows = grid(runCli([fifo, "--target", "y", "--ignore", "tags", ...quick]));
    assert.ok(rows.every((row) => row.Accuracy === 1));
  } finally {
    // A writer nobody opened the FIFO for would block forever: stop it (a no-op once it is done).
    setTimeout(() => writer.kill(), 2000).unref();
    await exited;
  }
});

test("a shell's <(zcat x.csv.gz), a /dev/fd path, is read as a stream", () => {
  const gz = join(dir, "pipes.csv.gz");
  writeFileSync(gz, execFileSync("gzip", ["-c", join(dir, "pipes.csv")]));
  const result = spawnSync("bash", ["-c", `"${process.execPath}" "${repoPath("bin", "automl-grid.js")}" <(zcat "${gz}") --target y --ignore tags ${quick.join(" ")}`], {
    encoding: "utf8",
  });
  assert.ok(grid({ status: result.status, stdout: result.stdout, stderr: result.stderr }).every((row) => row.Accuracy === 1));
});

test("a one-column file gets the no-feature-columns message, saying the header is one column", () => {
  const result = runCli([join(dir, "one-column.csv"), "--target", "y", ...quick]);
  oneErrorLine(result, /one-column\.csv: no feature columns left after --target, --by, --fold-column and --ignore \(the header is one column, "y"/);
  assert.doesNotMatch(result.stderr, /auto-detect/i);
});

test("a byte order mark before a quoted header: the first column is named without quotes", () => {
  const rows = grid(runCli([join(dir, "bom-quoted.csv"), "--target", "y", "--ignore", "id", ...quick]));
  for (const row of rows) assert.equal(row.Accuracy, 1);
});

test("the dialect options are checked at the door: exit 2, one line naming the option", () => {
  const path = join(dir, "semicolons.csv");
  const cases: [string[], RegExp][] = [
    [["--encoding", "klingon"], /--encoding klingon: unknown encoding/],
    [["--delimiter", "ab"], /--delimiter ab: expected one character, tab, or auto/],
    [["--delimiter", '"'], /--delimiter ": cannot be a quote or a line end/],
    [["--decimal", ";"], /--decimal ;: expected \. or ,/],
    [["--decimal", ",", "--delimiter", ","], /--decimal ,: the decimal mark cannot also be the --delimiter/],
  ];
  for (const [args, message] of cases) oneErrorLine(runCli([path, "--target", "y", ...quick, ...args]), message);
});

test("a shard's manifest records the dialect, since it changes the numbers", () => {
  const result = runCli([join(dir, "semicolons.csv"), "--target", "y", "--by", "x2", "--shard", "0/1", "--models", "nb", "--quiet", "--decimal", ",", "--encoding", "latin1"]);
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  const manifest = JSON.parse(result.stdout.split("\n")[0]) as { automl_grid: { options: Record<string, unknown> } };
  const { delimiter, encoding, decimal } = manifest.automl_grid.options;
  assert.deepEqual({ delimiter, encoding, decimal }, { delimiter: "auto", encoding: "windows-1252", decimal: "," });
});
